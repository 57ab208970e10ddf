#!/bin/sh
# Checks that the seed's configs, migrated by `otelcfg lint --fix`, are
# accepted by a real collector, and records its verdicts in
# testdata/seed/refcol.golden (see TestRecordSeedFixCollector in
# cmd/otelcfg/seedfix_test.go). CI has no collector: there
# TestSeedFixValidatedByCollector checks that the record covers the configs
# --fix makes today and that every one passed. Run it by hand when a fix
# changes. Never in CI.
#
#   scripts/seedfix-refcol.sh [/path/to/otelcol]    # default /work/refcol/otelcol-ref
#
# The collector must be the reference build (scripts/refcol/build.sh): the
# versions go.mod pins, with the debug, otlp_grpc, otlp_http and
# prometheus_remote_write exporters, the otlp and prometheus receivers, the
# batch and memory_limiter processors and the health_check extension. For each
# of testdata/seed and testdata/seed-blog, the test copies the gateway values
# and the sidecar CR, runs `otelcfg lint --fix` on the copies, renders the
# gateway's config with the chart model and takes the sidecar's spec.config,
# and runs `validate --config` on each with a scrubbed environment holding only
# MY_POD_IP (which the chart's pod template sets).
set -eu
collector=${1:-/work/refcol/otelcol-ref}
case $collector in /*) ;; *) collector=$PWD/$collector ;; esac
cd "$(dirname "$0")/.."
"$collector" --version
OTELCFG_REFCOL=$collector go test ./cmd/otelcfg -run '^TestRecordSeedFixCollector$' -count=1 -v
go test ./cmd/otelcfg -run '^TestSeedFixValidatedByCollector$' -count=1
cat testdata/seed/refcol.golden

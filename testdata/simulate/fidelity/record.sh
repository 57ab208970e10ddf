#!/bin/sh
# Makes the fidelity fixtures under expected/: runs every case under cases/
# through a real collector (see TestRecordFidelityFixtures in
# internal/simulate/fidelity_record_test.go) and keeps what its file
# exporters wrote. Run by hand when a case, a recording or the pinned
# collector version changes; never in CI (CI has no collector: it compares
# simulate with the committed fixtures, TestFidelity).
#
#   testdata/simulate/fidelity/record.sh [/path/to/otelcol] [CASE-REGEXP]
#
# The collector must be built (OCB) at the versions go.mod pins, with the
# otlp_json_file receiver, the file exporter and every processor and
# connector `otelcfg simulate --list` shows.
set -eu
collector=${1:-/work/refcol/otelcol-ref}
cases=${2:-}
case $collector in /*) ;; *) collector=$PWD/$collector ;; esac
cd "$(dirname "$0")/../../.."
"$collector" --version
OTELCFG_FIDELITY_COLLECTOR=$collector OTELCFG_FIDELITY_CASES=$cases \
	go test ./internal/simulate -run '^TestRecordFidelityFixtures$' -count=1 -timeout 60m -v

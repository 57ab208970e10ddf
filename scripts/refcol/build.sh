#!/bin/sh
# Builds otelcfg's reference collector (testdata/agreement/README.md) with the
# OpenTelemetry Collector Builder, outside the repository. Never run in CI:
# it downloads ~600 modules and compiles for a long time.
#
#   scripts/refcol/build.sh [OUT]     # default OUT=/work/refcol
#
# Writes OUT/manifest.yaml (from go.mod, the catalog and
# internal/components/dropped.tsv: the same component set as
# internal/components), lets the builder generate the distribution's sources
# and go.mod in OUT/build, then aligns that go.mod with the repository's (same
# versions of every shared module, so the build reuses the repository's build
# cache and links exactly the code the plugin links) and compiles
# OUT/otelcol-ref. Nothing is written inside the repository.
set -eu
OUT=${1:-/work/refcol}
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$OUT/bin"
OUT=$(cd "$OUT" && pwd)
export GONOSUMDB=github.com/open-telemetry,go.opentelemetry.io GOWORK=off

cd "$repo"
go run ./internal/gen/refcol -out "$OUT/manifest.yaml" -output-path "$OUT/build"
GOBIN="$OUT/bin" nice -n 10 go install go.opentelemetry.io/collector/cmd/builder@v0.158.0

# The builder's last `go mod download` can fail on Windows-only modules the
# module proxy does not serve (pkg/winperfcounters); its sources and go.mod
# are written by then (shared/DESIGN.md §9), and the steps below finish the job.
"$OUT/bin/builder" --config "$OUT/manifest.yaml" --skip-compilation ||
	echo "build.sh: the builder's module download failed; continuing with the generated sources" >&2
test -f "$OUT/build/components.go" -a -f "$OUT/build/go.mod"

cd "$OUT/build"
# Require every module of the repository's go.mod at the repository's
# version; `go mod tidy` then drops the ones this program does not use.
go mod edit $(awk '/^require \(/ {b=1; next} b && /^\)/ {b=0} b {print "-require=" $1 "@" $2}' "$repo/go.mod")
cp "$repo/go.sum" go.sum
nice -n 10 go mod tidy -e
nice -n 10 go build -ldflags="-s -w" -o "$OUT/otelcol-ref" .
"$OUT/otelcol-ref" --version
touch "$OUT/READY"

// Command otelcfg-render generates deployment artefacts from a collector
// config: values for the opentelemetry-collector Helm chart and
// OpenTelemetryCollector resources for the operator. `otelcfg render ...`
// and `otelcfg convert ...` run it; it is a separate program because the
// Helm SDK and the Kubernetes API types it links would slow down every
// `otelcfg lint` at start-up. Its commands are declared in package
// rendercli and do their work in package renderrun.
package main

import (
	"os"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/rendercli/renderrun"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() { os.Exit(Main()) }

// Main runs otelcfg-render with os.Args and returns the exit code.
func Main() int {
	io := iostreams.System()
	return cli.MainCompanion(renderrun.NewRootCmd(io, version), io, nil)
}

package main

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// newCmdConvert forwards `otelcfg convert ...` to `otelcfg-render convert
// ...`: converting to and from OpenTelemetryCollector resources uses the
// operator's API types and Helm values the render code, which live in the
// render program (see renderBinary).
func newCmdConvert(io *iostreams.IOStreams, runF func(*RenderOptions) error) *cobra.Command {
	opts := &RenderOptions{IO: io, Lookup: findRenderBinary, Command: "convert"}
	return &cobra.Command{
		Use:   "convert FILE --to (v1beta1|cr|helm|config) [flags]",
		Short: "Convert between collector configs, Helm values and OpenTelemetryCollector resources",
		Long: `Convert a collector config, Helm values, an OpenTelemetryCollector (v1alpha1 or
v1beta1) or a ConfigMap into another form: --to v1beta1 (a v1alpha1 resource
with structured config, comments kept), --to cr, --to helm or --to config. The
output is verified and linted before it is written. Runs the otelcfg-render
program, found next to otelcfg or on PATH; see otelcfg convert --help once it is
installed.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = append([]string{"convert"}, args...)
			if runF != nil {
				return runF(opts)
			}
			return runRender(opts)
		},
	}
}

package main

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// renderBinary is the program `otelcfg render` runs. Rendering links the
// Helm SDK and the operator's Kubernetes API types, whose package
// initialisation would slow down every `otelcfg lint`; they live in a
// separate binary.
const renderBinary = "otelcfg-render"

// RenderOptions are what `otelcfg render` forwards.
type RenderOptions struct {
	IO   *iostreams.IOStreams
	Args []string
	// Lookup finds the render binary (findRenderBinary unless testing).
	Lookup func() (string, error)
	// Command names the otelcfg command forwarded, for messages ("" = render).
	Command string
}

func newCmdRender(io *iostreams.IOStreams, runF func(*RenderOptions) error) *cobra.Command {
	opts := &RenderOptions{IO: io, Lookup: findRenderBinary}
	return &cobra.Command{
		Use:   "render (helm|operator) CONFIG [flags]",
		Short: "Generate Helm values or an OpenTelemetryCollector resource from a collector config",
		Long: `Generate deployment artefacts from one collector config: values for the
opentelemetry-collector Helm chart (render helm) or an OpenTelemetryCollector
resource (render operator). Runs the otelcfg-render program, found next to
otelcfg or on PATH; see otelcfg render --help once it is installed.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return runRender(opts)
		},
	}
}

// findRenderBinary looks next to the running executable, then on PATH.
var findRenderBinary = pluginLookup(renderBinary)

func runRender(opts *RenderOptions) error {
	command := opts.Command
	if command == "" {
		command = "render"
	}
	return runPlugin(opts.IO, command, renderBinary, opts.Lookup, opts.Args)
}

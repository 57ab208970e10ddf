package main

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// simulateBinary is the program `otelcfg simulate` runs. A replay links the
// collector's processors and connectors, whose package initialisation
// would slow down every `otelcfg lint`; they live in a separate binary.
const simulateBinary = "otelcfg-simulate"

// SimulateOptions are what `otelcfg simulate` forwards.
type SimulateOptions struct {
	IO   *iostreams.IOStreams
	Args []string
	// Lookup finds the simulate binary (findSimulateBinary unless testing).
	Lookup func() (string, error)
}

var findSimulateBinary = pluginLookup(simulateBinary)

func newCmdSimulate(io *iostreams.IOStreams, runF func(*SimulateOptions) error) *cobra.Command {
	opts := &SimulateOptions{IO: io, Lookup: findSimulateBinary}
	return &cobra.Command{
		Use:   "simulate CONFIG --input FILE... [flags]",
		Short: "Replay recorded OTLP through a collector config's pipelines",
		Long: `Replay recorded OTLP (JSON lines as the file exporter writes them, or OTLP
JSON documents) through the pipelines of a collector config with the real
collector processors and connectors, and show per pipeline and stage the items
in, out and dropped, and what each exporter would receive. Runs the
otelcfg-simulate program, found next to otelcfg or on PATH; see
otelcfg simulate --help once it is installed.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return runSimulate(opts)
		},
	}
}

func runSimulate(opts *SimulateOptions) error {
	return runPlugin(opts.IO, "simulate", simulateBinary, opts.Lookup, opts.Args)
}

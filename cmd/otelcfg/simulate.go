package main

import (
	"strings"

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
		Long: `Replay recorded OTLP (JSON lines as the file exporter writes them, OTLP
JSON documents or protobuf, possibly gzip-compressed; streamed, in bounded
memory) through the pipelines of a collector config with the real collector
processors and connectors, on the recording's own clock, and show per pipeline
and stage the items in, out and dropped (with the reason the component
reports), and what each exporter would receive. Runs the
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

// newCmdForward is a command that runs the simulate program with its name
// and arguments: `otelcfg test ...` runs `otelcfg-simulate test ...`.
func newCmdForward(io *iostreams.IOStreams, use, short, long string, runF func(*SimulateOptions) error) *cobra.Command {
	opts := &SimulateOptions{IO: io, Lookup: findSimulateBinary}
	name := strings.Fields(use)[0]
	return &cobra.Command{
		Use:                use,
		Short:              short,
		Long:               long,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = append([]string{name}, args...)
			if runF != nil {
				return runF(opts)
			}
			return runPlugin(opts.IO, name, simulateBinary, opts.Lookup, opts.Args)
		},
	}
}

func newCmdTest(io *iostreams.IOStreams, runF func(*SimulateOptions) error) *cobra.Command {
	return newCmdForward(io, "test FILE|DIR... [flags]", "Check what a collector config does to recorded OTLP, for CI",
		`Run test files (YAML or CUE): each test replays OTLP inputs through a config
with the real collector processors and connectors, and checks expectations per
exporter (count, attributes present or absent, CUE constraints on every item or
on some item, e.g. attributes["user.email"]: _|_) or per pipeline stage (in,
out, dropped), and exporters that must receive nothing. Reports as text, JSON or
JUnit XML. Exit 1 on a failed expectation, 2 on a bad test file. Runs the
otelcfg-simulate program, found next to otelcfg or on PATH; see
otelcfg test --help once it is installed.`, runF)
}

func newCmdSynth(io *iostreams.IOStreams, runF func(*SimulateOptions) error) *cobra.Command {
	return newCmdForward(io, "synth --signal traces|metrics|logs --count N [flags]", "Generate a realistic OTLP recording to replay",
		`Write an OTLP JSON-lines recording (or, with --format proto, the file
exporter's length-prefixed protobuf) of several services with
semantic-convention resource and span attributes and some errors, for otelcfg
simulate and otelcfg test; the same --seed gives the same bytes. Runs the otelcfg-simulate
program, found next to otelcfg or on PATH; see otelcfg synth --help once it is
installed.`, runF)
}

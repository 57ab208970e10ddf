package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Commands that link heavy code run in companion programs: render and
// convert in otelcfg-render (the Helm SDK and the operator's Kubernetes API
// types), simulate, test and synth in otelcfg-collector (collector
// components). Their package initialisation would slow down every `otelcfg
// lint`, so otelcfg itself only forwards.

// ForwardOptions are what a forwarded command passes on.
type ForwardOptions struct {
	IO      *iostreams.IOStreams
	Program cli.Program
	Command string   // the otelcfg command, for messages
	Args    []string // the program's arguments
	// Help prints otelcfg's own help for the command: what --help shows
	// when the program is not installed.
	Help func()
}

// forward describes one forwarded command.
type forward struct {
	program cli.Program
	use     string
	short   string
	long    string
	// prefix is put before the user's arguments (the program's own
	// command name).
	prefix []string
}

var (
	renderProgram    = cli.Program{Name: cli.RenderProgram, For: "render and convert"}
	collectorProgram = cli.Program{Name: cli.CollectorProgram, For: "simulate, test, synth and lint's exact checks"}
)

// programAnnotation names, on a forwarding command, the program that runs
// it (the command reference puts the program's own command in its place).
const programAnnotation = "otelcfg-program"

// newCmdForward makes a command that runs fw.program with its arguments
// as typed: flags, --help and -h included (flag parsing is off). Its help
// (`otelcfg help render`) and its completions are the program's too.
func newCmdForward(io *iostreams.IOStreams, fw forward, runF func(*ForwardOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:                fw.use,
		Short:              fw.short,
		Long:               fw.long + "\n\nRuns the " + fw.program.Name + " program, found next to otelcfg or on PATH.",
		DisableFlagParsing: true,
		Annotations:        map[string]string{programAnnotation: fw.program.Name},
	}
	options := func(c *cobra.Command, args []string) *ForwardOptions {
		return &ForwardOptions{IO: io, Program: fw.program, Command: c.Name(),
			Args: append(append([]string(nil), fw.prefix...), args...),
			Help: func() { c.Root().HelpFunc()(c, nil) }} // the root's: cobra's own help
	}
	cmd.RunE = func(c *cobra.Command, args []string) error {
		opts := options(c, args)
		if runF != nil {
			return runF(opts)
		}
		return runForward(opts)
	}
	// `otelcfg help render`: the program's help.
	cmd.SetHelpFunc(func(c *cobra.Command, _ []string) {
		if err := runForward(options(c, []string{"--help"})); err != nil && !isExit(err) {
			fmt.Fprintf(io.ErrOut, "otelcfg: %v\n", err)
		}
	})
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return fw.program.Complete(append(append([]string(nil), fw.prefix...), args...), toComplete)
	}
	return cmd
}

func runForward(opts *ForwardOptions) error {
	if opts.Help != nil && wantsHelp(opts.Args) {
		if _, err := opts.Program.Path(); err != nil {
			opts.Help()
			fmt.Fprintf(opts.IO.ErrOut, "\n%s", cli.MissingProgram(opts.Command, opts.Program.Name, version))
			return nil
		}
	}
	return opts.Program.Run(opts.IO, opts.Command, version, opts.Args)
}

// wantsHelp reports whether args ask for help (-h or --help before --).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

func isExit(err error) bool {
	var ee *cli.ExitError
	return errors.As(err, &ee)
}

func newCmdRender(io *iostreams.IOStreams, runF func(*ForwardOptions) error) *cobra.Command {
	return newCmdForward(io, forward{program: renderProgram, prefix: []string{"render"},
		use:   "render (helm|operator) CONFIG [flags]",
		short: "Generate Helm values or an OpenTelemetryCollector resource from a collector config",
		long: `Generate deployment artefacts from one collector config: values for the
opentelemetry-collector Helm chart (render helm) or an OpenTelemetryCollector
resource (render operator).`}, runF)
}

func newCmdConvert(io *iostreams.IOStreams, runF func(*ForwardOptions) error) *cobra.Command {
	return newCmdForward(io, forward{program: renderProgram, prefix: []string{"convert"},
		use:   "convert FILE --to (v1beta1|cr|helm|config) [flags]",
		short: "Convert between a collector config, Helm values and OpenTelemetryCollector resources",
		long: `Convert a collector config, Helm values, an OpenTelemetryCollector (v1alpha1 or
v1beta1) or a ConfigMap into another form: --to v1beta1 (a v1alpha1 resource
with structured config, comments kept), --to cr, --to helm or --to config. The
output is verified and linted before it is written.`}, runF)
}

func newCmdSimulate(io *iostreams.IOStreams, runF func(*ForwardOptions) error) *cobra.Command {
	return newCmdForward(io, forward{program: collectorProgram, prefix: []string{"simulate"},
		use:   "simulate CONFIG --input FILE... [flags]",
		short: "Replay recorded OTLP through a collector config's pipelines",
		long: `Replay recorded OTLP (JSON lines as the file exporter writes them, OTLP
JSON documents or protobuf, possibly gzip-compressed; streamed, in bounded
memory) through the pipelines of a collector config with the real collector
processors and connectors, on the recording's own clock, and show per pipeline
and stage the items in, out and dropped (with the reason the component
reports), and what each exporter would receive.`}, runF)
}

func newCmdTest(io *iostreams.IOStreams, runF func(*ForwardOptions) error) *cobra.Command {
	return newCmdForward(io, forward{program: collectorProgram, prefix: []string{"test"},
		use:   "test FILE|DIR... [flags]",
		short: "Check what a collector config does to recorded OTLP, for CI",
		long: `Run test files (YAML or CUE): each test replays OTLP inputs through a config
with the real collector processors and connectors, and checks expectations per
exporter (count, attributes present or absent, CUE constraints on every item or
on some item, e.g. attributes["user.email"]: _|_) or per pipeline stage (in,
out, dropped), and exporters that must receive nothing. Reports as text, JSON or
JUnit XML. Exit 1 on a failed expectation, 2 on a bad test file.`}, runF)
}

func newCmdSynth(io *iostreams.IOStreams, runF func(*ForwardOptions) error) *cobra.Command {
	return newCmdForward(io, forward{program: collectorProgram, prefix: []string{"synth"},
		use:   "synth --signal traces|metrics|logs --count N [flags]",
		short: "Generate a realistic OTLP recording to replay",
		long: `Write an OTLP JSON-lines recording (or, with --format proto, the file
exporter's length-prefixed protobuf) of several services with
semantic-convention resource and span attributes and some errors, for otelcfg
simulate and otelcfg test; the same --seed gives the same bytes.`}, runF)
}

package main

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

// Main runs otelcfg with os.Args and returns the exit code.
func Main() int {
	return run(iostreams.System(), nil)
}

// run executes the command line args (nil means os.Args[1:]) on io.
func run(io *iostreams.IOStreams, args []string) int {
	return cli.Main(newRootCmd(io), io, args)
}

func newRootCmd(io *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "otelcfg",
		Short: "Lint OpenTelemetry Collector configs, Helm values and operator CRs before deploy",
		Long: "otelcfg checks OpenTelemetry Collector configurations where they live — plain configs,\n" +
			"values for the opentelemetry-collector Helm chart, OpenTelemetryCollector resources and\n" +
			"ConfigMaps — with the collector's own rules and otelcfg's operating knowledge.",
	}
	root.AddCommand(newCmdLint(io, nil), newCmdRules(io), newCmdVersion(io, []cli.Program{renderProgram, collectorProgram}), newCmdGraph(io), newCmdSchema(io), newCmdComponents(io), newCmdRender(io, nil), newCmdConvert(io, nil), newCmdSimulate(io, nil), newCmdTest(io, nil), newCmdSynth(io, nil))
	// cobra adds `completion` only when executing; add it now so that an
	// unknown shell is a usage error rather than help with exit status 0.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.NoArgs
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
	}
	return root
}

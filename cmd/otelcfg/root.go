package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes, shared by every command.
const (
	exitOK       = 0
	exitFindings = 1 // findings at or above --fail-level
	exitUsage    = 2 // bad flags, unreadable input, bad settings
)

// exitError carries an exit code through cobra without printing usage.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs otelcfg with os.Args and returns the exit code.
func Main() int {
	return run(iostreams.System(), nil)
}

// run executes the command line args (nil means os.Args[1:]) on io.
func run(io *iostreams.IOStreams, args []string) int {
	root := newRootCmd(io)
	if args != nil {
		root.SetArgs(args)
	}
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// Everything else (bad flags, unreadable inputs as *config.InputError,
	// bad settings) is a usage error; the message names the flag or path.
	fmt.Fprintf(io.ErrOut, "otelcfg: %v\n", err)
	return exitUsage
}

func newRootCmd(io *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "otelcfg",
		Short: "Lint OpenTelemetry Collector configs, Helm values and operator CRs before deploy",
		Long: "otelcfg checks OpenTelemetry Collector configurations where they live — plain configs,\n" +
			"values for the opentelemetry-collector Helm chart, OpenTelemetryCollector resources and\n" +
			"ConfigMaps — with the collector's own rules and otelcfg's operating knowledge.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(newCmdLint(io, nil), newCmdRules(io), newCmdVersion(io), newCmdGraph(io), newCmdSchema(io), newCmdComponents(io), newCmdRender(io, nil), newCmdConvert(io, nil), newCmdSimulate(io, nil), newCmdTest(io, nil), newCmdSynth(io, nil))
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

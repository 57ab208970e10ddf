package collectorrun

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/components"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/engine"
)

// runCheck answers one check request with every compiled-in component
// (package components, the set simulate takes its factories from).
func runCheck(cmd *cobra.Command, opts *collectorcli.CheckOptions) error {
	ios := opts.IO
	req, err := exact.ReadRequest(ios.In)
	if err != nil {
		return cli.Exit(cli.ExitUsage, err)
	}
	f, err := components.Factories()
	if err != nil {
		return err
	}
	e := engine.New(f, engine.Options{Name: cli.CollectorProgram + " " + opts.Version, Collector: components.Release, ProcessState: components.ProcessState()})
	// A component that prints must not corrupt the response: while the
	// code runs, the process's stdout is its stderr.
	stdout := os.Stdout
	os.Stdout = os.Stderr
	resp, err := e.Run(cmd.Context(), req)
	os.Stdout = stdout
	if err != nil {
		return cli.Exit(cli.ExitUsage, err)
	}
	return exact.WriteJSON(ios.Out, resp)
}

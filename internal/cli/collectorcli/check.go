package collectorcli

import (
	"context"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/components"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/engine"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// NewCmdCheck is the hidden command that otelcfg lint runs (package
// exact): a protocol request on stdin, one response on stdout, with every
// compiled-in component (package components, the set simulate takes its
// factories from). version names the program in the response.
func NewCmdCheck(ios *iostreams.IOStreams, version string) *cobra.Command {
	return &cobra.Command{
		Use:   exact.CheckCommand,
		Short: "Check collector configs with the collector's own component code (for otelcfg lint)",
		Long: `Read a check request (JSON, protocol version ` + strconv.Itoa(exact.ProtocolVersion) + `) on stdin, run every
config through the collector's component code (decode, validate, create,
start where side-effect free) and write one JSON response on stdout. otelcfg
lint runs this; it is not meant to be run by hand.`,
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), ios, version)
		},
	}
}

func runCheck(ctx context.Context, ios *iostreams.IOStreams, version string) error {
	req, err := exact.ReadRequest(ios.In)
	if err != nil {
		return cli.Exit(cli.ExitUsage, err)
	}
	f, err := components.Factories()
	if err != nil {
		return err
	}
	e := engine.New(f, engine.Options{Name: cli.CollectorProgram + " " + version, Collector: components.Release})
	// A component that prints must not corrupt the response: while the
	// code runs, the process's stdout is its stderr.
	stdout := os.Stdout
	os.Stdout = os.Stderr
	resp, err := e.Run(ctxOrBackground(ctx), req)
	os.Stdout = stdout
	if err != nil {
		return cli.Exit(cli.ExitUsage, err)
	}
	return exact.WriteJSON(ios.Out, resp)
}

func ctxOrBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

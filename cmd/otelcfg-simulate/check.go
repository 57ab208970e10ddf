package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/components"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/engine"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// checkFactories is the component set `check` runs: every compiled-in
// component (package components), the same set simulate takes its
// factories from.
var checkFactories = components.Factories

// newCheckCmd is the hidden `check` command that otelcfg lint runs: a
// protocol request (package exact) on stdin, one response on stdout. It
// does not depend on the program's name.
func newCheckCmd(ios *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check collector configs with the collector's own component code (for otelcfg lint)",
		Long: `Read a check request (JSON, protocol version ` + strconv.Itoa(exact.ProtocolVersion) + `) on stdin, run every
config through the collector's component code (decode, validate, create,
start where side-effect free) and write one JSON response on stdout. otelcfg
lint runs this; it is not meant to be run by hand.`,
		Args:          cobra.NoArgs,
		Hidden:        true,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), ios)
		},
	}
}

func runCheck(ctx context.Context, ios *iostreams.IOStreams) error {
	req, err := exact.ReadRequest(ios.In)
	if err != nil {
		return &exitError{exitUsage, err}
	}
	f, err := checkFactories()
	if err != nil {
		return err
	}
	name := filepath.Base(os.Args[0]) + " " + version
	e := engine.New(f, engine.Options{Name: name, Collector: components.Release, ProcessState: components.ProcessState()})
	// A component that prints must not corrupt the response: while the
	// code runs, the process's stdout is its stderr.
	stdout := os.Stdout
	os.Stdout = os.Stderr
	resp, err := e.Run(ctxOrBackground(ctx), req)
	os.Stdout = stdout
	if err != nil {
		return &exitError{exitUsage, err}
	}
	return exact.WriteJSON(ios.Out, resp)
}

func ctxOrBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// Package collectorrun does the work of otelcfg-collector's commands
// (package collectorcli declares them): it links every compiled-in
// collector component (package components).
package collectorrun

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// NewRootCmd returns otelcfg-collector's command tree, ready to run.
func NewRootCmd(io *iostreams.IOStreams, version string) *cobra.Command {
	return collectorcli.NewRootCmd(io, version, Run())
}

// Run is what otelcfg-collector's commands do.
func Run() collectorcli.Run {
	return collectorcli.Run{Simulate: runSimulate, Test: runTests, Synth: runSynth, Check: runCheck}
}

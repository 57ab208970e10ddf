// Package collectorcli declares the commands of the otelcfg-collector
// program (simulate, test, synth, and the hidden check that otelcfg lint
// runs): their flags, help and argument checks, without the code that does
// the work (package collectorrun), so that otelcfg's command reference
// documents them with their real flags without linking the collector
// components.
package collectorcli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Run is what the commands do. The otelcfg-collector program supplies it
// (collectorrun.Run); otelcfg's command reference builds the tree without.
type Run struct {
	Simulate func(*cobra.Command, *SimulateOptions) error
	Test     func(*cobra.Command, *TestOptions) error
	Synth    func(*cobra.Command, *SynthOptions) error
	Check    func(*cobra.Command, *CheckOptions) error
}

// NewRootCmd returns otelcfg-collector's command tree. Its root is named
// otelcfg, so help and messages read as the user typed them: `otelcfg
// simulate`, `otelcfg test`.
func NewRootCmd(io *iostreams.IOStreams, version string, run Run) *cobra.Command {
	root := &cobra.Command{
		Use:   "otelcfg",
		Short: "otelcfg-collector: the collector's own component code (run by otelcfg simulate, test, synth and lint)",
		// otelcfg's completion script covers this program's commands
		// (otelcfg asks it through __complete): no second script.
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.AddCommand(NewCmdSimulate(io, version, run.Simulate), NewCmdTest(io, run.Test), NewCmdSynth(io, run.Synth), NewCmdCheck(io, version, run.Check),
		cli.NewCmdVersion(io, cli.CollectorProgram, version))
	return root
}

// notHere is the error of a command tree built without Run: the tree
// documents the commands, the program runs them.
func notHere(cmd *cobra.Command) error {
	return fmt.Errorf("%s runs in the %s program", cmd.CommandPath(), cli.CollectorProgram)
}

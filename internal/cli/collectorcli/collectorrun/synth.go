package collectorrun

import (
	"bufio"
	"os"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/simulate/synth"
)

func runSynth(_ *cobra.Command, opts *collectorcli.SynthOptions) error {
	so := synth.Options{Signal: opts.Signal, Count: opts.Count, Seed: opts.Seed, Format: opts.Format}
	if opts.Output == "" || opts.Output == "-" {
		return synth.Write(opts.IO.Out, so)
	}
	f, err := os.Create(opts.Output)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := synth.Write(bw, so); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

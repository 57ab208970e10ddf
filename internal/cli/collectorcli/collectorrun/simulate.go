package collectorrun

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/simulate"
)

func runSimulate(cmd *cobra.Command, opts *collectorcli.SimulateOptions) error {
	if opts.Version {
		return cli.PrintVersion(opts.IO, cli.CollectorProgram, opts.ProgramVersion)
	}
	if opts.List {
		return simulate.WriteList(opts.IO.Out, opts.Format == "json")
	}
	env, err := replayEnv(opts.EnvFiles, opts.Env)
	if err != nil {
		return err
	}
	res, err := simulate.Run(cmd.Context(), simulate.Options{
		Config:    opts.Config,
		Kind:      config.Kind(opts.Kind),
		Stdin:     opts.IO.In,
		Inputs:    opts.Inputs,
		Signal:    opts.Signal,
		Env:       env,
		Receivers: opts.Receivers,
		OutDir:    opts.Out,
		CountOnly: opts.Out == "",
	})
	if err != nil {
		var ce *simulate.ConfigError
		if errors.As(err, &ce) {
			return cli.Failed(err)
		}
		return err
	}
	if opts.Format == "json" {
		err = simulate.WriteJSON(opts.IO.Out, res)
	} else {
		err = simulate.WriteText(opts.IO.Out, res)
	}
	if err == nil && len(res.Failures) > 0 {
		// A component panicked: the report says which; the output is
		// incomplete.
		return cli.Exit(cli.ExitFailed, nil)
	}
	return err
}

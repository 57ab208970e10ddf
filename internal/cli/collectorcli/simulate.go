package collectorcli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// SimulateOptions are the parsed flags of `otelcfg simulate`.
type SimulateOptions struct {
	IO        *iostreams.IOStreams
	Config    string
	Kind      string
	Inputs    []string
	Signal    string
	Receivers []string
	Env       []string
	EnvFiles  []string
	Out       string
	Format    string
	List      bool
	Version   bool
	// ProgramVersion is the program's own version, for --version.
	ProgramVersion string
}

func NewCmdSimulate(io *iostreams.IOStreams, version string, runF func(*cobra.Command, *SimulateOptions) error) *cobra.Command {
	opts := &SimulateOptions{IO: io, ProgramVersion: version}
	cmd := &cobra.Command{
		Use:   "simulate CONFIG --input FILE... [flags]",
		Short: "Replay recorded OTLP through a collector config's pipelines",
		Long: `Replay recorded OTLP through the pipelines CONFIG declares, with the real
collector processors and connectors, and show per pipeline and stage how many
items (spans, metric data points, log records) went in, came out and were
dropped. What each exporter would receive is written as OTLP JSON lines under
--out (one file per exporter and signal, one resource per line, sorted).

Receivers are replaced by the recording: every pipeline with a receiver that is
not a connector gets each recorded batch of its signal (with --receiver, only
the pipelines of the receivers named). Exporters are not run. Processors that
are not compiled in (see --list) are passed through with a note; connectors
that are not compiled in are an error.

The replay's environment is this process's, with --env-file and --env on
top: it gives ${env:VAR} in the config its value, and resource_detection's
env detector reads OTEL_RESOURCE_ATTRIBUTES from it (other detectors read the
host or a cloud and are noted as not simulated).

Time is the recording's own: before each request the replay clock moves to its
timestamps, so batch sends on its timeout, span_metrics flushes every
metrics_flush_interval and tail_sampling decides a trace decision_wait after
its first span, as they would have live. memory_limiter is passed through. Two
runs give identical output.

Recordings are OTLP JSON lines as the file exporter writes them (the signal is
detected per line), OTLP JSON documents, or OTLP protobuf (give --signal): one
request per file, or the file exporter's length-prefixed requests. Any of them
may be gzip-compressed. Recordings are streamed: memory stays bounded however
large they are, also with --out (files are sorted with an external merge).

otelcfg test (assertions over replays, for CI) and otelcfg synth (generated
recordings) run in the same program, otelcfg-collector.

Exit status: 0 replayed, 1 the config cannot be replayed or a component failed
(panicked) during the replay, 2 usage error or unreadable input.`,
		Example: `  otelcfg simulate collector.yaml --input traces.jsonl --out sim/
  otelcfg simulate collector.yaml --input rec/*.jsonl --signal logs --format json
  otelcfg simulate collector.yaml -i traces.jsonl --env OTEL_RESOURCE_ATTRIBUTES=k8s.cluster.name=prod
  otelcfg simulate --list`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !opts.List && !opts.Version {
				if len(args) == 0 {
					return errors.New("missing CONFIG (see otelcfg simulate --help)")
				}
				opts.Config = args[0]
				// --input a b c: cobra leaves b and c as arguments.
				opts.Inputs = append(opts.Inputs, args[1:]...)
				if len(opts.Inputs) == 0 {
					return errors.New("no recording: give one or more --input FILE")
				}
			}
			if opts.Format != "text" && opts.Format != "json" {
				return fmt.Errorf("--format %q: want text or json", opts.Format)
			}
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Inputs, "input", "i", nil, "recording to replay: OTLP JSON lines or documents, protobuf with --signal, gzip (repeatable)")
	f.StringVar(&opts.Kind, "kind", "", "what CONFIG is, as for otelcfg lint: config, helm-values, operator-cr or configmap (default: detected)")
	f.StringVar(&opts.Signal, "signal", "", "replay only this signal: traces, metrics or logs (and read protobuf inputs as it)")
	f.StringArrayVar(&opts.Receivers, "receiver", nil, "feed the recording only to this receiver's pipelines (repeatable; default: every receiver)")
	f.StringArrayVar(&opts.Env, "env", nil, "KEY=VALUE in the replay's environment, for ${env:KEY} and resource_detection's env detector (repeatable)")
	f.StringArrayVar(&opts.EnvFiles, "env-file", nil, "read KEY=VALUE lines into the replay's environment (repeatable; --env wins)")
	f.StringVarP(&opts.Out, "out", "o", "", "write what each exporter receives under this directory")
	f.StringVar(&opts.Format, "format", "text", "report format: text or json")
	f.BoolVar(&opts.List, "list", false, "list the compiled-in processors and connectors")
	f.BoolVar(&opts.Version, "version", false, "print otelcfg-collector's version (as otelcfg-collector version)")
	cli.FlagValues(cmd, "signal", "traces", "metrics", "logs")
	cli.FlagValues(cmd, "format", "text", "json")
	return cmd
}

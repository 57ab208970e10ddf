package collectorcli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// SynthOptions are the parsed flags of `otelcfg synth`.
type SynthOptions struct {
	IO     *iostreams.IOStreams
	Output string
	// The generator's options (simulate.SynthOptions, which links the
	// collector's data model).
	Signal string
	Count  int
	Seed   uint64
	Format string
}

func NewCmdSynth(io *iostreams.IOStreams, runF func(*cobra.Command, *SynthOptions) error) *cobra.Command {
	opts := &SynthOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "synth --signal traces|metrics|logs --count N [flags]",
		Short: "Generate a realistic OTLP recording to replay",
		Long: `Write an OTLP JSON-lines recording (as the file exporter writes them) for
otelcfg simulate and otelcfg test: five services of a shop (frontend, cart,
checkout, payment, catalog) with the resource attributes service.name,
service.version, service.namespace and deployment.environment.name.

traces: one trace per line, HTTP server and client spans and PostgreSQL spans
with semantic-convention attributes (http.request.method,
http.response.status_code, http.route, url.full, url.path, server.address,
db.system.name, db.query.text, …), about one in twenty requests failing with
a 5xx (error status, error.type, an exception event), health checks, and
enduser.id on some requests.
metrics: http.server.request.duration histograms per route and status,
http.server.active_requests, process.cpu.time.
logs: request logs with severity, trace context and the HTTP attributes.

--count is the number of spans, metric data points or log records. The same
--seed gives the same bytes. --format proto writes the file exporter's proto
format instead (each request as a 4-byte big-endian length and the message),
which otelcfg simulate reads with --signal.`,
		Example: `  otelcfg synth --signal traces --count 1000 -o traces.jsonl
  otelcfg synth --signal logs --count 200 --seed 7 | otelcfg simulate collector.yaml -i /dev/stdin
  otelcfg synth --signal traces --count 100000 --format proto -o traces.pb`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Signal == "" {
				return fmt.Errorf("missing --signal traces|metrics|logs")
			}
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Signal, "signal", "", "traces, metrics or logs")
	f.IntVarP(&opts.Count, "count", "n", 100, "number of spans, metric data points or log records")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed gives the same recording")
	f.StringVar(&opts.Format, "format", "json", "json (OTLP JSON lines) or proto (the file exporter's length-prefixed protobuf; replay with --signal)")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	cli.FlagValues(cmd, "signal", "traces", "metrics", "logs")
	cli.FlagValues(cmd, "format", "json", "proto")
	return cmd
}

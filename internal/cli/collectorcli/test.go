package collectorcli

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// TestOptions are the parsed flags of `otelcfg test`.
type TestOptions struct {
	IO     *iostreams.IOStreams
	Paths  []string
	Format string
	Output string
	// Run selects tests by name (nil: every test).
	Run *regexp.Regexp
}

func NewCmdTest(io *iostreams.IOStreams, runF func(*cobra.Command, *TestOptions) error) *cobra.Command {
	opts := &TestOptions{IO: io}
	var run string
	cmd := &cobra.Command{
		Use:   "test FILE|DIR... [flags]",
		Short: "Check what a collector config does to recorded OTLP, for CI",
		Long: `Run test files: each test replays its inputs through a config (as otelcfg
simulate does) and checks expectations on what the exporters receive and on
what pipeline stages take in, hand on and drop.

A test file is YAML, a list of tests (or CUE, see below):

  - name: health checks are dropped
    config: ../pipeline.yaml        # relative to the test file
    signal: traces                  # optional: replay only this signal; reads protobuf inputs
    env: {MY_POD_IP: 10.0.0.1}      # ${env:VAR} values; nothing else is taken from the environment
    inputs:
      - traces.jsonl                # OTLP JSON lines or documents, protobuf (with signal), gzip
      - otlp: {resourceSpans: [...]}   # inline OTLP JSON
    expect:
      - exporter: otlp/checkout     # signal: optional
        count: 1                    # spans, data points or log records
        present: [deployment.environment]   # on every item (or its resource)
        absent: [user.email]        # on no item (nor its resource)
        items:                      # CUE constraints every item satisfies
          attributes["user.email"]: _|_           # no value: no item has it
          name: =~"^POST "
          attributes["http.response.status_code"]?: '>=200 & <300'   # ?: where set
        any_item:                   # some item satisfies all of these
          status.code: '"Error"'
      - pipeline: traces
        stage: filter/health        # optional; without it, what the pipeline sends on
        count: 2                    # items out (in: items in, dropped: in - out)
        dropped: 1
        absent: [user.email]        # present, absent, items, any_item: on what it hands on
      - no_output_from: [debug]

In items and any_item, a key is a CUE expression on the item (name, kind,
status.code, attributes["k"], resource["k"], scope.name, events, duration,
metric.name, value, count, sum, body, severity_number, ...) and a value a CUE
constraint; in YAML a CUE string needs its own quotes ('"Error"'). items may
also be a string holding a CUE struct that mirrors the item:
{attributes: "user.email": _|_, name: =~"^POST "}.

A *.cue test file holds the same tests in a top-level field tests: [...];
there items and any_item are plain CUE structs, and definitions and hidden
fields can share constraints between tests.

A directory is searched for *.yaml, *.yml and *.cue files. Tests run in file
and line order; the output is the same for the same inputs. --run REGEXP runs
only the tests whose name matches (every file is still checked); a pattern
that matches no test is an error, so a typo does not pass CI.

Exit status: 0 every test passed, 1 an expectation failed or a config cannot
be replayed, 2 a bad test file (reported with file:line) or usage error.`,
		Example: `  otelcfg test testdata/collector-tests/
  otelcfg test gateway.test.yaml --format junit -o report.xml
  otelcfg test tests/ --run 'redaction|sampling'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "json" && opts.Format != "junit" {
				return fmt.Errorf("--format %q: want text, json or junit", opts.Format)
			}
			if len(args) == 0 {
				return errors.New("no test files (see otelcfg test --help)")
			}
			opts.Paths = args
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return fmt.Errorf("--run %q: %v", run, err)
				}
				opts.Run = re
			}
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "report format: text, json or junit")
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&run, "run", "", "run only the tests whose name matches this regular expression")
	cli.FlagValues(cmd, "format", "text", "json", "junit")
	return cmd
}

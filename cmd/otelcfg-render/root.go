package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/helmsdk"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

// progName prefixes messages: "otelcfg render", or "otelcfg convert" while
// the convert command runs.
var progName = "otelcfg render"

const (
	exitOK       = 0
	exitRejected = 1 // the output would not pass lint or verification
	exitUsage    = 2
)

type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// Main runs otelcfg-render with os.Args and returns the exit code.
func Main() int { return run(iostreams.System(), nil) }

func run(io *iostreams.IOStreams, args []string) int {
	progName = "otelcfg render"
	root := newRootCmd(io)
	if args != nil {
		root.SetArgs(args)
	}
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(io.ErrOut, "%s: %v\n", progName, err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitUsage
}

func newRootCmd(io *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "otelcfg render",
		Short: "Generate Helm values or an OpenTelemetryCollector resource from a collector config",
		Long: `Generate deployment artefacts from one collector config, correct by construction:
values for the opentelemetry-collector Helm chart, or an OpenTelemetryCollector
resource for the OpenTelemetry operator. What is written is first rendered back
(chart model or operator API types), compared with the config, and linted.

Exit status: 0 written, 1 the output would not render the config or would not
pass otelcfg lint (nothing written), 2 usage error or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.AddCommand(newCmdHelm(io, nil), newCmdOperator(io, nil), newCmdConvert(io, nil), &cobra.Command{
		Use:   "version",
		Short: "Print otelcfg-render's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(io.Out, "otelcfg-render %s\n", version)
			return err
		},
	})
	return root
}

// HelmOptions are the parsed flags of `otelcfg render helm`.
type HelmOptions struct {
	IO     *iostreams.IOStreams
	File   string
	Output string
	Chart  string
	render.HelmOptions
}

func newCmdHelm(io *iostreams.IOStreams, runF func(*HelmOptions) error) *cobra.Command {
	opts := &HelmOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "helm CONFIG",
		Short: "Write values for the opentelemetry-collector chart that render CONFIG",
		Long: `Write values for the opentelemetry-collector Helm chart (0.170.x) such that the
config the chart renders into its ConfigMap is CONFIG: the chart's default
components CONFIG does not use are deleted with null, every receiver port is
exposed, {{ is escaped for the chart's tpl, the image is a distribution that has
every component, memory settings agree with memory_limiter, and presets are
used where they render exactly CONFIG's component. The mode is chosen from the
receivers unless --mode is given. --chart renders the result with a real chart
(directory or .tgz) through the Helm SDK, offline, and compares again.`,
		Example: `  otelcfg render helm collector.yaml -o values.yaml
  otelcfg render helm collector.yaml --memory 2Gi --release gw --namespace monitoring
  otelcfg render helm collector.yaml --chart ./opentelemetry-collector-0.170.0.tgz`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runHelm(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Mode, "mode", "", "deployment, daemonset or statefulset (default: chosen from the receivers)")
	f.StringVar(&opts.Release, "release", "", "Helm release name (default opentelemetry-collector)")
	f.StringVar(&opts.Namespace, "namespace", "", "namespace (namespaceOverride)")
	f.StringVar(&opts.Image, "image", "", "collector image REPO[:TAG] (default: the smallest distribution with every component)")
	f.StringVar(&opts.Memory, "memory", "", "container memory limit, e.g. 2Gi (GOMEMLIMIT follows it)")
	f.StringArrayVar(&opts.Set, "set", nil, "override a value, key.path=value (repeatable)")
	f.BoolVar(&opts.Subchart, "subchart", false, "write alternateConfig instead of config (for the chart used as a subchart)")
	f.StringVar(&opts.Chart, "chart", "", "verify with this chart (directory or .tgz) through the Helm SDK")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

func runHelm(opts *HelmOptions) error {
	in, err := load(opts.IO, opts.File)
	if err != nil {
		return err
	}
	opts.Version = version
	res, err := render.Helm(in, opts.HelmOptions)
	if res != nil {
		printNotes(opts.IO, res.Notes)
	}
	if err != nil {
		return rejected(err)
	}
	if opts.Chart != "" {
		release := opts.Release
		if release == "" {
			release = render.ChartName
		}
		ns := opts.Namespace
		if ns == "" {
			ns = "default"
		}
		r, err := helmsdk.Render(opts.Chart, res.Values, release, ns)
		if err != nil {
			return &exitError{exitRejected, err}
		}
		var got any
		if err := yaml.Unmarshal([]byte(r.Config), &got); err != nil {
			return &exitError{exitRejected, fmt.Errorf("the chart's ConfigMap config is not YAML: %w", err)}
		}
		if d := render.Diff(res.Expected.Plain(), got); len(d) > 0 {
			return &exitError{exitRejected, fmt.Errorf("chart %s renders a different config (nothing written): %s", opts.Chart, strings.Join(d, "; "))}
		}
		fmt.Fprintf(opts.IO.ErrOut, "otelcfg render: verified: chart %s renders the config\n", opts.Chart)
	}
	return write(opts.IO, opts.Output, res.Values)
}

// OperatorOptions are the parsed flags of `otelcfg render operator`.
type OperatorOptions struct {
	IO     *iostreams.IOStreams
	File   string
	Output string
	// Instrumentation appends an Instrumentation resource that sends to
	// the collector.
	Instrumentation bool
	operator.Options
}

func newCmdOperator(io *iostreams.IOStreams, runF func(*OperatorOptions) error) *cobra.Command {
	opts := &OperatorOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "operator CONFIG",
		Short: "Write an OpenTelemetryCollector resource that runs CONFIG",
		Long: `Write an OpenTelemetryCollector resource (operator API v1beta1 or v1alpha1),
built from the operator's Go API types: CONFIG as spec.config, the receivers'
ports, resources and GOMEMLIMIT from --memory, and env entries for the
${env:...} variables CONFIG uses without a default. In sidecar mode the pod
annotation to add is printed.

--instrumentation appends (as a second YAML document) an Instrumentation
resource (v1alpha1) whose exporter sends to the collector's Service
(NAME-collector[.NAMESPACE.svc.cluster.local], localhost in sidecar mode):
spec.exporter.endpoint on the OTLP/gRPC port for java and nodejs, and
OTEL_EXPORTER_OTLP_ENDPOINT on the OTLP/HTTP port for python, dotnet and go.
CONFIG needs an otlp receiver in a pipeline.`,
		Example: `  otelcfg render operator collector.yaml --api v1beta1 -o collector-cr.yaml
  otelcfg render operator sidecar.yaml --api v1beta1 --mode sidecar --namespace spring
  otelcfg render operator gateway.yaml --namespace monitoring --instrumentation -o gateway.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runOperator(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.API, "api", "v1beta1", "OpenTelemetryCollector API version: v1beta1 or v1alpha1")
	f.StringVar(&opts.Mode, "mode", "", "sidecar, deployment, daemonset or statefulset (default: chosen from the receivers)")
	f.StringVar(&opts.Name, "name", "", "resource name (default: from the file name)")
	f.StringVar(&opts.Namespace, "namespace", "", "resource namespace")
	f.StringVar(&opts.Image, "image", "", "collector image REPO:TAG (default: the smallest distribution with every component)")
	f.StringVar(&opts.Memory, "memory", "", "container memory limit, e.g. 512Mi (GOMEMLIMIT follows it)")
	f.BoolVar(&opts.Instrumentation, "instrumentation", false, "also write an Instrumentation resource that sends to this collector")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

func runOperator(opts *OperatorOptions) error {
	in, err := load(opts.IO, opts.File)
	if err != nil {
		return err
	}
	opts.Version = version
	res, err := operator.Render(in, opts.Options)
	if res != nil {
		printNotes(opts.IO, res.Notes)
	}
	if err != nil {
		return rejected(err)
	}
	out := res.CR
	if opts.Instrumentation {
		inst, err := operator.Instrumentation(res.Expected, operator.InstrumentationOptions{
			Name: res.Name, Namespace: opts.Namespace, Mode: res.Mode, File: opts.File, Version: version})
		if inst != nil {
			printNotes(opts.IO, inst.Notes)
		}
		if err != nil {
			return rejected(err)
		}
		out = append(append(append([]byte(nil), out...), "---\n"...), inst.YAML...)
	}
	return write(opts.IO, opts.Output, out)
}

func load(io *iostreams.IOStreams, file string) (*render.Input, error) {
	var data []byte
	if file == "-" {
		b, err := readAll(io)
		if err != nil {
			return nil, err
		}
		data = b
	}
	return render.Load(file, data)
}

func readAll(io *iostreams.IOStreams) ([]byte, error) {
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := io.In.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			if err.Error() == "EOF" {
				return []byte(b.String()), nil
			}
			return nil, err
		}
	}
}

// rejected maps errors from the generators: usage errors (bad flags) stay
// exit 2, everything about the output is exit 1.
func rejected(err error) error {
	msg := err.Error()
	if strings.HasPrefix(msg, "--") {
		return err
	}
	return &exitError{exitRejected, err}
}

func printNotes(io *iostreams.IOStreams, notes []render.Note) {
	for _, n := range notes {
		fmt.Fprintf(io.ErrOut, "%s: %s: %s\n", progName, n.Level, n.Message)
	}
}

func write(io *iostreams.IOStreams, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := io.Out.Write(data)
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(io.ErrOut, "%s: wrote %s\n", progName, path)
	return nil
}

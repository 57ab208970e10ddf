// Package rendercli declares the commands of the otelcfg-render program
// (render helm, render operator, convert): their flags, help and argument
// checks, without the code that does the work (package renderrun), so that
// otelcfg's command reference documents them with their real flags without
// linking the Helm SDK or the Kubernetes API types.
package rendercli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Run is what the commands do. The otelcfg-render program supplies it
// (renderrun.Run); otelcfg's command reference builds the tree without.
type Run struct {
	Helm     func(*cobra.Command, *HelmOptions) error
	Operator func(*cobra.Command, *OperatorOptions) error
	Convert  func(*cobra.Command, *ConvertOptions) error
}

// NewRootCmd returns otelcfg-render's command tree. Its root is named
// otelcfg, so help and messages read as the user typed them: `otelcfg
// render helm`, `otelcfg convert`.
func NewRootCmd(io *iostreams.IOStreams, version string, run Run) *cobra.Command {
	root := &cobra.Command{
		Use:   "otelcfg",
		Short: "otelcfg-render: deployment artefacts from a collector config (run by otelcfg render and otelcfg convert)",
		// otelcfg's completion script covers this program's commands
		// (otelcfg asks it through __complete): no second script.
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	render := &cobra.Command{
		Use:   "render",
		Short: "Generate Helm values or an OpenTelemetryCollector resource from a collector config",
		Long: `Generate deployment artefacts from one collector config, correct by construction:
values for the opentelemetry-collector Helm chart, or an OpenTelemetryCollector
resource for the OpenTelemetry operator. What is written is first rendered back
(chart model or operator API types), compared with the config, and linted.

Exit status: 0 written, 1 the output would not render the config or would not
pass otelcfg lint (nothing written), 2 usage error or unreadable input.`,
	}
	render.AddCommand(NewCmdHelm(io, version, run.Helm), NewCmdOperator(io, version, run.Operator))
	root.AddCommand(render, NewCmdConvert(io, version, run.Convert), cli.NewCmdVersion(io, cli.RenderProgram, version))
	return root
}

// HelmOptions are the parsed flags of `otelcfg render helm`.
type HelmOptions struct {
	IO     *iostreams.IOStreams
	File   string
	Output string
	Chart  string
	// The generator's options (render.HelmOptions).
	Mode, Release, Namespace, Image, Memory, Version string
	Set                                              []string
	Subchart                                         bool
}

func NewCmdHelm(io *iostreams.IOStreams, version string, runF func(*cobra.Command, *HelmOptions) error) *cobra.Command {
	opts := &HelmOptions{IO: io}
	opts.Version = version
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
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
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
	cli.FlagValues(cmd, "mode", "deployment", "daemonset", "statefulset")
	return cmd
}

// OperatorOptions are the parsed flags of `otelcfg render operator`.
type OperatorOptions struct {
	IO     *iostreams.IOStreams
	File   string
	Output string
	// Instrumentation appends an Instrumentation resource that sends to
	// the collector.
	Instrumentation bool
	// The generator's options (operator.Options, which links the
	// Kubernetes API types).
	API, Mode, Name, Namespace, Image, Memory, Version string
}

func NewCmdOperator(io *iostreams.IOStreams, version string, runF func(*cobra.Command, *OperatorOptions) error) *cobra.Command {
	opts := &OperatorOptions{IO: io}
	opts.Version = version
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
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
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
	cli.FlagValues(cmd, "api", "v1beta1", "v1alpha1")
	cli.FlagValues(cmd, "mode", "sidecar", "deployment", "daemonset", "statefulset")
	return cmd
}

// notHere is the error of a command tree built without Run: the tree
// documents the commands, the program runs them.
func notHere(cmd *cobra.Command) error {
	return fmt.Errorf("%s runs in the %s program", cmd.CommandPath(), cli.RenderProgram)
}

package rendercli

import (
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// ConvertOptions are the parsed flags of `otelcfg convert`.
type ConvertOptions struct {
	IO     *iostreams.IOStreams
	File   string
	Output string
	// The converter's options (convert.Options, which links the
	// Kubernetes API types).
	To, Name, Namespace, Version string
}

func NewCmdConvert(io *iostreams.IOStreams, version string, runF func(*cobra.Command, *ConvertOptions) error) *cobra.Command {
	opts := &ConvertOptions{IO: io}
	opts.Version = version
	cmd := &cobra.Command{
		Use:   "convert FILE --to (v1beta1|cr|helm|config)",
		Short: "Convert between a collector config, Helm values and OpenTelemetryCollector resources",
		Long: `Convert FILE (a collector config, values for the opentelemetry-collector chart,
an OpenTelemetryCollector v1alpha1/v1beta1 or a ConfigMap) into another form:

  --to v1beta1  an OpenTelemetryCollector v1alpha1 as v1beta1: the string config
                becomes structured spec.config; the resource's other fields and
                the comments (also those inside the config) are kept
  --to cr       a v1beta1 OpenTelemetryCollector (as render operator); from Helm
                values it carries the config the chart renders, with the values'
                mode, image, memory and namespaceOverride
  --to helm     values for the opentelemetry-collector chart that render the
                config (as render helm), with the resource's mode, image, memory,
                name (release) and namespace
  --to config   the plain collector config FILE deploys

What is written is rendered back, compared with the input's config and linted
first, as with otelcfg render. Exit status: 0 written, 1 the output would not
carry the config or would not pass otelcfg lint (nothing written), 2 usage
error or unreadable input.`,
		Example: `  otelcfg convert sidecar-cr.yaml --to v1beta1 -o sidecar-cr.v1beta1.yaml
  otelcfg convert values.yaml --to cr --name gateway --namespace monitoring
  otelcfg convert collector-cr.yaml --to helm -o values.yaml
  otelcfg convert values.yaml --to config`,
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
	f.StringVar(&opts.To, "to", "", "output form: v1beta1, cr, helm or config (required)")
	f.StringVar(&opts.Name, "name", "", "resource name or Helm release (default: from the input)")
	f.StringVar(&opts.Namespace, "namespace", "", "namespace (default: from the input)")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	_ = cmd.MarkFlagRequired("to")
	cli.FlagValues(cmd, "to", "v1beta1", "cr", "helm", "config")
	return cmd
}

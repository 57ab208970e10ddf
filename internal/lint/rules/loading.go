package rules

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Rules whose findings are produced while reading the input.
var (
	YAMLSyntax = problemRule(config.CodeYAMLSyntax, lint.Error, lint.Doc{
		Title:     "The file is not valid YAML",
		Text:      "The collector cannot parse the file, so it does not start. otelcfg also stops reading the document at the first syntax error, so other findings in it are missing until it is fixed. Alias bombs, recursive aliases and absurd nesting are refused here too.",
		Bad:       "receivers:\n  otlp:\n    protocols: [grpc\n",
		Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\n",
		Collector: true,
	})
	DuplicateKey = problemRule(config.CodeDuplicateKey, lint.Error, lint.Doc{
		Title:     "A map key is written twice",
		Text:      "YAML forbids repeating a key in one map and the collector's loader rejects the file. Often the second entry was meant to extend the first: merge them.",
		Bad:       "exporters:\n  debug: {}\n  debug:\n    verbosity: detailed\n",
		Good:      "exporters:\n  debug:\n    verbosity: detailed\n",
		Collector: true,
	})
	InvalidStructure = register(&lint.Rule{
		ID:       string(config.CodeInvalidStructure),
		Severity: lint.Error,
		Doc: lint.Doc{
			Title:     "A section has the wrong shape",
			Text:      "The collector expects maps for component sections, each component's settings, service and pipelines, and lists of IDs in pipelines and service.extensions. Anything else fails decoding.",
			Bad:       "service:\n  pipelines:\n    traces:\n      receivers: otlp\n",
			Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n",
			Collector: true,
		},
		Check: func(pass *lint.Pass) error {
			reportProblems(pass, config.CodeInvalidStructure)
			checkComponentShapes(pass)
			return nil
		},
	})
	InputSkipped = problemRule(config.CodeInputSkipped, lint.Info, lint.Doc{
		Title: "A document was not checked",
		Text:  "The document is not a collector config, Helm values file, OpenTelemetryCollector or ConfigMap holding a config (or it is empty), so otelcfg did not check it. It is reported so nothing is skipped silently; use --kind to say what a document is when detection fails.",
		Bad:   "apiVersion: apps/v1\nkind: Deployment\n",
		Good:  "receivers:\n  otlp:\n    protocols:\n      grpc:\n",
	})
	ProviderUnchecked = problemRule(config.CodeProviderUnchecked, lint.Info, lint.Doc{
		Title: "A config provider's value is not checked offline",
		Text:  "${http:...}, ${https:...} and providers otelcfg does not know are resolved by the collector at start-up. otelcfg works offline, so whatever they return is not checked.",
		Bad:   "exporters:\n  otlp:\n    headers: ${https://example.com/headers.yaml}\n",
		Good:  "exporters:\n  otlp:\n    headers: ${file:headers.yaml}\n",
	})
	ProviderError = problemRule(config.CodeProviderError, lint.Error, lint.Doc{
		Title:     "A ${file:...} or ${yaml:...} provider cannot be resolved",
		Text:      "The collector resolves providers before anything else and fails when one cannot be read. Paths of ${file:...} are relative to the config file here; make sure the file exists where the collector runs.",
		Bad:       "receivers: ${file:missing.yaml}\n",
		Good:      "receivers: ${file:receivers.yaml}\n",
		Collector: true,
	})
	InvalidEnvReference = problemRule(config.CodeInvalidEnvReference, lint.Error, lint.Doc{
		Title:     "An environment variable reference has an invalid name",
		Text:      "Environment variable names in ${env:NAME} are letters, digits and underscores, not starting with a digit. The collector refuses other names.",
		Bad:       "exporters:\n  otlp:\n    endpoint: ${env:OTLP-ENDPOINT}\n",
		Good:      "exporters:\n  otlp:\n    endpoint: ${env:OTLP_ENDPOINT}\n",
		Collector: true,
	})
)

// Rules for what the model of the opentelemetry-collector Helm chart found.
var (
	HelmChartError = problemRule(config.CodeHelmChartError, lint.Error, lint.Doc{
		Title: "The Helm chart would fail to install these values",
		Text:  "otelcfg models the opentelemetry-collector chart (defaults, presets, renames, checks in its templates). These values make the chart's templates fail, or produce a collector that fails: a missing or wrong mode, no image.repository, service.extensions without health_check, presets that exclude each other.",
		Bad:   "mode: sidecar\nimage:\n  repository: otel/opentelemetry-collector-k8s\n",
		Good:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-k8s\n",
	})
	HelmChartNote = problemRule(config.CodeHelmChartNote, lint.Info, lint.Doc{
		Title: "What the Helm chart does to the config, or what otelcfg could not model",
		Text:  "Presets applied, components the chart renames, alternateConfig replacing the defaults, and parts otelcfg cannot know offline (Helm templates inside config, the release name, extraEnvsFrom). Reported so that nothing the chart changes passes unseen.",
		Bad:   "mode: daemonset\nimage:\n  repository: otel/opentelemetry-collector-k8s\npresets:\n  hostMetrics:\n    enabled: true\n",
		Good:  "mode: daemonset\nimage:\n  repository: otel/opentelemetry-collector-k8s\n",
	})
)

// checkComponentShapes reports component settings that are neither a map
// nor empty: the collector decodes each component's settings into its
// config struct and fails with "expected a map" (stage 2). Unresolved
// ${...} references are left alone, since they may expand to a map.
func checkComponentShapes(pass *lint.Pass) {
	if pass.Collector == nil {
		return
	}
	for _, sec := range config.Sections {
		for _, c := range pass.Collector.Components[sec] {
			n := c.Node
			var got string
			switch {
			case n.IsNull() || n.Kind == config.MapNode:
				continue
			case n.Kind == config.SeqNode:
				got = "a list"
			case n.Kind == config.ScalarNode && n.Value != "" && !strings.Contains(n.Value, "${"):
				got = fmt.Sprintf("%s %q", strings.TrimPrefix(n.Tag, "!!"), n.Value)
			default:
				continue
			}
			pass.Reportf(n.Pos, c.Path, "the settings of %s %q must be a map (or empty for the defaults), got %s", ruleutil.ClassOf(sec), c.ID, got)
		}
	}
}

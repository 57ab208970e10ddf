package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// V1alpha1CR reports OpenTelemetryCollector resources written against the
// deprecated v1alpha1 API.
var V1alpha1CR = register(&lint.Rule{
	ID:       "v1alpha1-cr",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An OpenTelemetryCollector uses the deprecated v1alpha1 API",
		Text: "The operator's storage version is `opentelemetry.io/v1beta1`; v1alpha1 is deprecated and only served through conversion. " +
			"The visible difference is `spec.config`: a YAML string in v1alpha1 (so nothing checks it until the collector starts), a structured object in v1beta1, validated by the API server (receivers, exporters and service.pipelines are required). " +
			"To migrate: set `apiVersion: opentelemetry.io/v1beta1` and turn `config: |` into a map by removing the `|` and keeping the indentation; the fields otelcfg checks stay where they are. " +
			"A few other fields moved (see the operator's v1beta1 migration notes): check `spec.ports`, `spec.observability` and autoscaler settings with `kubectl apply --dry-run=server` after the change.",
		Bad:  "apiVersion: opentelemetry.io/v1alpha1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gw\nspec:\n  config: |\n    receivers:\n      otlp:\n        protocols:\n          grpc: {}\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n",
		Good: "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gw\nspec:\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc: {}\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n",
	},
	Check: func(pass *lint.Pass) error {
		d := pass.Doc
		if d.Kind != config.KindOperatorCR || d.Facts["apiVersion"] != "opentelemetry.io/v1alpha1" {
			return nil
		}
		pos := d.Source.Pos
		if e := d.Source.Entry("apiVersion"); e != nil {
			pos = e.Value.Pos
		}
		msg := "OpenTelemetryCollector uses the deprecated opentelemetry.io/v1alpha1 API: switch to opentelemetry.io/v1beta1"
		if cfg := d.Source.Get("spec").Get("config"); cfg != nil && cfg.Kind == config.ScalarNode {
			msg += " and write spec.config as a YAML map instead of a string (drop the `|` and keep the indentation)"
		}
		pass.Reportf(pos, "apiVersion", "%s", msg)
		return nil
	},
})

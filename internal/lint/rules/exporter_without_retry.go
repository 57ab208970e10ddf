package rules

import (
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// retryingExporters are network exporters built on the collector's
// exporterhelper: they queue and retry unless told not to.
var retryingExporters = map[string]bool{
	"otlp_grpc": true, "otlp_http": true, "load_balancing": true, "prometheus_remote_write": true,
	"kafka": true, "elasticsearch": true, "opensearch": true, "splunk_hec": true, "datadog": true,
	"zipkin": true, "clickhouse": true, "google_cloud": true, "googlecloud": true, "azure_monitor": true,
	"signalfx": true, "sapm": true, "coralogix": true, "honeycomb_marker": true, "awsxray": true,
	"aws_cloudwatch_logs": true, "awsemf": true, "loki": true, "sumologic": true, "dataset": true,
}

// ExporterWithoutRetry reports gateway exporters whose queue or retries are
// switched off.
var ExporterWithoutRetry = register(&lint.Rule{
	ID:       "exporter-without-retry",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A gateway's network exporter has its sending queue or retries disabled",
		Text: "Network exporters queue data (sending_queue) and retry failed sends with backoff (retry_on_failure) by default. A gateway that disables either drops everything the backend does not accept at once: a restart of the backend, a rolling update or a short network failure becomes data loss. " +
			"Keep both enabled in gateways (Helm mode deployment/statefulset, CR mode deployment/statefulset); if the backend deduplicates poorly, tune max_elapsed_time instead.",
		Bad:  "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gateway\nspec:\n  mode: deployment\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      otlp_grpc:\n        endpoint: tempo.tempo.svc.cluster.local:4317\n        retry_on_failure:\n          enabled: false\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [otlp_grpc]\n",
		Good: "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gateway\nspec:\n  mode: deployment\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      otlp_grpc:\n        endpoint: tempo.tempo.svc.cluster.local:4317\n        retry_on_failure:\n          max_elapsed_time: 120s\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil || !isGateway(pass.Doc) {
			return nil
		}
		for _, e := range c.Components["exporters"] {
			if e.Origin != "" || !retryingExporters[ruleutil.ComponentType(pass.Catalog, "exporters", e.ID)] {
				continue
			}
			for _, key := range []string{"sending_queue", "retry_on_failure"} {
				n := e.Node.Get(key)
				en := n.Get("enabled")
				if !ruleutil.YAMLFalse(en) {
					continue
				}
				what := "its sending queue is off: every send blocks the pipeline and nothing is buffered while the backend is away"
				if key == "retry_on_failure" {
					what = "retries are off: any failed send (backend restart, network blip) is dropped"
				}
				pass.Reportf(en.Pos, e.Path+"."+key+".enabled", "exporter %q in a %s gateway: %s; remove %s.enabled: false", e.ID, ruleutil.ModeOf(pass.Doc), what, key)
			}
		}
		return nil
	},
})

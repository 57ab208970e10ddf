package rules

import (
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// DebugOnlyPipeline reports pipelines whose data goes nowhere.
var DebugOnlyPipeline = register(&lint.Rule{
	ID:       "debug-only-pipeline",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A pipeline exports only to debug or nop: its data goes nowhere",
		Text: "The debug exporter writes to the collector's own log (at basic verbosity only counts) and nop discards everything. A pipeline whose only exporters are these receives, processes and then loses all its data — usually a leftover from testing, or a backend exporter that was removed (the seed's logs pipeline lost loki). " +
			"Add the exporter the data is meant for, or remove the pipeline. Reported in Helm values and OpenTelemetryCollector resources, and in other configs when another pipeline does export somewhere (a config that only ever prints is taken as a test config). Pipelines the Helm chart adds by default (debug only) are not reported.",
		Bad:  "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  debug: {}\n  otlp_grpc/tempo:\n    endpoint: tempo.tempo.svc.cluster.local:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlp_grpc/tempo]\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good: "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  debug: {}\n  otlp_grpc/tempo:\n    endpoint: tempo.tempo.svc.cluster.local:4317\n  otlp_http/loki:\n    endpoint: http://loki-gateway.loki.svc.cluster.local/otlp\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlp_grpc/tempo]\n    logs:\n      receivers: [otlp]\n      exporters: [debug, otlp_http/loki]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil {
			return nil
		}
		if pass.Doc.Kind != config.KindHelmValues && pass.Doc.Kind != config.KindOperatorCR && !exportsSomewhere(pass, c) {
			return nil // only ever prints: a test or demo config
		}
		for _, p := range c.Pipelines {
			exps := pipelineList(pass.Catalog, p, "exporters")
			if len(exps) == 0 {
				continue // missing-exporters
			}
			fromChart := true
			var ids []string
			for _, r := range exps {
				if ruleutil.Defined(c, "connectors", r.ID) != nil || !sinkExporters[r.Type] {
					fromChart = false
					ids = nil
					break
				}
				fromChart = fromChart && r.Origin != ""
				ids = append(ids, r.ID)
			}
			if ids == nil || fromChart {
				continue
			}
			pos, path := listPos(p, "exporters")
			pass.Reportf(pos, path, "pipeline %q exports only to %s: its data is received and then lost; add the exporter it is meant for, or remove the pipeline", p.ID, strings.Join(ids, " and "))
		}
		return nil
	},
})

// exportsSomewhere is true when some pipeline uses an exporter other than
// debug/nop.
func exportsSomewhere(pass *lint.Pass, c *config.Collector) bool {
	for _, p := range c.Pipelines {
		for _, r := range pipelineList(pass.Catalog, p, "exporters") {
			if ruleutil.Defined(c, "exporters", r.ID) != nil && !sinkExporters[r.Type] {
				return true
			}
		}
	}
	return false
}

package rules

import (
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// DebugDetailedInProduction reports a debug exporter at verbosity detailed
// in a pipeline that also exports to a real backend.
var DebugDetailedInProduction = register(&lint.Rule{
	ID:       "debug-detailed-in-production",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "The debug exporter logs every item in full next to a real backend",
		Text: "`verbosity: detailed` makes the debug exporter write every span, log record and data point, attributes included, to the collector's own log. " +
			"In a pipeline that also ships data to a backend this is production traffic: it multiplies log volume and cost, slows the pipeline, and copies whatever the telemetry carries (user IDs, tokens in URLs) into logs with other retention and access rules. " +
			"Use `verbosity: basic` (counts only) or `normal`, or keep detailed output in a separate debugging pipeline, sampled.",
		Bad:  "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug:\n    verbosity: detailed\n  otlp_grpc:\n    endpoint: tempo:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug, otlp_grpc]\n",
		Good: "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug:\n    verbosity: basic\n  otlp_grpc:\n    endpoint: tempo:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug, otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		reported := map[string]bool{}
		for _, p := range pass.Collector.Pipelines {
			var detailed []string
			var others []string
			for _, r := range p.Exporters {
				c := ruleutil.Defined(pass.Collector, "exporters", r.ID)
				if c == nil {
					continue
				}
				switch ruleutil.CanonType(pass, c, catalog.Exporter) {
				case "debug":
					if v := c.Node.Get("verbosity"); ruleutil.UserNode(v) && strings.EqualFold(v.Value, "detailed") {
						detailed = append(detailed, c.ID)
					}
				case "nop", "file":
				default:
					others = append(others, c.ID)
				}
			}
			if len(others) == 0 {
				continue
			}
			for _, id := range detailed {
				if reported[id] {
					continue
				}
				reported[id] = true
				c := ruleutil.Defined(pass.Collector, "exporters", id)
				v := c.Node.Get("verbosity")
				pass.Reportf(v.Pos, c.Path+".verbosity", "exporter %q logs every item in full (verbosity: detailed) in pipeline %q, which also exports to %s: use verbosity basic or normal, or move it to a separate debugging pipeline", id, p.ID, ruleutil.QuoteList(others))
			}
		}
		return nil
	},
})

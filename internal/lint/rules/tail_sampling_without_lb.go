package rules

import (
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// TailSamplingWithoutLB reports tail_sampling in collectors that run per
// node or per pod without a trace-ID load balancing tier in front.
var TailSamplingWithoutLB = register(&lint.Rule{
	ID:       "tail-sampling-without-lb",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "tail_sampling runs in an agent without trace-ID load balancing",
		Text: "tail_sampling decides on whole traces, so every span of a trace must reach the same collector. A daemonset (Helm mode daemonset, CR mode daemonset) or sidecar collector only sees the spans of its own node or pod: the spans of one trace land on different collectors, each decides on a fragment, and traces come out incomplete or sampled inconsistently. " +
			"Sample in a gateway tier behind a load_balancing exporter that routes by traceID (its default routing_key), or, in the agent itself, only when its config has such a load_balancing exporter sending to the sampling tier.",
		Bad:  "mode: daemonset\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    tail_sampling:\n      policies:\n        - name: errors\n          type: status_code\n          status_code: {status_codes: [ERROR]}\n  service:\n    pipelines:\n      traces:\n        processors: [memory_limiter, tail_sampling, batch]\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    tail_sampling:\n      policies:\n        - name: errors\n          type: status_code\n          status_code: {status_codes: [ERROR]}\n  service:\n    pipelines:\n      traces:\n        processors: [memory_limiter, tail_sampling, batch]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil || !isAgent(pass.Doc) {
			return nil
		}
		for _, e := range c.Components["exporters"] {
			if ruleutil.ComponentType(pass.Catalog, "exporters", e.ID) != "load_balancing" {
				continue
			}
			if k := ruleutil.ScalarStr(e.Node.Get("routing_key")); k == "" || k == "traceID" {
				return nil // this collector routes by trace ID to a sampling tier
			}
		}
		for _, p := range c.Pipelines {
			for _, r := range pipelineList(pass.Catalog, p, "processors") {
				if r.Type != "tail_sampling" {
					continue
				}
				pass.Reportf(r.Pos, r.Path, "%q in pipeline %q of a %s collector: it only sees the spans that reach this %s, so the spans of one trace land on different collectors and are sampled as fragments; sample in a gateway behind a load_balancing exporter with routing_key: traceID",
					r.ID, p.ID, ruleutil.ModeOf(pass.Doc), map[bool]string{true: "pod", false: "node"}[ruleutil.ModeOf(pass.Doc) == "sidecar"])
			}
		}
		return nil
	},
})

package rules

import (
	"github.com/otelcfg/otelcfg/internal/lint"
)

// SamplerOrder reports probabilistic_sampler before tail_sampling.
var SamplerOrder = register(&lint.Rule{
	ID:       "sampler-order",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "probabilistic_sampler comes before tail_sampling in a pipeline",
		Text: "probabilistic_sampler drops traces at random before tail_sampling sees them, so the traces tail_sampling policies exist to keep (errors, slow requests) are thrown away with the rest. " +
			"Express the random share as a probabilistic policy inside tail_sampling (next to the error and latency policies), or put probabilistic_sampler after tail_sampling.",
		Bad:  "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nprocessors:\n  probabilistic_sampler:\n    sampling_percentage: 10\n  tail_sampling:\n    policies:\n      - name: errors\n        type: status_code\n        status_code: {status_codes: [ERROR]}\nexporters:\n  otlp_grpc:\n    endpoint: tempo.tempo.svc.cluster.local:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [probabilistic_sampler, tail_sampling]\n      exporters: [otlp_grpc]\n",
		Good: "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nprocessors:\n  tail_sampling:\n    policies:\n      - name: errors\n        type: status_code\n        status_code: {status_codes: [ERROR]}\n      - name: ten-percent\n        type: probabilistic\n        probabilistic: {sampling_percentage: 10}\nexporters:\n  otlp_grpc:\n    endpoint: tempo.tempo.svc.cluster.local:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [tail_sampling]\n      exporters: [otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		for _, p := range pass.Collector.Pipelines {
			procs := pipelineList(pass.Catalog, p, "processors")
			for i, r := range procs {
				if r.Type != "probabilistic_sampler" {
					continue
				}
				for _, t := range procs[i+1:] {
					if t.Type == "tail_sampling" {
						pass.Reportf(r.Pos, r.Path, "%q drops traces at random before %q can keep the ones its policies want (errors, slow requests); use a probabilistic policy inside %q instead, or move %q after it", r.ID, t.ID, t.ID, r.ID)
						break
					}
				}
			}
		}
		return nil
	},
})

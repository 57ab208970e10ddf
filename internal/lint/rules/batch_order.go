package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// dropProcessors sample or filter: batching before them batches data that
// is then thrown away, and tail_sampling needs whole traces, not batches.
var dropProcessors = map[string]bool{"tail_sampling": true, "probabilistic_sampler": true, "filter": true}

// BatchOrder reports batch before samplers and filters, and (as info)
// deployed collectors whose pipelines batch nowhere.
var BatchOrder = register(&lint.Rule{
	ID:       "batch-order",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "batch comes before a sampler or filter, or a pipeline does not batch",
		Text: "The batch processor groups data for the exporters. Placed before tail_sampling, probabilistic_sampler or filter it spends memory and CPU batching data that is then dropped, and the sampler sees batches instead of data as it arrives: put batch after them (the usual order is memory_limiter, enrichment, samplers/filters, batch). " +
			"In Helm values and OpenTelemetryCollector resources (except sidecars), a pipeline that receives from outside (not only from connectors) and pushes over the network without batch, and without batching in its exporters (sending_queue.batch), is reported as info: every request then carries a handful of items.",
		Bad:  "processors:\n  batch: {}\n  filter/health:\n    error_mode: ignore\n    trace_conditions:\n      - span.attributes[\"http.route\"] == \"/healthz\"\nreceivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  otlp_grpc:\n    endpoint: tempo.tempo.svc.cluster.local:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch, filter/health]\n      exporters: [otlp_grpc]\n",
		Good: "processors:\n  batch: {}\n  filter/health:\n    error_mode: ignore\n    trace_conditions:\n      - span.attributes[\"http.route\"] == \"/healthz\"\nreceivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  otlp_grpc:\n    endpoint: tempo.tempo.svc.cluster.local:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [filter/health, batch]\n      exporters: [otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil {
			return nil
		}
		for _, p := range c.Pipelines {
			if p.Origin != "" || p.Node.IsNull() {
				continue
			}
			procs := pipelineList(pass.Catalog, p, "processors")
			batch := -1
			for i, r := range procs {
				if r.Type == "batch" && batch < 0 {
					batch = i
				}
				if batch >= 0 && dropProcessors[r.Type] && procs[batch].Origin == "" {
					b := procs[batch]
					pass.Reportf(b.Pos, b.Path, "%q batches before %s %q in pipeline %q: data is batched and then dropped, and the sampler sees batches, not data as it arrives; move batch after %q", b.ID, r.Type, r.ID, p.ID, r.ID)
					break
				}
			}
			if batch >= 0 || !isManagedCollector(pass.Doc) || fedByConnectorsOnly(c, p) || !exportsOverNetwork(pass, c, p) {
				continue
			}
			pos, path := listPos(p, "processors")
			pass.Report(lint.Finding{Pos: pos, Path: path, Severity: lint.Info, Message: fmt.Sprintf(
				"pipeline %q exports without batching: add the batch processor last in its processors (or enable sending_queue.batch in its exporters), so requests carry many items instead of a few", p.ID)})
		}
		return nil
	},
})

// exportsOverNetwork is true when some exporter of p sends somewhere
// (not debug/nop, not a connector) and none of them batches itself.
func exportsOverNetwork(pass *lint.Pass, c *config.Collector, p *config.Pipeline) bool {
	network := false
	for _, r := range p.Exporters {
		comp := ruleutil.Defined(c, "exporters", r.ID)
		if comp == nil {
			continue // a connector, or undefined (reported elsewhere)
		}
		if typ := ruleutil.ComponentType(pass.Catalog, "exporters", r.ID); sinkExporters[typ] || typ == "prometheus" || typ == "file" {
			continue // nothing sent, or served to scrapers / written locally
		}
		if b := comp.Node.Get("sending_queue").Get("batch"); b != nil && !ruleutil.YAMLFalse(b) && !ruleutil.YAMLFalse(b.Get("enabled")) {
			return false
		}
		network = true
	}
	return network
}

package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// MemoryLimiterOrder reports pipelines whose memory_limiter is not the first
// processor, and pipelines of deployed collectors without one.
var MemoryLimiterOrder = register(&lint.Rule{
	ID:       "memory-limiter-order",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "memory_limiter is missing from a pipeline or not its first processor",
		Text: "memory_limiter refuses data when the collector nears its memory limit, so that senders retry instead of the collector being killed (OOM) and losing everything it buffered. " +
			"It only protects what comes after it: put it first among the processors of every pipeline that receives from outside. " +
			"In Helm values and OpenTelemetryCollector resources (except sidecars) a pipeline without it is reported too; pipelines fed only by connectors are not, since their data passed the limiter upstream. " +
			"Processors the Helm chart's presets prepend (k8s_attributes, resource_detection) are not counted.",
		Bad:  "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gateway\nspec:\n  mode: deployment\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    processors:\n      batch: {}\n      memory_limiter:\n        check_interval: 1s\n        limit_percentage: 80\n        spike_limit_percentage: 25\n    exporters:\n      otlp_grpc:\n        endpoint: tempo.tempo.svc.cluster.local:4317\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          processors: [batch, memory_limiter]\n          exporters: [otlp_grpc]\n",
		Good: "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: gateway\nspec:\n  mode: deployment\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    processors:\n      batch: {}\n      memory_limiter:\n        check_interval: 1s\n        limit_percentage: 80\n        spike_limit_percentage: 25\n    exporters:\n      otlp_grpc:\n        endpoint: tempo.tempo.svc.cluster.local:4317\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          processors: [memory_limiter, batch]\n          exporters: [otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil {
			return nil
		}
		requireIt := isManagedCollector(pass.Doc)
		for _, p := range c.Pipelines {
			if p.Origin != "" || p.Node.IsNull() {
				continue // a pipeline wholly from the chart
			}
			var user []listRef
			found := false
			for _, r := range pipelineList(pass.Catalog, p, "processors") {
				if r.Type == "memory_limiter" {
					// Also when the list is the chart's default one
					// (values that set only a pipeline's exporters).
					found = true
					if len(user) > 0 && r.Origin == "" {
						pass.Reportf(r.Pos, r.Path, "memory_limiter %q comes after %q in pipeline %q: processors before it work on data it may still refuse, and memory is already spent; move it first", r.ID, user[0].ID, p.ID)
					}
					break
				}
				if r.Origin != "" {
					continue // prepended by a chart preset
				}
				user = append(user, r)
			}
			if found || !requireIt || fedByConnectorsOnly(c, p) || len(p.Receivers) == 0 {
				continue
			}
			pos, path := listPos(p, "processors")
			hint := "add a memory_limiter processor (e.g. limit_percentage: 80, spike_limit_percentage: 25) first in its processors"
			if defs := c.Components["processors"]; len(defs) > 0 {
				for _, d := range defs {
					if ruleutil.ComponentType(pass.Catalog, "processors", d.ID) == "memory_limiter" {
						hint = fmt.Sprintf("put %q first in its processors", d.ID)
						break
					}
				}
			}
			pass.Reportf(pos, path, "pipeline %q has no memory_limiter: under load the collector grows until it is OOM-killed and loses what it buffered; %s", p.ID, hint)
		}
		return nil
	},
})

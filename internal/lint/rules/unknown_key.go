package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

var (
	topLevelKeys = []string{"connectors", "exporters", "extensions", "processors", "receivers", "service"}
	serviceKeys  = []string{"extensions", "pipelines", "telemetry"}
	pipelineKeys = []string{"exporters", "processors", "receivers"}
)

// UnknownKey reports keys the collector's top level, service and pipeline
// sections do not have.
var UnknownKey = register(&lint.Rule{
	ID:       "unknown-key",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A key is not part of the collector config",
		Text:      "The collector decodes its config strictly: a key it does not know at the top level, under service, or in a pipeline makes it refuse to start. Usually a typo or a section nested at the wrong level.",
		Bad:       "service:\n  pipeline:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		root := pass.Doc.Config
		if root == nil || root.Kind != config.MapNode {
			return nil
		}
		base := pass.Doc.ConfigPath
		checkKeys(pass, root, base, "the collector config", topLevelKeys)
		svc := root.Get("service")
		if svc == nil || svc.Kind != config.MapNode {
			return nil
		}
		checkKeys(pass, svc, join(base, "service"), "service", serviceKeys)
		checkTelemetry(pass, svc.Get("telemetry"), join(base, "service.telemetry"))
		if pipes := svc.Get("pipelines"); pipes != nil && pipes.Kind == config.MapNode {
			for _, pe := range pipes.Entries {
				if pe.Value.Kind == config.MapNode {
					checkKeys(pass, pe.Value, join(base, "service.pipelines."+pe.Key), "pipeline "+pe.Key, pipelineKeys)
				}
			}
		}
		return nil
	},
})

func checkKeys(pass *lint.Pass, n *config.Node, path, where string, allowed []string) {
	for _, e := range n.Entries {
		if contains(allowed, e.Key) {
			continue
		}
		pass.Report(lint.Finding{Pos: e.KeyPos, Path: join(path, e.Key), Message: fmt.Sprintf(
			"unknown key %q in %s%s; allowed keys are %s", e.Key, where, ruleutil.DidYouMean(e.Key, allowed), ruleutil.QuoteList(allowed))})
	}
}

func join(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// telemetryKeys are the sections of service.telemetry (otelconftelemetry).
var telemetryKeys = []string{"logs", "metrics", "resource", "traces"}

func checkTelemetry(pass *lint.Pass, tel *config.Node, path string) {
	if tel == nil || tel.Kind != config.MapNode {
		return
	}
	checkKeys(pass, tel, path, "service.telemetry", telemetryKeys)
	metrics := tel.Get("metrics")
	if e := metrics.Entry("address"); e != nil {
		pass.Report(lint.Finding{Pos: e.KeyPos, Path: path + ".metrics.address", Message: "service.telemetry.metrics.address is no longer accepted by the collector: " +
			"expose internal metrics with metrics.readers: [{pull: {exporter: {prometheus: {host: ..., port: 8888}}}}]"})
	}
}

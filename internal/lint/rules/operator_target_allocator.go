package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// labelTargetAllocator links an OpenTelemetryCollector to a TargetAllocator
// resource by name (operator v0.157.0, constants.LabelTargetAllocator).
const labelTargetAllocator = "opentelemetry.io/target-allocator"

// targetAllocator returns the name of the target allocator the operator
// runs for a CR document (its Service is NAME-targetallocator), or "" when
// it runs none: spec.targetAllocator.enabled, or the label naming a
// TargetAllocator resource (internal/controllers getTargetAllocator).
func targetAllocator(doc *config.Document) string {
	if doc.Kind != config.KindOperatorCR {
		return ""
	}
	meta := doc.Source.Get("metadata")
	if name := ruleutil.ScalarStr(meta.Get("labels").Get(labelTargetAllocator)); name != "" {
		return name
	}
	if ruleutil.ScalarStr(doc.Source.Get("spec").Get("targetAllocator").Get("enabled")) == "true" {
		if name := ruleutil.ScalarStr(meta.Get("name")); name != "" {
			return name
		}
		return "NAME"
	}
	return ""
}

// operatorSettings returns the settings the collector really gets for a
// component of an OpenTelemetryCollector. With a target allocator the
// operator rewrites the receiver named exactly "prometheus" (operator
// v0.157.0, internal/manifests/collector/config_replace.go ReplaceConfig
// and targetallocator/adapters AddTAConfigToPromConfig): it sets
// target_allocator.endpoint (http://NAME-targetallocator:80), interval
// (30s) and collector_id (${POD_NAME}), and drops config.scrape_configs,
// which the target allocator serves instead. ok is false when the operator
// cannot rewrite it (a null receiver is not a map): reconciling fails.
func operatorSettings(pass *lint.Pass, c *config.Component) (settings *config.Node, ok bool) {
	ta := targetAllocator(pass.Doc)
	if ta == "" || c.Section != "receivers" || c.ID != "prometheus" {
		return c.Node, true
	}
	if c.Node == nil || c.Node.Kind != config.MapNode {
		return c.Node, false
	}
	n := c.Node.Clone()
	at := c.KeyPos
	alloc := n.Get("target_allocator")
	if alloc == nil || alloc.Kind != config.MapNode {
		alloc = config.NewMap(at)
		n.Set("target_allocator", at, alloc)
	}
	alloc.Set("endpoint", at, config.NewString("http://"+ta+"-targetallocator:80", at))
	alloc.Set("interval", at, config.NewString("30s", at))
	alloc.Set("collector_id", at, config.NewString("${POD_NAME}", at))
	if cfg := n.Get("config"); cfg != nil && cfg.Kind == config.MapNode {
		cfg.Delete("scrape_configs")
	}
	return n, true
}

package rules

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Fixes of removed-component: each removed type whose replacement is exact
// gets a fix; when a config is outside what the mapping covers, the rule
// says why there is no automatic fix and what to do by hand.

// migration is the outcome for one removed component: a fix, or the reason
// there is none (with the manual steps).
type migration struct {
	fix    *lint.Fix
	manual string
}

func migrate(pass *lint.Pass, c *config.Component, class catalog.Class) migration {
	if !editable(pass, c) {
		return migration{} // a chart default or preset: nothing in the user's text
	}
	switch {
	case class == catalog.Exporter && c.Type == "logging":
		return migrateLogging(pass, c)
	case class == catalog.Exporter && c.Type == "loki":
		return migrateLoki(pass, c)
	case class == catalog.Exporter && c.Type == "jaeger":
		return migrateEndpoint(pass, c, "otlp_grpc", "jaeger", ":14250", ":4317",
			"Jaeger's OTLP gRPC port 4317 on the same host", "the endpoint does not end in Jaeger's gRPC port :14250")
	case class == catalog.Exporter && c.Type == "jaeger_thrift":
		return migrateEndpoint(pass, c, "otlp_http", "jaeger", ":14268/api/traces", ":4318",
			"Jaeger's OTLP HTTP port 4318 on the same host", "the endpoint does not end in Jaeger's Thrift HTTP path :14268/api/traces")
	case class == catalog.Extension && c.Type == "memory_ballast":
		return migrateBallast(pass, c)
	case class == catalog.Processor && c.Type == "spanmetrics":
		return migration{manual: spanmetricsSteps(pass, c)}
	}
	return migration{manual: "no automatic fix: there is no one-to-one replacement; change the config by hand as described"}
}

// newName is the ID a migrated component gets: newType/base, or
// newType/base_NAME for a named one (loki/eu → otlp_http/loki_eu).
func newName(c *config.Component, newType, base string) string {
	if c.Name == "" {
		return newType + "/" + base
	}
	return newType + "/" + base + "_" + c.Name
}

// taken explains why id cannot be used, or returns "". A component under
// a deprecated alias takes its new name too: otlphttp/loki is renamed to
// otlp_http/loki by deprecated-component-type's fix.
func taken(pass *lint.Pass, id string) string {
	for _, sec := range []string{"exporters", "connectors"} {
		for _, o := range pass.Collector.Components[sec] {
			canon := o.Type
			if comp, ok := pass.Catalog.Lookup(ruleutil.ClassOf(sec), o.Type); ok {
				canon = comp.Type
			}
			if o.Name != "" {
				canon += "/" + o.Name
			}
			if ruleutil.NormID(canon) == ruleutil.NormID(id) {
				return fmt.Sprintf("no automatic fix: %s %q is (or will be renamed to) %q already; rename by hand", ruleutil.ClassOf(sec), o.ID, id)
			}
		}
	}
	return ""
}

// debugVerbosity maps the logging exporter's zap loglevel to the debug
// exporter's verbosity, as the logging exporter itself did (mapLevel).
var debugVerbosity = map[string]string{
	"debug": "detailed", "info": "normal",
	"warn": "basic", "error": "basic", "dpanic": "basic", "panic": "basic", "fatal": "basic",
}

// loggingSetting is one setting of a logging exporter and its debug form.
type loggingSetting struct {
	e        *config.Entry
	key, val string // as the debug exporter takes it
}

// loggingSettings maps a logging exporter's settings to the debug
// exporter's, or says why it cannot.
func loggingSettings(n *config.Node) ([]loggingSetting, string) {
	if n.IsNull() {
		return nil, ""
	}
	if n.Kind != config.MapNode {
		return nil, "its settings are not a map"
	}
	if n.Get("loglevel") != nil && n.Get("verbosity") != nil {
		return nil, "it sets both loglevel and verbosity (the logging exporter refused that too): keep verbosity"
	}
	var out []loggingSetting
	for _, e := range n.Entries {
		if e.Value.Kind != config.ScalarNode {
			return nil, fmt.Sprintf("%s is not a single value", e.Key)
		}
		switch e.Key {
		case "loglevel":
			v, ok := debugVerbosity[strings.ToLower(e.Value.Value)]
			if !ok {
				return nil, fmt.Sprintf("loglevel %q has no verbosity equivalent", e.Value.Value)
			}
			out = append(out, loggingSetting{e, "verbosity", v})
		case "verbosity", "sampling_initial", "sampling_thereafter":
			out = append(out, loggingSetting{e, e.Key, e.Value.Value})
		default:
			return nil, fmt.Sprintf("its setting %s has no debug equivalent", e.Key)
		}
	}
	return out, ""
}

// migrateLogging turns a logging exporter into debug. Without a debug
// exporter in the user's file, logging is renamed (a chart's default debug
// is merged with it by the chart); with one, logging's settings are merged
// into it when they agree, logging is deleted, and every pipeline that
// exported to logging exports to debug, once.
func migrateLogging(pass *lint.Pass, c *config.Component) migration {
	newID := "debug"
	if c.Name != "" {
		newID += "/" + c.Name
	}
	if ruleutil.Defined(pass.Collector, "connectors", newID) != nil {
		return migration{manual: fmt.Sprintf("no automatic fix: a connector is named %q", newID)}
	}
	settings, why := loggingSettings(c.Node)
	if why != "" {
		return migration{manual: "no automatic fix: " + why}
	}
	d := ruleutil.Defined(pass.Collector, "exporters", newID)
	used := false
	refsTo(pass, c, func(*config.Pipeline, string, config.Ref) { used = true })
	if d == nil || !editable(pass, d) {
		fix := &lint.Fix{Message: fmt.Sprintf("rename %s to %s", c.ID, newID), Edits: renameEdits(pass, c, newID, d)}
		for _, s := range settings {
			if s.e.Key == "loglevel" {
				fix.Edits = append(fix.Edits, lint.ReplaceEdit(s.e.KeyPos, "loglevel", "verbosity"),
					lint.ScalarEdit(s.e.Value.Pos, s.e.Value.Value, s.val))
				fix.Message += fmt.Sprintf(" (loglevel: %s becomes verbosity: %s)", s.e.Value.Value, s.val)
			}
		}
		return migration{fix: fix}
	}
	if !used {
		return migration{fix: &lint.Fix{Message: fmt.Sprintf("delete %s: no pipeline uses it and %s exists", c.ID, newID),
			Edits: []lint.Edit{lint.DeleteEntryEdit(c.KeyPos, c.ID)}}}
	}
	var add []string
	for _, s := range settings {
		dv := d.Node.Get(s.key)
		switch {
		case dv == nil:
			add = append(add, s.key+": "+s.val)
		case dv.Value != s.val:
			return migration{manual: fmt.Sprintf("no automatic fix: %s sets %s: %s and %s sets %s: %s; merge them by hand", c.ID, s.key, s.val, newID, s.key, dv.Value)}
		}
	}
	if len(add) > 0 && d.Node.Kind != config.MapNode && !d.Node.IsNull() {
		return migration{manual: fmt.Sprintf("no automatic fix: %s's settings are not a map", newID)}
	}
	fix := &lint.Fix{Message: fmt.Sprintf("merge %s into %s: every pipeline that used %s exports to %s", c.ID, newID, c.ID, newID)}
	fix.Edits = append(fix.Edits, lint.DeleteEntryEdit(c.KeyPos, c.ID))
	if len(add) > 0 {
		fix.Edits = append(fix.Edits, lint.AddEntriesEdit(d.KeyPos, d.ID, strings.Join(add, "\n")))
		fix.Message += fmt.Sprintf(", which gets %s (%s now applies to all of %s's pipelines)", strings.Join(add, ", "), add[0], newID)
	}
	refEdits(pass, c, newID, d, &fix.Edits)
	return migration{fix: fix}
}

// lokiPushPath is the path of Loki's push API, which the loki exporter's
// endpoint named; Loki 3 serves OTLP at /otlp on the same host and port
// (the otlp_http exporter appends /v1/logs).
const lokiPushPath = "/loki/api/v1/push"

// lokiOTLPEndpoint derives Loki's OTLP endpoint from a push URL.
func lokiOTLPEndpoint(push string) (string, bool) {
	base := strings.TrimSuffix(push, "/")
	if !strings.Contains(base, "://") || strings.ContainsAny(base, "?#") || !strings.HasSuffix(base, lokiPushPath) {
		return "", false
	}
	return strings.TrimSuffix(base, lokiPushPath) + "/otlp", true
}

// lokiDropped are the loki exporter's settings (at its last release,
// v0.130.0) that otlp_http has no equivalent for; the rest of its settings
// (confighttp's client settings: endpoint, headers, tls, auth, timeout,
// compression...; sending_queue; retry_on_failure) are otlp_http's too.
var lokiDropped = map[string]string{
	"default_labels_enabled": "Loki's OTLP endpoint chooses the index labels itself, from resource attributes such as service.name (configure limits_config.otlp_config in Loki to change them)",
}

// lokiLegacy are settings the loki exporter dropped before it was removed.
var lokiLegacy = map[string]bool{"tenant_id": true, "labels": true, "format": true}

// migrateLoki replaces a loki exporter with otlp_http to Loki's OTLP
// endpoint, keeping the settings that carry over.
func migrateLoki(pass *lint.Pass, c *config.Component) migration {
	newID := newName(c, "otlp_http", "loki")
	if why := taken(pass, newID); why != "" {
		return migration{manual: why}
	}
	ep := c.Node.Entry("endpoint")
	if ep == nil || ep.Value.Kind != config.ScalarNode {
		return migration{manual: "no automatic fix: it has no endpoint; add an otlp_http exporter with endpoint http://LOKI-HOST:3100/otlp"}
	}
	otlp, ok := lokiOTLPEndpoint(ep.Value.Value)
	if !ok {
		return migration{manual: fmt.Sprintf("no automatic fix: endpoint %q is not a Loki push URL (…%s); point an otlp_http exporter at Loki's /otlp by hand", ep.Value.Value, lokiPushPath)}
	}
	fix := &lint.Fix{Message: fmt.Sprintf("replace %s with %s sending to Loki's OTLP endpoint %s", c.ID, newID, otlp),
		Edits: renameEdits(pass, c, newID, nil)}
	fix.Edits = append(fix.Edits, lint.ScalarEdit(ep.Value.Pos, ep.Value.Value, otlp))
	for _, e := range c.Node.Entries {
		if lokiLegacy[e.Key] {
			return migration{manual: fmt.Sprintf("no automatic fix: %s is a setting of loki exporters before v0.6x (the last loki exporter refused it too); remove it, then run --fix again", e.Key)}
		}
		if why, ok := lokiDropped[e.Key]; ok {
			fix.Edits = append(fix.Edits, lint.DeleteEntryEdit(e.KeyPos, e.Key))
			fix.Message += fmt.Sprintf("; drop %s: %s", e.Key, why)
		}
	}
	return migration{fix: fix}
}

// migrateEndpoint replaces a removed exporter whose settings are the
// replacement's (jaeger: configgrpc like otlp_grpc; jaeger_thrift:
// confighttp like otlp_http) and whose endpoint maps by its port suffix.
func migrateEndpoint(pass *lint.Pass, c *config.Component, newType, base, oldSuffix, newSuffix, where, mismatch string) migration {
	newID := newName(c, newType, base)
	if why := taken(pass, newID); why != "" {
		return migration{manual: why}
	}
	ep := c.Node.Entry("endpoint")
	if ep == nil || ep.Value.Kind != config.ScalarNode {
		return migration{manual: fmt.Sprintf("no automatic fix: it has no endpoint; add a %s exporter that sends to %s", newType, where)}
	}
	v := ep.Value.Value
	if !strings.HasSuffix(v, oldSuffix) {
		return migration{manual: fmt.Sprintf("no automatic fix: %s; add a %s exporter that sends to %s by hand", mismatch, newType, where)}
	}
	to := strings.TrimSuffix(v, oldSuffix) + newSuffix
	fix := &lint.Fix{Message: fmt.Sprintf("replace %s with %s sending to %s (%s)", c.ID, newID, to, where),
		Edits: renameEdits(pass, c, newID, nil)}
	fix.Edits = append(fix.Edits, lint.ScalarEdit(ep.Value.Pos, v, to))
	return migration{fix: fix}
}

// migrateBallast deletes a memory_ballast extension; in Helm values it
// also makes sure useGOMEMLIMIT is on, which sets GOMEMLIMIT from the
// memory limit (the ballast's job since Go 1.19 has a soft memory limit).
func migrateBallast(pass *lint.Pass, c *config.Component) migration {
	fix := &lint.Fix{Message: "delete " + c.ID, Edits: removeEdits(pass, c, nil)}
	if pass.Doc.Kind != config.KindHelmValues {
		fix.Message += "; set GOMEMLIMIT in the collector's environment to about 80% of its memory limit"
		return migration{fix: fix}
	}
	root := pass.Doc.Source
	switch e := root.Entry("useGOMEMLIMIT"); {
	case root.Kind != config.MapNode || len(root.Entries) == 0:
	case e == nil:
		anchor := root.Entries[0]
		if m := root.Entry("mode"); m != nil {
			anchor = m
		}
		fix.Edits = append(fix.Edits, lint.InsertAfterEdit(anchor.KeyPos, anchor.Key, "useGOMEMLIMIT: true"))
		fix.Message += " and set useGOMEMLIMIT: true"
	case e.Value.Kind == config.ScalarNode && e.Value.Value == "false":
		fix.Edits = append(fix.Edits, lint.ReplaceEdit(e.Value.Pos, "false", "true"))
		fix.Message += " and turn useGOMEMLIMIT on"
	}
	fix.Message += " (the chart sets GOMEMLIMIT to 80% of resources.limits.memory)"
	return migration{fix: fix}
}

// spanmetricsSteps lists the manual migration of a spanmetrics processor
// to the span_metrics connector. It is not automatic because the
// connector's metrics are named differently, so dashboards and alerts
// built on the processor's metrics break.
func spanmetricsSteps(pass *lint.Pass, c *config.Component) string {
	var traces []string
	refsTo(pass, c, func(p *config.Pipeline, _ string, _ config.Ref) {
		if p != nil {
			traces = append(traces, p.ID)
		}
	})
	to := "the metrics exporter it fed (metrics_exporter)"
	if me := c.Node.Get("metrics_exporter"); me != nil && me.Kind == config.ScalarNode {
		to = me.Value
	}
	where := "the traces pipelines"
	if len(traces) > 0 {
		where = "pipeline " + strings.Join(traces, ", ")
	}
	steps := fmt.Sprintf("no automatic fix: the span_metrics connector names its metrics differently (traces.span.metrics.calls and traces.span.metrics.duration instead of calls_total and latency), so dashboards and alerts change. By hand: (1) move %s from processors to connectors as span_metrics; (2) in %s, remove it from processors and add span_metrics to exporters; (3) add a metrics pipeline with receivers [span_metrics] and exporters [%s]; (4) drop metrics_exporter", c.ID, where, to)
	if c.Node.Get("latency_histogram_buckets") != nil {
		steps += " and move latency_histogram_buckets to histogram.explicit.buckets"
	}
	return steps
}

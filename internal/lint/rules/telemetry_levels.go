package rules

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// The levels service::telemetry decodes, read from the pinned modules:
// logs.level is a zapcore.Level (go.uber.org/zap zapcore/level.go,
// unmarshalText, tried as written and then lower-cased); metrics.level is a
// configtelemetry.Level (go.opentelemetry.io/collector/config/
// configtelemetry@v0.158.0 configtelemetry.go, UnmarshalText, lower-cased).
var (
	logLevels     = []string{"debug", "info", "warn", "warning", "error", "dpanic", "panic", "fatal"}
	metricsLevels = []string{"none", "basic", "normal", "detailed"}
)

// checkTelemetryLevels reports service.telemetry logs.level and
// metrics.level values the collector cannot decode.
func checkTelemetryLevels(pass *lint.Pass) {
	root := pass.Doc.Config
	if root == nil || root.Kind != config.MapNode {
		return
	}
	tel := root.Get("service").Get("telemetry")
	base := join(pass.Doc.ConfigPath, "service.telemetry")
	for _, sec := range []struct {
		name   string
		levels []string
	}{{"logs", logLevels}, {"metrics", metricsLevels}} {
		e := tel.Get(sec.name).Entry("level")
		if e == nil || e.Value.Kind != config.ScalarNode || e.Value.Tag != "!!str" {
			continue // absent, null (the default), or a type error reported elsewhere
		}
		v := e.Value.Value
		if v == "" || strings.Contains(v, "${") || contains(sec.levels, strings.ToLower(v)) {
			continue // "" is info for logs; an unresolved ${...} may be anything
		}
		pass.Report(lint.Finding{Pos: e.Value.Pos, Path: base + "." + sec.name + ".level", Message: fmt.Sprintf(
			"service.telemetry.%s.level %q is not a level the collector knows%s; use one of %s", sec.name, v, ruleutil.DidYouMean(strings.ToLower(v), sec.levels), ruleutil.QuoteList(sec.levels))})
	}
	checkTelemetryMetrics(pass, tel.Get("metrics"), base+".metrics")
}

// checkTelemetryMetrics mirrors otelconftelemetry's Config.Validate at
// v0.158.0 (the exact layer runs the real one): a metrics reader must exist
// unless the level is none, and views need the level detailed. The level
// defaults to normal; `readers:` or `views:` left null keep the default (a
// reader, no views), while an empty list is a list.
func checkTelemetryMetrics(pass *lint.Pass, metrics *config.Node, path string) {
	level := "normal"
	if l := metrics.Get("level"); l != nil && l.Kind == config.ScalarNode {
		if strings.Contains(l.Value, "${") || !contains(metricsLevels, strings.ToLower(l.Value)) {
			return // unknown until deployed, or reported above
		}
		level = strings.ToLower(l.Value)
	}
	if e := metrics.Entry("readers"); e != nil && e.Value.Kind == config.SeqNode && len(e.Value.Items) == 0 && level != "none" {
		pass.Report(lint.Finding{Pos: e.KeyPos, Path: path + ".readers", Message: fmt.Sprintf(
			"service.telemetry.metrics.readers is empty while metrics.level is %s: the collector refuses it (\"collector telemetry metrics reader should exist when metric level is not none\"); add a reader or set level: none", level)})
	}
	if e := metrics.Entry("views"); e != nil && e.Value.Kind == config.SeqNode && level != "detailed" {
		pass.Report(lint.Finding{Pos: e.KeyPos, Path: path + ".views", Message: fmt.Sprintf(
			"service.telemetry.metrics.views is set while metrics.level is %s: the collector refuses it (\"views can only be set when service::telemetry::metrics::level is detailed\"); set level: detailed or remove views", level)})
	}
}

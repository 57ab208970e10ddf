package rules

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
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
			"service.telemetry.%s.level %q is not a level the collector knows%s; use one of %s", sec.name, v, didYouMean(strings.ToLower(v), sec.levels), quoteList(sec.levels))})
	}
}

package deploy

import (
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// HelmUnescapedTemplate reports `{{` in Helm values' config that the
// chart's tpl would evaluate.
var HelmUnescapedTemplate = register(&lint.Rule{
	ID:       "helm-unescaped-template",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "`{{` in a Helm values config is evaluated by the chart's tpl",
		Text: "The opentelemetry-collector chart passes `config` through Helm's `tpl`, so every `{{ ... }}` in it is a Helm template. Text meant for the collector — OTTL statements, a component's own Go templates, a literal `{{` — either fails the install (`function \"user\" not defined`, a nil pointer for `{{ .a.b }}`, a parse error) or is silently rewritten: Helm's context has only .Values, .Release, .Chart, .Capabilities, .Template and .Files, and any other field (`{{ .service }}`) renders as an empty string. " +
			"otelcfg runs each string as tpl would (Helm v3.22's functions, missingkey=zero) and says which happens, quoting the rendered text. " +
			"Escape each literal `{{` as {{\"{{\"}} (or {{`{{`}}). Real Helm templates (Helm's objects, functions such as `include`, variables, `{{-` trim markers) are left alone and reported by helm-chart-note as not modelled.",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    transform:\n      log_statements:\n        - set(log.body, \"{{ user }} logged in\")\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    transform:\n      log_statements:\n        - set(log.body, \"{{\"{{\"}} user }} logged in\")\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindHelmValues || pass.Doc.Config == nil {
			return nil
		}
		check := func(pos config.Pos, path, what, text string) {
			eff := chart.Tpl(text)
			switch eff.Kind {
			case chart.TplFails:
				pass.Reportf(pos, path, "the chart runs `tpl` on config, and the `{{` in %s makes `helm install` fail (%s); escape each `{{` meant for the collector as {{\"{{\"}}", what, eff.Detail)
			case chart.TplRewrites:
				pass.Reportf(pos, path, "the chart runs `tpl` on config, which renders %s as %q (a field Helm's context lacks becomes an empty string), so the collector never sees the `{{`; escape each `{{` meant for the collector as {{\"{{\"}}", what, eff.Detail)
			}
		}
		var walk func(n *config.Node, path string)
		walk = func(n *config.Node, path string) {
			if n == nil || n.Origin != "" {
				return
			}
			switch n.Kind {
			case config.ScalarNode:
				check(n.Pos, path, "this value", n.Value)
			case config.MapNode:
				for _, e := range n.Entries {
					p := path + "." + e.Key
					check(e.KeyPos, p, "this key", e.Key)
					walk(e.Value, p)
				}
			case config.SeqNode:
				for i, it := range n.Items {
					walk(it, config.IndexPath(path, i))
				}
			}
		}
		walk(pass.Doc.Config, pass.Doc.ConfigPath)
		return nil
	},
})

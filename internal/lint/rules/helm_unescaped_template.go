package rules

import (
	"fmt"

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
		Text: "The opentelemetry-collector chart passes `config` through Helm's `tpl`, so every `{{ ... }}` in it is a Helm template. Text meant for the collector — OTTL statements, a component's own Go templates, a literal `{{` — either fails the install (`function \"x\" not defined`, `unexpected ...`) or is silently rewritten. " +
			"Escape each literal `{{` as {{\"{{\"}} (or {{`{{`}}). Real Helm templates (`{{ .Values.x }}`, `{{ include ... }}`) are left alone and reported by helm-chart-note as not modelled.",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    transform:\n      log_statements:\n        - set(log.body, \"{{ user }} logged in\")\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    transform:\n      log_statements:\n        - set(log.body, \"{{\"{{\"}} user }} logged in\")\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindHelmValues || pass.Doc.Config == nil {
			return nil
		}
		var walk func(n *config.Node, path string)
		report := func(pos config.Pos, path, what string) {
			pass.Reportf(pos, path, "the chart runs `tpl` on config: the `{{` in %s is evaluated as a Helm template, which fails the install or rewrites the text; escape it as {{\"{{\"}}", what)
		}
		walk = func(n *config.Node, path string) {
			if n == nil || n.Origin != "" {
				return
			}
			switch n.Kind {
			case config.ScalarNode:
				if chart.UnescapedTemplate(n.Value) {
					report(n.Pos, path, "this value")
				}
			case config.MapNode:
				for _, e := range n.Entries {
					p := path + "." + e.Key
					if chart.UnescapedTemplate(e.Key) {
						report(e.KeyPos, p, "this key")
					}
					walk(e.Value, p)
				}
			case config.SeqNode:
				for i, it := range n.Items {
					walk(it, fmt.Sprintf("%s[%d]", path, i))
				}
			}
		}
		walk(pass.Doc.Config, pass.Doc.ConfigPath)
		return nil
	},
})

package rules

import (
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// SettingsUnchecked says, once per config, which component settings otelcfg
// did not validate, so nothing passes silently.
var SettingsUnchecked = register(&lint.Rule{
	ID:       "settings-unchecked",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Component settings were not checked",
		Text: "otelcfg checks the structure of the config (types, IDs, pipelines, connectors, signals) exactly like the collector. Settings inside a component (its keys and values) are checked by the component's own code when the otelcfg-collector program is installed and the type is compiled into it, and against a schema where otelcfg has one; the others are listed here so that nothing passes silently. " +
			"Components whose supported signals are unknown to otelcfg (read from the distribution list only) are listed too: their use in pipelines is not checked.",
		Bad:  "exporters:\n  datadog:\n    api:\n      key: ${env:DD_API_KEY}\n",
		Good: "exporters:\n  debug: # default settings: nothing to check\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		var ids, noSignals []string
		for _, sec := range config.Sections {
			for _, c := range pass.Collector.Components[sec] {
				if c.Origin != "" || c.Node.IsNull() {
					continue
				}
				key := schemaKey(pass, c)
				if key == "" {
					continue // unknown types are errors of their own
				}
				if !schemaChecker().Has(key) && !pass.Doc.CodeChecked[string(ruleutil.ClassOf(sec))+"/"+c.ID] {
					ids = append(ids, sec+"."+c.ID)
				}
				if comp, ok := pass.Catalog.Lookup(ruleutil.ClassOf(sec), c.Type); ok && !comp.SignalsKnown() && sec != "extensions" {
					noSignals = append(noSignals, c.ID)
				}
			}
		}
		pos := config.Pos{File: pass.Doc.File, Line: 1, Col: 1}
		if pass.Doc.Config != nil && pass.Doc.Config.Pos.IsValid() {
			pos = pass.Doc.Config.Pos
		}
		if len(ids) > 0 {
			pass.Reportf(pos, pass.Doc.ConfigPath, "settings of %d component(s) are not checked against a schema: %s", len(ids), strings.Join(ids, ", "))
		}
		if len(noSignals) > 0 {
			pass.Reportf(pos, pass.Doc.ConfigPath, "%s: supported signals unknown to otelcfg %s, so their place in pipelines is not checked", strings.Join(noSignals, ", "), pass.Catalog.Release)
		}
		return nil
	},
})

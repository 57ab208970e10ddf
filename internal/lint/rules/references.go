package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// listSections says which sections may define the IDs of each pipeline list:
// connectors act as receivers and as exporters.
var listSections = map[string][]string{
	"receivers":  {"receivers", "connectors"},
	"processors": {"processors"},
	"exporters":  {"exporters", "connectors"},
}

// eachPipelineRef calls fn for every reference of every valid pipeline.
func eachPipelineRef(pass *lint.Pass, fn func(p *config.Pipeline, list string, r config.Ref)) {
	for _, p := range validPipelines(pass) {
		for _, r := range p.Receivers {
			fn(p, "receivers", r)
		}
		for _, r := range p.Processors {
			fn(p, "processors", r)
		}
		for _, r := range p.Exporters {
			fn(p, "exporters", r)
		}
	}
}

// resolve finds the component a pipeline list entry refers to.
func resolve(c *config.Collector, list, id string) *config.Component {
	for _, sec := range listSections[list] {
		if comp := ruleutil.Defined(c, sec, id); comp != nil {
			return comp
		}
	}
	return nil
}

// UndefinedComponent reports pipeline references to components not defined.
var UndefinedComponent = register(&lint.Rule{
	ID:       "undefined-component",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A pipeline references a component that is not defined",
		Text:      "Every ID in a pipeline's receivers, processors and exporters must be defined in the matching top-level section (connectors count as receivers and exporters). An empty definition such as `batch:` is enough.",
		Bad:       "exporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		eachPipelineRef(pass, func(p *config.Pipeline, list string, r config.Ref) {
			if resolve(pass.Collector, list, r.ID) != nil {
				return
			}
			class := ruleutil.ClassOf(list)
			var ids []string
			for _, sec := range listSections[list] {
				for _, c := range pass.Collector.Components[sec] {
					ids = append(ids, c.ID)
				}
			}
			hint := ruleutil.DidYouMean(r.ID, ids)
			if hint == "" {
				for _, other := range config.Sections {
					if !contains(listSections[list], other) && ruleutil.Defined(pass.Collector, other, r.ID) != nil {
						hint = fmt.Sprintf(" (%q is defined under %s, which cannot be used in %s)", r.ID, other, list)
						break
					}
				}
			}
			var related []lint.Related
			if e := deletedChartDefault(pass, class.Section(), r.ID); hint == "" && e != nil {
				hint = fmt.Sprintf(": `%s:` with no value deletes the chart's default %s (Helm drops a key whose value is null); write `%s: {}` to keep it", r.ID, r.ID, r.ID)
				related = []lint.Related{{Pos: e.KeyPos, Message: "null here"}}
			}
			if hint == "" {
				hint = fmt.Sprintf("; define it under %s", class.Section())
			}
			pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path, Related: related,
				Message: fmt.Sprintf("pipeline %q references %s %q which is not configured%s", p.ID, class, r.ID, hint)})
		})
		return nil
	},
})

// UndefinedExtension reports service.extensions entries not defined.
var UndefinedExtension = register(&lint.Rule{
	ID:       "undefined-extension",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "service.extensions names an extension that is not defined",
		Text:      "Extensions are enabled by listing them in service.extensions, and each must be defined under the top-level extensions section.",
		Bad:       "service:\n  extensions: [health_check]\n",
		Good:      "extensions:\n  health_check:\nservice:\n  extensions: [health_check]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		var ids []string
		for _, c := range pass.Collector.Components["extensions"] {
			ids = append(ids, c.ID)
		}
		for _, r := range pass.Collector.Extensions {
			if ruleutil.Defined(pass.Collector, "extensions", r.ID) == nil {
				hint := ruleutil.DidYouMean(r.ID, ids)
				if hint == "" {
					hint = "; define it under extensions"
				}
				pass.Reportf(r.Pos, r.Path, "service.extensions references extension %q which is not configured%s", r.ID, hint)
			}
		}
		return nil
	},
})

// UnusedComponent reports definitions that no pipeline (or service.extensions) uses.
var UnusedComponent = register(&lint.Rule{
	ID:       "unused-component",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A component is defined but never used",
		Text: "The collector accepts definitions no pipeline uses and simply does not start them, so a receiver you think is listening, or an extension you think is running, is not. " +
			"Use it in a pipeline (or service.extensions) or remove it. Components the Helm chart adds by default are not reported.",
		Bad:  "exporters:\n  debug:\n  otlp:\n    endpoint: backend:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good: "exporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		used := map[string]bool{}
		eachPipelineRef(pass, func(p *config.Pipeline, list string, r config.Ref) {
			if c := resolve(pass.Collector, list, r.ID); c != nil {
				used[c.Section+"/"+c.ID] = true
			}
		})
		for _, r := range pass.Collector.Extensions {
			if c := ruleutil.Defined(pass.Collector, "extensions", r.ID); c != nil {
				used["extensions/"+c.ID] = true
			}
		}
		for _, sec := range config.Sections {
			for _, c := range pass.Collector.Components[sec] {
				if c.Origin != "" || used[sec+"/"+c.ID] {
					continue
				}
				if _, known := pass.Catalog.Lookup(ruleutil.ClassOf(sec), c.Type); !known {
					continue // unknown or removed: an error already says what to do
				}
				where := "any pipeline"
				if sec == "extensions" {
					where = "service.extensions"
				}
				pass.Reportf(posOf(c), c.Path, "%s %q is defined but not used in %s, so the collector does not start it: use it or remove it", ruleutil.ClassOf(sec), c.ID, where)
			}
		}
		return nil
	},
})

// deletedChartDefault returns the entry of Helm values whose null value
// deleted the chart's default component id of section (e.g. `batch:` under
// config.processors), or nil.
func deletedChartDefault(pass *lint.Pass, section, id string) *config.Entry {
	if pass.Doc.Kind != config.KindHelmValues || pass.Doc.Source == nil {
		return nil
	}
	e := pass.Doc.Source.Get("config").Get(section).Entry(id)
	if e == nil || !e.Value.IsNull() {
		return nil
	}
	return e
}

package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Helpers that build the edits of fixes. They edit only what the user's
// file holds: chart defaults and presets have no text to change.

// inFile reports whether pos is a place in the document's own file.
func inFile(pass *lint.Pass, pos config.Pos) bool {
	return pos.IsValid() && pos.File == pass.Doc.File
}

// editable reports whether component c is written in the user's file.
func editable(pass *lint.Pass, c *config.Component) bool {
	return c.Origin == "" && inFile(pass, c.KeyPos)
}

// refsTo calls fn for every reference to c in the pipelines (including
// pipelines whose ID the collector would refuse: their references must not
// dangle either) and in service.extensions.
func refsTo(pass *lint.Pass, c *config.Component, fn func(p *config.Pipeline, list string, r config.Ref)) {
	for _, p := range pass.Collector.Pipelines {
		for _, l := range []struct {
			name string
			refs []config.Ref
		}{{"receivers", p.Receivers}, {"processors", p.Processors}, {"exporters", p.Exporters}} {
			for _, r := range l.refs {
				if resolve(pass.Collector, l.name, r.ID) == c {
					fn(p, l.name, r)
				}
			}
		}
	}
	if c.Section == "extensions" {
		for _, r := range pass.Collector.Extensions {
			if ruleutil.Defined(pass.Collector, "extensions", r.ID) == c {
				fn(nil, "extensions", r)
			}
		}
	}
}

// sectionEntry returns the entry of section (receivers, processors...) in
// the user's text: under `config:` for Helm values, whose Config is merged
// with the chart's defaults.
func sectionEntry(pass *lint.Pass, section string) *config.Entry {
	if pass.Doc.Kind == config.KindHelmValues {
		return pass.Doc.Source.Get("config").Entry(section)
	}
	return pass.Collector.Root.Entry(section)
}

// removeEdits deletes component c: its definition and every reference to
// it. When every component the user wrote in c's section goes (c, and
// those gone reports true for), the section itself is deleted: an empty
// `processors:` left in Helm values is a null that deletes the chart's
// default processors.
func removeEdits(pass *lint.Pass, c *config.Component, gone func(*config.Component) bool) []lint.Edit {
	var edits []lint.Edit
	whole := true
	for _, o := range pass.Collector.Components[c.Section] {
		if o != c && o.Origin == "" && (gone == nil || !gone(o)) {
			whole = false
		}
	}
	if e := sectionEntry(pass, c.Section); whole && e != nil && inFile(pass, e.KeyPos) {
		edits = append(edits, lint.DeleteEntryEdit(e.KeyPos, e.Key))
	} else {
		edits = append(edits, lint.DeleteEntryEdit(c.KeyPos, c.ID))
	}
	refsTo(pass, c, func(_ *config.Pipeline, _ string, r config.Ref) {
		if inFile(pass, r.Pos) {
			edits = append(edits, lint.DeleteItemEdit(r.Pos, r.ID))
		}
	})
	return edits
}

// renameEdits renames component c to newID where it is defined and where
// it is referenced. When a list already names target (the component c's
// references should now point at), c's reference is deleted instead, so
// no list names one component twice.
func renameEdits(pass *lint.Pass, c *config.Component, newID string, target *config.Component) []lint.Edit {
	edits := []lint.Edit{lint.ReplaceEdit(c.KeyPos, c.ID, newID)}
	refEdits(pass, c, newID, target, &edits)
	return edits
}

// refEdits points every reference to c at newID, or deletes it from lists
// that name target already (or name c twice).
func refEdits(pass *lint.Pass, c *config.Component, newID string, target *config.Component, edits *[]lint.Edit) {
	type listKey struct {
		p    *config.Pipeline
		list string
	}
	has := map[listKey]bool{}
	if target != nil {
		for _, p := range pass.Collector.Pipelines {
			for list, refs := range map[string][]config.Ref{"receivers": p.Receivers, "processors": p.Processors, "exporters": p.Exporters} {
				for _, r := range refs {
					if resolve(pass.Collector, list, r.ID) == target {
						has[listKey{p, list}] = true
					}
				}
			}
		}
		for _, r := range pass.Collector.Extensions {
			if ruleutil.Defined(pass.Collector, "extensions", r.ID) == target {
				has[listKey{nil, "extensions"}] = true
			}
		}
	}
	refsTo(pass, c, func(p *config.Pipeline, list string, r config.Ref) {
		if !inFile(pass, r.Pos) {
			return
		}
		k := listKey{p, list}
		if has[k] {
			*edits = append(*edits, lint.DeleteItemEdit(r.Pos, r.ID))
			return
		}
		has[k] = true
		*edits = append(*edits, lint.ReplaceEdit(r.Pos, r.ID, newID))
	})
}

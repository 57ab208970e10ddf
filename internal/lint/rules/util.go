package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/suggest"
)

// classOf maps a config section to its component class.
func classOf(section string) catalog.Class {
	return catalog.Class(strings.TrimSuffix(section, "s"))
}

// reportProblems reports the loader's problems recorded under code.
func reportProblems(pass *lint.Pass, code config.Code) {
	for _, p := range pass.Doc.Problems {
		if p.Code == code {
			pass.Reportf(p.Pos, p.Path, "%s", p.Message)
		}
	}
	if pass.Collector != nil {
		for _, p := range pass.Collector.Problems {
			if p.Code == code {
				pass.Reportf(p.Pos, p.Path, "%s", p.Message)
			}
		}
	}
}

// problemRule is a rule whose findings come from loading (see config.Problem):
// its ID is the problem code.
func problemRule(code config.Code, sev lint.Severity, doc lint.Doc) *lint.Rule {
	return register(&lint.Rule{ID: string(code), Severity: sev, Doc: doc, Check: func(pass *lint.Pass) error {
		reportProblems(pass, code)
		return nil
	}})
}

// didYouMean returns " (did you mean X?)" for the closest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if c, ok := suggest.Closest(s, candidates, suggest.Limit(s)); ok {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// posOf returns the best position for a component: its key in the user's
// file, or where a chart default was merged in.
func posOf(c *config.Component) config.Pos { return c.KeyPos }

// quoteList renders names as "a", "b" and "c".
func quoteList(names []string) string {
	names = append([]string(nil), names...)
	sort.Strings(names)
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// normID is a component ID as the collector reads it: type and name are
// trimmed of spaces (component/identifiable.go), so "debug/ a" is debug/a.
func normID(id string) string {
	typ, name, slash := config.SplitID(id)
	typ, name = strings.TrimSpace(typ), strings.TrimSpace(name)
	if !slash {
		return typ
	}
	return typ + "/" + name
}

// defined returns the component of section whose ID is id, comparing IDs
// as the collector does (see normID), or nil.
func defined(c *config.Collector, section, id string) *config.Component {
	if comp := c.Defined(section, id); comp != nil {
		return comp
	}
	n := normID(id)
	for _, comp := range c.Components[section] {
		if normID(comp.ID) == n {
			return comp
		}
	}
	return nil
}

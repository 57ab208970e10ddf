// Package rules holds otelcfg's lint rules, one per file, each a lint.Rule
// value. All returns the registry sorted by ID.
package rules

import (
	"sort"

	"github.com/otelcfg/otelcfg/internal/lint"
)

var registry []*lint.Rule

func register(r *lint.Rule) *lint.Rule {
	registry = append(registry, r)
	return r
}

// All returns every rule, sorted by ID.
func All() []*lint.Rule {
	out := append([]*lint.Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule with id, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range registry {
		if r.ID == id {
			return r
		}
	}
	return nil
}

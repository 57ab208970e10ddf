// Package rules holds otelcfg's lint rules, one per file, each a lint.Rule
// value; the deployment rules (Helm values, operator resources) live in
// subpackage deploy, the semantic-conventions rules in semconv, and the
// helpers they share in ruleutil. All returns the whole registry sorted by ID.
package rules

import (
	"sort"

	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/deploy"
	"github.com/otelcfg/otelcfg/internal/lint/rules/semconv"
)

var registry []*lint.Rule

func register(r *lint.Rule) *lint.Rule {
	registry = append(registry, r)
	return r
}

// every is this package's rules and its subpackages'. It is set in init,
// which runs after every rule variable of the package has registered.
var every []*lint.Rule

func init() {
	every = append(append(append(every, registry...), deploy.Rules()...), semconv.Rules()...)
}

// All returns every rule, sorted by ID.
func All() []*lint.Rule {
	out := append([]*lint.Rule(nil), every...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule with id, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range every {
		if r.ID == id {
			return r
		}
	}
	return nil
}

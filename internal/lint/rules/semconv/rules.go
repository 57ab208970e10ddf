// Package semconv holds otelcfg's rules that check the attribute keys and
// values processors set, read, match or delete against the
// semantic-conventions registry. Package rules registers them with the
// others (see rules.All).
package semconv

import "github.com/otelcfg/otelcfg/internal/lint"

var registry []*lint.Rule

func register(r *lint.Rule) *lint.Rule {
	registry = append(registry, r)
	return r
}

// Rules returns the package's rules in declaration order.
func Rules() []*lint.Rule { return append([]*lint.Rule(nil), registry...) }

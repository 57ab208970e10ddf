package rules

import (
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/semconv"
)

// SemconvUnknownAttribute reports keys in a semantic-conventions namespace
// that are a near miss of a registry key.
var SemconvUnknownAttribute = register(&lint.Rule{
	ID:       "semconv-unknown-attribute",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An attribute key looks like a misspelt semantic-conventions key",
		Text: "A key such as `http.response.status_cod` or `service.namspace` is in a namespace the semantic conventions own but is not in the registry, while a registry key is a letter or two away: it is almost certainly a typo, and the data lands under a key nothing queries. " +
			"Custom keys are fine: otelcfg only reports a key whose namespace (the part before the first dot) is a semantic-conventions namespace and that is within a small edit distance of a current registry key; keys in your own namespaces (`loki.*`, `mycompany.*`) are never reported.",
		Bad:  "processors:\n  resource:\n    attributes:\n      - key: service.namspace\n        action: upsert\n        value: shop\n",
		Good: "processors:\n  resource:\n    attributes:\n      - key: service.namespace\n        action: upsert\n        value: shop\n",
	},
	Check: func(pass *lint.Pass) error {
		for _, u := range attrUses(pass) {
			if u.Closed {
				continue
			}
			if _, ok := semconv.Lookup(u.Key); ok {
				continue
			}
			ns := semconv.Namespace(u.Key)
			if ns == u.Key || len(semconv.InNamespace(ns)) == 0 {
				continue
			}
			s := semconv.Suggest(u.Key)
			if s == "" || semconv.Namespace(s) != ns {
				continue
			}
			pass.Reportf(u.Pos, u.Path, "processor %q uses attribute %q, which is not in the semantic-conventions registry (%s) although its namespace %q is: did you mean %q?", u.Comp.ID, u.Key, semconv.Version, ns, s)
		}
		return nil
	},
})

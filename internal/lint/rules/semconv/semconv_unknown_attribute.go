package semconv

import (
	"sort"
	"strings"
	"sync"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/semconv"
	"github.com/otelcfg/otelcfg/internal/suggest"
)

// SemconvUnknownAttribute reports keys in a semantic-conventions namespace
// that are a near miss of a registry key, and keys whose namespace is a near
// miss of a registry namespace.
var SemconvUnknownAttribute = register(&lint.Rule{
	ID:       "semconv-unknown-attribute",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An attribute key looks like a misspelt semantic-conventions key",
		Text: "A key such as `http.response.status_cod`, `service.namspace` or `servce.name` is not in the registry while a registry key is a letter or two away: it is almost certainly a typo, and the data lands under a key nothing queries. " +
			"Custom keys are fine: otelcfg only reports a key whose namespace (the part before the first dot) is a semantic-conventions namespace and that is within a small edit distance of a current registry key, or a key whose namespace is a near miss of a registry namespace and that is a registry key once the namespace is corrected; keys in your own namespaces (`loki.*`, `mycompany.*`) are never reported. " +
			"Neither are keys a component produces or reads itself (the awsecscontainermetrics receiver's `aws.ecs.cluster.name`, `aws.ecs.task.version`): the catalog lists, for every component module otelcfg could read, the keys its metadata.yaml and its source name, and \"correcting\" such a key to a registry one would break the config.",
		Bad:  "processors:\n  resource:\n    attributes:\n      - key: service.namspace\n        action: upsert\n        value: shop\n",
		Good: "processors:\n  resource:\n    attributes:\n      - key: service.namespace\n        action: upsert\n        value: shop\n",
	},
	Check: func(pass *lint.Pass) error {
		for _, u := range attrUses(pass) {
			if u.Closed {
				continue
			}
			if _, ok := semconv.Lookup(u.Key); ok || catalog.EmittedBy(u.Key) != nil {
				continue
			}
			ns := semconv.Namespace(u.Key)
			if ns == u.Key {
				continue
			}
			if len(semconv.InNamespace(ns)) == 0 {
				if fixed := namespaceTypo(u.Key, ns); fixed != "" {
					pass.Reportf(u.Pos, u.Path, "processor %q uses attribute %q, whose namespace %q is not in the semantic-conventions registry (%s) although %q is: did you mean %q?", u.Comp.ID, u.Key, ns, semconv.Version, semconv.Namespace(fixed), fixed)
				}
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

// registryNamespaces lists the namespaces of current registry keys, sorted
// (computed once, on the first key with an unknown namespace).
var registryNamespaces = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	for _, n := range semconv.CurrentNames() {
		seen[semconv.Namespace(n)] = true
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
})

// namespaceTypo returns the registry key that key becomes when its
// namespace ns, itself unknown to the registry and to every component, is
// replaced by the closest registry namespace ("servce.name" → "service.name"),
// or "" when no namespace is close or the corrected key is not a current
// registry key (a custom namespace that merely looks like one stays quiet).
func namespaceTypo(key, ns string) string {
	if len(ns) < 3 { // "db" vs "dp": too short to call a typo
		return ""
	}
	if catalogNamespaces()[ns] {
		return ""
	}
	best, ok := suggest.Closest(ns, registryNamespaces(), suggest.Limit(ns))
	if !ok {
		return ""
	}
	fixed := best + strings.TrimPrefix(key, ns)
	if a, ok := semconv.Lookup(fixed); !ok || a.Deprecated || a.Name != fixed {
		return ""
	}
	return fixed
}

// catalogNamespaces are the namespaces of the keys components name as
// their own (a vendor namespace such as "cx" is not a typo of "cpu").
var catalogNamespaces = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, k := range catalog.EmittedKeys() {
		out[semconv.Namespace(k)] = true
	}
	return out
})

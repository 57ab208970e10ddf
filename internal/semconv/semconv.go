// Package semconv is the OpenTelemetry semantic-conventions attribute
// registry, generated from pinned inputs (internal/gen/semconv explains which
// input decides what) for lint rules that check attribute keys in collector
// configs: deprecated keys and their replacements, typos, value types, enum
// values, resource vs span attributes.
package semconv

import (
	"sort"
	"strings"
	"sync"

	"github.com/otelcfg/otelcfg/internal/suggest"
)

//go:generate go run ../gen/semconv -out zz_generated.go -cue ../../schema/semconv/registry.cue

// Attribute is one registry row.
type Attribute struct {
	// Name is the attribute key; for a template attribute (Template) it is
	// the prefix of "<Name>.<key>", e.g. "http.request.header".
	Name string
	// Type is the value type: "string", "int", "double", "boolean",
	// "string[]", "int[]", "double[]", "boolean[]" or "any"; "" when no
	// input states it (some keys only the npm package declares). For an enum
	// it is the members' type.
	Type string
	// Stability as the source writes it, lower case: "stable",
	// "release_candidate", "development", "alpha" (otel-go); rows only the
	// npm package declares have "stable" or "experimental" (its only two
	// levels).
	Stability string
	// Brief is the one-line description.
	Brief string
	// Deprecated is set when the npm package marks the key @deprecated, or the key is
	// declared only by otel-go semconv packages older than Version.
	Deprecated bool
	// Replacement lists the keys Note names as replacements, in its order
	// (several for a split, such as http.flavor); empty when it names none.
	// Entries may be template instances ("http.request.header.host").
	Replacement []string
	// Note is the deprecation prose, verbatim on one line.
	Note string
	// Enum lists the well-known values, as strings ("0" for an int enum).
	// Semconv enums are open: other values are allowed.
	Enum []string
	// Since is the first otel-go semconv package declaring the key ("1.4.0"
	// means at or before 1.4.0); empty for keys only npm declares.
	Since string
	// Template marks a template attribute (see Name).
	Template bool
	// Scope is "resource" or "span" when an otel-go semconv package up to
	// v1.25.0 declares the key in resource.go or trace.go; "" when no input
	// says (keys added later, or declared in both).
	Scope string
	// Source is "otel-go" (declared by semconv/v<Version>), "npm" (only by
	// the npm package, which follows a newer semconv release) or
	// "otel-go-old" (only by older otel-go semconv packages).
	Source string
}

var (
	indexOnce sync.Once
	index     map[string]*Attribute
	current   []string
)

func buildIndex() {
	index = make(map[string]*Attribute, len(attributes))
	for i := range attributes {
		a := &attributes[i]
		index[a.Name] = a
		if !a.Deprecated {
			current = append(current, a.Name)
		}
	}
}

// All returns the registry sorted by name. Callers must not modify it.
func All() []Attribute { return attributes }

// Lookup finds an attribute by key. A key under a template attribute
// ("http.request.header.x-id", "k8s.pod.label.app") finds the template.
func Lookup(name string) (*Attribute, bool) {
	indexOnce.Do(buildIndex)
	if a, ok := index[name]; ok {
		return a, true
	}
	for i := strings.LastIndex(name, "."); i > 0; i = strings.LastIndex(name[:i], ".") {
		if a, ok := index[name[:i]]; ok && a.Template {
			return a, true
		}
	}
	return nil, false
}

// Names returns the keys of all attributes, deprecated ones included, sorted.
func Names() []string {
	out := make([]string, len(attributes))
	for i, a := range attributes {
		out[i] = a.Name
	}
	return out
}

// CurrentNames returns the keys of the attributes that are not deprecated,
// sorted.
func CurrentNames() []string {
	indexOnce.Do(buildIndex)
	return append([]string(nil), current...)
}

// Suggest returns the current (non-deprecated) key closest to name by edit
// distance, or "" when name is itself a known key or nothing is close
// (distance at most 1 for keys up to 4 bytes, 2 up to 12, 3 beyond). Ties go
// to the alphabetically first key.
func Suggest(name string) string {
	if _, ok := Lookup(name); ok {
		return ""
	}
	indexOnce.Do(buildIndex)
	best, _ := suggest.Closest(name, current, suggest.Limit(name))
	return best
}

// ResourceAttribute reports whether an input declares name as a resource
// attribute (resource) and whether any says either way (known); see
// Attribute.Scope.
func ResourceAttribute(name string) (resource, known bool) {
	a, ok := Lookup(name)
	if !ok || a.Scope == "" {
		return false, false
	}
	return a.Scope == "resource", true
}

// Namespace returns the first segment of a key ("http" for
// "http.request.method").
func Namespace(name string) string {
	ns, _, _ := strings.Cut(name, ".")
	return ns
}

// InNamespace returns the attributes whose key starts with ns + ".", sorted.
func InNamespace(ns string) []Attribute {
	p := ns + "."
	i := sort.Search(len(attributes), func(i int) bool { return attributes[i].Name >= p })
	j := i
	for j < len(attributes) && strings.HasPrefix(attributes[j].Name, p) {
		j++
	}
	return attributes[i:j:j]
}

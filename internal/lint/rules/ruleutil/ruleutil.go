// Package ruleutil holds the helpers that otelcfg's rule packages
// (internal/lint/rules and its subpackages deploy and semconv) share:
// component IDs and types, messages, YAML scalars, deployment modes and
// the OTTL strings of filter and transform processors.
package ruleutil

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/suggest"
)

// ClassOf maps a config section to its component class.
func ClassOf(section string) catalog.Class {
	return catalog.Class(strings.TrimSuffix(section, "s"))
}

// DidYouMean returns " (did you mean X?)" for the closest candidate, or "".
func DidYouMean(s string, candidates []string) string {
	if c, ok := suggest.Closest(s, candidates, suggest.Limit(s)); ok {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// QuoteList renders names as "a", "b" and "c".
func QuoteList(names []string) string {
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

// NormID is a component ID as the collector reads it: type and name are
// trimmed of spaces (component/identifiable.go), so "debug/ a" is debug/a.
func NormID(id string) string {
	typ, name, slash := config.SplitID(id)
	typ, name = strings.TrimSpace(typ), strings.TrimSpace(name)
	if !slash {
		return typ
	}
	return typ + "/" + name
}

// Defined returns the component of section whose ID is id, comparing IDs
// as the collector does (see NormID), or nil.
func Defined(c *config.Collector, section, id string) *config.Component {
	if comp := c.Defined(section, id); comp != nil {
		return comp
	}
	n := NormID(id)
	for _, comp := range c.Components[section] {
		if NormID(comp.ID) == n {
			return comp
		}
	}
	return nil
}

// CanonType is c's type as the catalog names it (an alias such as otlp
// gives otlp_grpc), or c.Type when the catalog does not know it.
func CanonType(pass *lint.Pass, c *config.Component, class catalog.Class) string {
	if comp, ok := pass.Catalog.Lookup(class, c.Type); ok {
		return comp.Type
	}
	return c.Type
}

// UserNode reports whether n was written by the user (not a chart default or
// preset, which the user cannot edit) and holds no unresolved reference.
func UserNode(n *config.Node) bool {
	return n != nil && n.Origin == "" && !strings.Contains(n.Value, "${")
}

// ModeOf returns how the document's collector is deployed: the Helm values'
// mode, or the CR's spec.mode (the operator defaults it to deployment); ""
// for plain configs and ConfigMaps, whose deployment is not known.
func ModeOf(doc *config.Document) string {
	switch doc.Kind {
	case config.KindHelmValues:
		return ScalarStr(doc.Source.Get("mode"))
	case config.KindOperatorCR:
		if m := ScalarStr(doc.Source.Get("spec").Get("mode")); m != "" {
			return m
		}
		return "deployment"
	}
	return ""
}

// ScalarStr is the text of a scalar node, or "".
func ScalarStr(n *config.Node) string {
	if n == nil || n.Kind != config.ScalarNode {
		return ""
	}
	return n.Value
}

// YAMLFalse reports whether n is an explicit YAML false.
func YAMLFalse(n *config.Node) bool {
	v, err := strconv.ParseBool(ScalarStr(n))
	return err == nil && !v
}

// ComponentType is the current type name of a component ID (deprecated aliases
// resolved through the catalog).
func ComponentType(cat *catalog.Catalog, section, id string) string {
	typ, _, _ := config.SplitID(NormID(id))
	if cat != nil {
		if c, ok := cat.Lookup(ClassOf(section), typ); ok {
			return c.Type
		}
	}
	return typ
}

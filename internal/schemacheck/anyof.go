package schemacheck

import (
	"fmt"
	"strings"

	"cuelang.org/go/cue"

	"github.com/otelcfg/otelcfg/internal/config"
)

// anyOf is a "set at least one of these keys" check from a component's
// Validate(). CUE can say it with matchN, but that costs milliseconds per
// definition and opens closed structs, so overlays declare it with an
// attribute and it is checked here:
//
//	#exporter_x: {
//		@otelcfg(anyOf="endpoint|traces.endpoint", msg="at least one endpoint must be specified")
//		protocols?: _ @otelcfg(anyOf="grpc|http", null=set, msg="...")
//	}
//
// A declaration attribute applies to the settings themselves, a field
// attribute to the map under that field. A key counts as set when it holds
// a non-empty value; with null=set a written null counts too (optional
// sections that null turns on with their defaults).
type anyOf struct {
	field     string     // "" for the settings themselves
	keys      [][]string // dotted key paths, split
	nullIsSet bool
	msg       string
}

// anyOfRules reads the @otelcfg(anyOf=...) attributes of a definition.
func anyOfRules(def cue.Value) ([]anyOf, error) {
	var out []anyOf
	for _, a := range def.Attributes(cue.DeclAttr) {
		if r, ok, err := parseAnyOf(a, ""); err != nil {
			return nil, err
		} else if ok {
			out = append(out, r)
		}
	}
	iter, err := def.Fields(cue.Optional(true))
	if err != nil {
		return out, nil
	}
	for iter.Next() {
		a := iter.Value().Attribute("otelcfg")
		if a.Err() != nil {
			continue
		}
		if r, ok, err := parseAnyOf(a, iter.Selector().Unquoted()); err != nil {
			return nil, err
		} else if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func parseAnyOf(a cue.Attribute, field string) (anyOf, bool, error) {
	if a.Name() != "otelcfg" {
		return anyOf{}, false, nil
	}
	keys, ok, err := a.Lookup(0, "anyOf")
	if err != nil || !ok {
		return anyOf{}, false, err
	}
	msg, _, _ := a.Lookup(0, "msg")
	null, _, _ := a.Lookup(0, "null")
	r := anyOf{field: field, nullIsSet: null == "set", msg: msg}
	for _, k := range strings.Split(keys, "|") {
		r.keys = append(r.keys, strings.Split(strings.TrimSpace(k), "."))
	}
	if msg == "" {
		return r, false, fmt.Errorf("@otelcfg(anyOf=%q) needs a msg", keys)
	}
	return r, true, nil
}

// check reports the rule when none of its keys is set in settings.
func (r anyOf) check(settings *config.Node, anchor config.Pos) (Violation, bool) {
	m, pos, path := settings, anchor, ""
	if r.field != "" {
		path = r.field
		m = nil
		if e := settings.Entry(r.field); e != nil {
			m, pos = e.Value, e.KeyPos
		}
	}
	var names []string
	for _, k := range r.keys {
		if isSet(lookupPath(m, k), r.nullIsSet) {
			return Violation{}, false
		}
		names = append(names, strings.Join(k, "."))
	}
	msg := fmt.Sprintf("%s: set %s", r.msg, strings.Join(names, " or "))
	if r.field != "" {
		msg = fmt.Sprintf("%s: set %s under %s", r.msg, strings.Join(names, " or "), r.field)
	}
	v := Violation{Pos: pos, Path: path, Message: msg}
	if r.field != "" {
		v.missing = []string{r.field} // `protocol:` for `protocols:` is one mistake
	} else {
		for _, k := range r.keys {
			v.missing = append(v.missing, k[0])
		}
	}
	return v, true
}

func lookupPath(n *config.Node, keys []string) *config.Node {
	for _, k := range keys {
		e := n.Entry(k)
		if e == nil {
			return nil
		}
		n = e.Value
	}
	return n
}

// isSet says whether a value turns a feature on, as Validate() sees it: a
// non-empty string, list or map (not `enabled: false`), or null when null
// means "on, with defaults".
func isSet(n *config.Node, nullIsSet bool) bool {
	switch {
	case n == nil:
		return false
	case n.Kind == config.NullNode:
		return nullIsSet
	case n.Kind == config.ScalarNode:
		return n.Value != ""
	case n.Kind == config.SeqNode:
		return len(n.Items) > 0
	}
	if en := n.Get("enabled"); en != nil && en.Kind == config.ScalarNode && en.Value == "false" {
		return false
	}
	return true
}

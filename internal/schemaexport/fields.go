package schemaexport

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"cuelang.org/go/cue"
)

// Field is one settings key of a component, flattened: nested keys have
// dotted paths ("protocols.grpc.endpoint"), map values "<name>".
type Field struct {
	Path        string `json:"path"`
	Type        string `json:"type"`
	Required    bool   `json:"required,omitempty"`
	Default     string `json:"default,omitempty"` // JSON; empty when upstream gives none
	Description string `json:"description,omitempty"`
}

// Fields lists the settings of the component with key "class/type" from its
// CUE definition, in path order. ok is false when it has no definition.
func (s Source) Fields(key string) (fields []Field, ok bool, err error) {
	c, ok := s.Index[key]
	if !ok {
		return nil, false, nil
	}
	v, err := s.compile()
	if err != nil {
		return nil, true, err
	}
	d := v.LookupPath(cue.ParsePath(c.Def))
	if !d.Exists() {
		return nil, true, fmt.Errorf("schema of %s: definition %s not found", key, c.Def)
	}
	flatten((&walker{}).node(d, 0), "", false, &fields)
	return fields, true, nil
}

func flatten(n map[string]any, prefix string, required bool, out *[]Field) {
	obj := objectOf(n)
	if obj == nil {
		return
	}
	req := map[string]bool{}
	if r, ok := obj["required"].([]string); ok {
		for _, k := range r {
			req[k] = true
		}
	}
	props, _ := obj["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p := props[k].(map[string]any)
		f := Field{Path: prefix + k, Type: typeText(p, 0), Required: req[k]}
		f.Description, _ = p["description"].(string)
		if d, ok := p["default"]; ok {
			b, _ := json.Marshal(d)
			f.Default = string(b)
		}
		*out = append(*out, f)
		flatten(p, f.Path+".", false, out)
	}
	if ap, ok := obj["additionalProperties"].(map[string]any); ok {
		flatten(ap, prefix+"<name>.", false, out)
	}
}

// objectOf returns the object schema of n, looking through a nullable anyOf.
func objectOf(n map[string]any) map[string]any {
	if n["type"] == "object" {
		return n
	}
	alts, _ := n["anyOf"].([]any)
	var obj map[string]any
	for _, a := range alts {
		m := a.(map[string]any)
		if m["type"] == "object" {
			if obj != nil {
				return nil // several object shapes: not flattened
			}
			obj = m
		}
	}
	return obj
}

// typeText summarizes a schema node: "string", "duration", "[]string",
// "map[string]object", "\"a\" | \"b\"", "number >=0".
func typeText(n map[string]any, depth int) string {
	if depth > 4 {
		return "any"
	}
	if alts, ok := n["anyOf"].([]any); ok {
		var parts []string
		for _, a := range alts {
			m := a.(map[string]any)
			if m["type"] == "null" && len(m) == 1 {
				continue
			}
			parts = append(parts, typeText(m, depth+1))
		}
		if len(parts) == 2 && parts[0] == "string /^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$/" && parts[1] == "number" {
			return "duration"
		}
		return strings.Join(parts, " | ")
	}
	if e, ok := n["enum"].([]any); ok {
		var parts []string
		for _, x := range e {
			b, _ := json.Marshal(x)
			parts = append(parts, string(b))
		}
		return strings.Join(parts, " | ")
	}
	if c, ok := n["const"]; ok {
		b, _ := json.Marshal(c)
		return string(b)
	}
	switch t := n["type"].(type) {
	case string:
		switch t {
		case "array":
			if it, ok := n["items"].(map[string]any); ok {
				return "[]" + typeText(it, depth+1)
			}
			return "[]any"
		case "object":
			if ap, ok := n["additionalProperties"].(map[string]any); ok && n["properties"] == nil {
				return "map[string]" + typeText(ap, depth+1)
			}
			return "object"
		case "string":
			if p, ok := n["pattern"].(string); ok {
				return "string /" + p + "/"
			}
		case "number", "integer":
			for _, b := range []struct{ k, op string }{{"minimum", ">="}, {"exclusiveMinimum", ">"}, {"maximum", "<="}, {"exclusiveMaximum", "<"}} {
				if x, ok := n[b.k]; ok {
					t += fmt.Sprintf(" %s%v", b.op, x)
				}
			}
		}
		return t
	case []any:
		var parts []string
		for _, x := range t {
			if x != "null" { // any value may be null (keep the default)
				parts = append(parts, fmt.Sprint(x))
			}
		}
		if len(parts) == 1 {
			m := copyMap(n)
			m["type"] = parts[0]
			return typeText(m, depth)
		}
		return strings.Join(parts, " | ")
	}
	return "any"
}

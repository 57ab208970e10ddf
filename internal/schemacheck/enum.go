package schemacheck

import (
	"regexp"
	"slices"
	"strings"

	"cuelang.org/go/cue"
)

// allowed is what an enum-like schema value accepts: a set of strings (or
// any string), and other kinds (a verbosity may also be a number).
type allowed struct {
	strs   []string // in schema order; unused with anyStr
	anyStr bool     // every string
	fold   bool     // the strings match case-insensitively
	kinds  cue.Kind // non-string kinds accepted
}

// reEnumPattern is an overlay's enum written as a pattern: ^(a|b|c)$,
// optionally case-insensitive (?i).
var reEnumPattern = regexp.MustCompile(`^\^(\(\?i\))?\(([A-Za-z0-9_.\-]+(?:\|[A-Za-z0-9_.\-]+)*)\)\$$`)

// enumOf reads v as an enum: a disjunction of string literals or an enum
// pattern, possibly with other kinds beside, and unified (&) with wider
// types. ok is false for anything else (a free string, a pattern that is
// not a list of words, a struct).
func enumOf(v cue.Value) (allowed, bool) {
	a, ok := enumExpr(v, 0)
	if !ok || a.anyStr || len(a.strs) == 0 {
		return allowed{}, false
	}
	return a, true
}

func enumExpr(v cue.Value, depth int) (allowed, bool) {
	if depth > 8 {
		return allowed{}, false
	}
	op, args := v.Expr()
	switch op {
	case cue.OrOp:
		var out allowed
		for _, arg := range args {
			a, ok := enumExpr(arg, depth+1)
			if !ok {
				return allowed{}, false
			}
			out = union(out, a)
		}
		return out, true
	case cue.AndOp:
		out := allowed{anyStr: true, kinds: cue.TopKind &^ cue.StringKind}
		for _, arg := range args {
			a, ok := enumExpr(arg, depth+1)
			if !ok {
				return allowed{}, false
			}
			out = intersect(out, a)
		}
		return out, true
	case cue.RegexMatchOp:
		if len(args) != 1 {
			return allowed{}, false
		}
		pat, err := args[0].String()
		if err != nil {
			return allowed{}, false
		}
		m := reEnumPattern.FindStringSubmatch(pat)
		if m == nil {
			return allowed{}, false
		}
		return allowed{strs: strings.Split(m[2], "|"), fold: m[1] != ""}, true
	case cue.SelectorOp:
		// A reference to a shared definition (#configtelemetry_level).
		if root, path := v.ReferencePath(); root.Exists() && len(path.Selectors()) > 0 {
			if ref := root.LookupPath(path); ref.Exists() {
				return enumExpr(ref, depth+1)
			}
		}
		return leaf(v)
	case cue.NoOp:
		return leaf(v)
	}
	return allowed{}, false
}

// leaf reads a value that is no expression: a literal or a bare type.
func leaf(v cue.Value) (allowed, bool) {
	k := v.IncompleteKind()
	if v.IsConcrete() {
		if s, err := v.String(); err == nil {
			return allowed{strs: []string{s}}, true
		}
		return allowed{}, false // a concrete number or bool: not worth wording
	}
	if k&^(cue.StringKind|cue.NumberKind|cue.BoolKind) != 0 {
		return allowed{}, false
	}
	return allowed{anyStr: k&cue.StringKind != 0, kinds: k &^ cue.StringKind}, true
}

func union(a, b allowed) allowed {
	out := allowed{anyStr: a.anyStr || b.anyStr, fold: a.fold || b.fold, kinds: a.kinds | b.kinds}
	if !out.anyStr {
		out.strs = append([]string(nil), a.strs...)
		for _, s := range b.strs {
			if !slices.Contains(out.strs, s) {
				out.strs = append(out.strs, s)
			}
		}
	}
	return out
}

func intersect(a, b allowed) allowed {
	out := allowed{kinds: a.kinds & b.kinds}
	switch {
	case a.anyStr && b.anyStr:
		out.anyStr = true
	case a.anyStr:
		out.strs, out.fold = b.strs, b.fold
	case b.anyStr:
		out.strs, out.fold = a.strs, a.fold
	default:
		out.fold = a.fold && b.fold
		for _, s := range a.strs {
			if slices.Contains(b.strs, s) {
				out.strs = append(out.strs, s)
			}
		}
	}
	return out
}

// text words the enum: `one of "basic", "normal", "detailed" (in any case),
// or a number`.
func (a allowed) text() string {
	vals := a.strs
	q := make([]string, len(vals))
	for i, s := range vals {
		q[i] = `"` + s + `"`
	}
	s := "one of " + strings.Join(q, ", ")
	if len(vals) == 1 {
		s = q[0]
	}
	if a.fold {
		s += " (in any case)"
	}
	var others []string
	if a.kinds&cue.NumberKind == cue.NumberKind {
		others = append(others, "a number")
	} else if a.kinds&cue.IntKind != 0 {
		others = append(others, "an integer")
	}
	if a.kinds&cue.BoolKind != 0 {
		others = append(others, "true or false")
	}
	if len(others) > 0 {
		s += ", or " + strings.Join(others, " or ")
	}
	return s
}

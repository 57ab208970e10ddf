package schemacheck

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/token"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/suggest"
)

// Violation is one way settings break their definition.
type Violation struct {
	Pos     config.Pos
	Path    string // YAML path below the component, e.g. "protocols.grpc.endpoint"
	Message string

	// For an unknown key: the key it is probably a typo of. For a missing
	// key (required, or one of an anyOf): the keys that would satisfy it.
	// Used to report a typo once, not twice.
	parent, typoOf string
	missing        []string
}

// Check validates the settings node of component key ("receiver/otlp").
// anchor is where the component is defined (its key), for problems of the
// settings as a whole. Prepare compiles the definition if it is not yet.
func (c *Checker) Check(key string, settings *config.Node, anchor config.Pos) ([]Violation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.prepare([]string{key}); err != nil {
		return nil, err
	}
	def, ok := c.compiled[key]
	if !ok {
		return nil, fmt.Errorf("no schema for %s", key)
	}
	if settings.IsNull() {
		settings = &config.Node{Kind: config.MapNode, Pos: settings.Pos} // null means defaults
	}
	expr, err := toExpr(settings, false)
	if err != nil {
		return []Violation{{Pos: settings.Pos, Message: err.Error()}}, nil
	}
	v := def.Unify(c.ctx.BuildExpr(expr))
	var out []Violation
	for _, r := range c.anyOf[key] {
		if v, failed := r.check(settings, anchor); failed {
			out = append(out, v)
		}
	}
	errs := errors.Errors(v.Validate(cue.Concrete(true), cue.Final()))
	if len(errs) == 0 && !hasNull(settings) {
		// CUE reports missing required fields itself when nothing else
		// fails, so valid settings (the common case) need no walk below;
		// a null, though, reaches CUE as _ and satisfies a required key.
		return sortViolations(out), nil
	}
	out = append(out, explain(def, settings, errs)...)
	// CUE stops reporting missing required fields once other errors exist,
	// so they are found by walking the data beside the definition.
	// The unified value carries required keys that overlays add under
	// conditions (if the protocol is X, key Y is required).
	// Nulls are left out here: a required key written as null reaches CUE
	// as _ above, which satisfies it.
	reqSchema := v
	if hasNull(settings) {
		if e, err := toExpr(settings, true); err == nil {
			reqSchema = def.Unify(c.ctx.BuildExpr(e))
		}
	}
	if _, err := reqSchema.Fields(cue.Optional(true)); err != nil {
		reqSchema = def
	}
	out = append(out, missingRequired(reqSchema, settings, nil, anchor)...)
	return sortViolations(dedupe(dropTypoTwins(out))), nil
}

// dropTypoTwins drops "required key X is missing" where the same map has an
// unknown key that is a typo of X: one mistake, reported once, at the typo.
func dropTypoTwins(vs []Violation) []Violation {
	typos := map[string]bool{}
	for _, v := range vs {
		if v.typoOf != "" {
			typos[v.parent+"\x00"+v.typoOf] = true
		}
	}
	out := vs[:0:0]
next:
	for _, v := range vs {
		for _, m := range v.missing {
			if typos[v.parent+"\x00"+m] {
				continue next
			}
		}
		out = append(out, v)
	}
	return out
}

// missingRequired reports required fields absent from the maps present in
// the data, at the map's own key (anchor for the settings as a whole).
func missingRequired(schema cue.Value, n *config.Node, path []string, anchor config.Pos) []Violation {
	var out []Violation
	switch n.Kind {
	case config.MapNode:
		iter, err := schema.Fields(cue.Optional(true))
		if err != nil {
			return nil
		}
		for iter.Next() {
			name := iter.Selector().Unquoted()
			e := n.Entry(name)
			if e != nil && e.Value.Kind == config.NullNode && iter.FieldType()&cue.RequiredConstraint != 0 {
				out = append(out, Violation{Pos: e.KeyPos, Path: yamlPath(append(append([]string(nil), path...), name)), parent: yamlPath(path), missing: []string{name},
					Message: fmt.Sprintf("required key %q has no value%s", name, where(path))})
				continue
			}
			if e == nil {
				if iter.FieldType()&cue.RequiredConstraint != 0 {
					out = append(out, Violation{Pos: anchor, Path: yamlPath(path), parent: yamlPath(path), missing: []string{name},
						Message: fmt.Sprintf("required key %q is missing%s", name, where(path))})
				}
				continue
			}
			out = append(out, missingRequired(iter.Value(), e.Value, append(append([]string(nil), path...), name), e.KeyPos)...)
		}
	case config.SeqNode:
		pattern := schema.LookupPath(cue.MakePath(cue.AnyIndex))
		for i, it := range n.Items {
			// A unified value has concrete elements; a bare definition only
			// the element pattern.
			elem := schema.LookupPath(cue.MakePath(cue.Index(i)))
			if !elem.Exists() {
				elem = pattern
			}
			if !elem.Exists() {
				continue
			}
			out = append(out, missingRequired(elem, it, append(append([]string(nil), path...), strconv.Itoa(i)), it.Pos)...)
		}
	}
	return out
}

func sortViolations(vs []Violation) []Violation {
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].Pos.Line != vs[j].Pos.Line {
			return vs[i].Pos.Line < vs[j].Pos.Line
		}
		if vs[i].Pos.Col != vs[j].Pos.Col {
			return vs[i].Pos.Col < vs[j].Pos.Col
		}
		return vs[i].Message < vs[j].Message
	})
	return vs
}

// isPlaceholder reports whether a scalar is a whole-value ${...} reference,
// which the collector resolves at start-up: it stands for any value.
func isPlaceholder(n *config.Node) bool {
	v := n.Value
	return n.Tag == "!!str" && strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") && strings.Count(v, "${") == 1
}

// Expr is the CUE expression that Check unifies with a definition for the
// settings n: a null is _ (it keeps the default, so it fits any known key,
// while a closed definition still refuses it under an unknown key), a
// whole-value ${...} is _, scalars keep their YAML type. Tests that
// validate data against the schema outside Check (the generator's
// acceptance test) use it to read data the same way.
func Expr(n *config.Node) (ast.Expr, error) { return toExpr(n, false) }

// toExpr turns a config node into a CUE expression. Scalars keep their YAML
// type; a whole-value ${...} becomes _ (any value). With omitNull, map
// entries whose value is null are left out (as if not written).
func toExpr(n *config.Node, omitNull bool) (ast.Expr, error) {
	switch n.Kind {
	case config.NullNode:
		// Null keeps a setting's default in the collector: any known key
		// may be null, so the schema carries no null alternatives (the
		// generator leaves them out) and a null here is _ (top). A null
		// under an unknown key is still refused by the closed definition;
		// a required key written as null is reported by missingRequired.
		return ast.NewIdent("_"), nil
	case config.MapNode:
		fields := make([]any, 0, len(n.Entries))
		for _, e := range n.Entries {
			if omitNull && e.Value.Kind == config.NullNode {
				continue
			}
			v, err := toExpr(e.Value, omitNull)
			if err != nil {
				return nil, err
			}
			fields = append(fields, &ast.Field{Label: ast.NewString(e.Key), Value: v})
		}
		return ast.NewStruct(fields...), nil
	case config.SeqNode:
		items := make([]ast.Expr, 0, len(n.Items))
		for _, it := range n.Items {
			v, err := toExpr(it, omitNull)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
		return ast.NewList(items...), nil
	}
	switch n.Tag {
	case "!!int":
		i, ok := parseInt(n.Value)
		if !ok {
			return ast.NewString(n.Value), nil
		}
		return ast.NewLit(token.INT, i), nil
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			return ast.NewString(n.Value), nil // .inf, .nan: kept as text
		}
		return ast.NewLit(token.FLOAT, strconv.FormatFloat(f, 'g', -1, 64)), nil
	case "!!bool":
		return ast.NewBool(strings.EqualFold(n.Value, "true")), nil
	}
	if isPlaceholder(n) {
		return ast.NewIdent("_"), nil
	}
	return ast.NewString(n.Value), nil
}

// parseInt reads YAML 1.2 integers (decimal, 0x, 0o) as a decimal literal.
func parseInt(s string) (string, bool) {
	t := strings.ReplaceAll(s, "_", "")
	if strings.HasPrefix(t, "0o") {
		t = "0" + t[2:]
	}
	i, err := strconv.ParseInt(t, 0, 64)
	if err != nil {
		u, err := strconv.ParseUint(t, 0, 64)
		if err != nil {
			return "", false
		}
		return strconv.FormatUint(u, 10), true
	}
	return strconv.FormatInt(i, 10), true
}

// explain groups CUE errors by path and words each group once.
func explain(def cue.Value, settings *config.Node, errs []errors.Error) []Violation {
	type group struct {
		path   []string
		leaves []string
	}
	groups := map[string]*group{}
	var order []string
	for _, e := range errs {
		p := e.Path()
		if len(p) > 0 && strings.HasPrefix(p[0], "#") {
			p = p[1:] // the definition itself
		}
		key := strings.Join(p, "\x00")
		g := groups[key]
		if g == nil {
			g = &group{path: p}
			groups[key] = g
			order = append(order, key)
		}
		format, args := e.Msg()
		g.leaves = append(g.leaves, fmt.Sprintf(format, args...))
	}
	// A path whose children have errors may only repeat them as a struct or
	// list mismatch (or, in a schema with null alternatives, as "does not
	// match null"). Drop such parents.
	hasChild := func(key string) bool {
		for _, other := range order {
			if other != key && strings.HasPrefix(other, key+"\x00") || key == "" && other != "" {
				return true
			}
		}
		return false
	}
	var out []Violation
	for _, key := range order {
		g := groups[key]
		leaves := meaningful(g.leaves)
		if len(leaves) == 0 || hasChild(key) && onlyStructural(leaves) {
			continue
		}
		if v, ok := describe(def, settings, g.path, leaves); ok {
			out = append(out, v)
		}
	}
	return out
}

// meaningful drops disjunction headers and placeholder incompleteness. No
// schema has a null alternative (TestNoNullAlternatives) and written nulls
// reach CUE as _, so there is no null mismatch to filter.
func meaningful(leaves []string) []string {
	var out []string
	for _, l := range leaves {
		switch {
		case strings.Contains(l, "errors in empty disjunction"),
			strings.HasPrefix(l, "incomplete value"),
			// An overlay condition on an absent optional field (`if mode ==
			// "b"`): the condition is simply not met.
			strings.Contains(l, "cannot reference optional field"):
			continue
		}
		out = append(out, l)
	}
	return out
}

// onlyStructural reports whether leaves only say a map/list mismatched, or
// only echo a child's error as bottom (_|_, e.g. through matchN): a child
// error explains it better.
func onlyStructural(leaves []string) bool {
	for _, l := range leaves {
		if !strings.Contains(l, "mismatched types struct") && !strings.Contains(l, "mismatched types list") && !strings.Contains(l, "_|_") {
			return false
		}
	}
	return true
}

func dedupe(vs []Violation) []Violation {
	var out []Violation
	seen := map[string]bool{}
	for _, v := range vs {
		k := v.Pos.String() + v.Message
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// describe words one group of errors at one path; required-field errors
// are left to missingRequired (ok is false for them).
func describe(def cue.Value, settings *config.Node, path []string, leaves []string) (v Violation, ok bool) {
	node, entry, parent := locate(settings, path)
	yp := yamlPath(path)
	v = Violation{Path: yp, Pos: settings.Pos}
	switch {
	case node != nil:
		v.Pos = node.Pos // a wrong value is shown where it is written
	case parent != nil:
		v.Pos = parent.Pos
	}
	last := ""
	if len(path) > 0 {
		last = unquote(path[len(path)-1])
	}
	for _, l := range leaves {
		switch {
		case strings.Contains(l, "field not allowed"):
			allowed := fieldNames(schemaAt(def, path[:len(path)-1]))
			v.parent = yamlPath(path[:len(path)-1])
			v.typoOf, _ = suggest.Closest(last, allowed, suggest.Limit(last))
			v.Message = fmt.Sprintf("unknown key %q%s%s", last, where(path[:len(path)-1]), didYouMean(last, allowed))
			if len(allowed) > 0 && len(allowed) <= 12 {
				v.Message += "; allowed keys: " + strings.Join(allowed, ", ")
			}
			if entry != nil {
				v.Pos = entry.KeyPos // an unknown key is shown at the key
			}
			return v, true
		case strings.Contains(l, "field is required but not present"):
			return v, false
		}
	}
	got := "this value"
	if node != nil {
		got = describeNode(node)
	}
	at := schemaAt(def, path)
	if enum, ok := enumOf(at); ok {
		v.Message = fmt.Sprintf("invalid value %s for %q: want %s", got, yp, enum.text())
		if node != nil && node.Kind == config.ScalarNode {
			v.Message += didYouMean(node.Value, enum.strs)
		}
		return v, true
	}
	want := wantText(at)
	v.Message = fmt.Sprintf("invalid value %s for %q: want %s", got, yp, want)
	if want == "" {
		v.Message = fmt.Sprintf("invalid value %s for %q: %s", got, yp, strings.Join(leaves, "; "))
	}
	return v, true
}

func where(parent []string) string {
	if len(parent) == 0 {
		return ""
	}
	return " in " + yamlPath(parent)
}

// locate finds the node at a CUE path inside settings, with the map entry
// that holds it (for key positions) and the nearest existing parent.
func locate(n *config.Node, path []string) (node *config.Node, entry *config.Entry, parent *config.Node) {
	node, parent = n, n
	for _, sel := range path {
		sel = unquote(sel)
		if node == nil {
			return nil, nil, parent
		}
		parent = node
		entry = nil
		switch node.Kind {
		case config.MapNode:
			entry = node.Entry(sel)
			if entry == nil {
				return nil, nil, parent
			}
			node = entry.Value
		case config.SeqNode:
			i, err := strconv.Atoi(sel)
			if err != nil || i < 0 || i >= len(node.Items) {
				return nil, nil, parent
			}
			node = node.Items[i]
		default:
			return nil, nil, parent
		}
	}
	return node, entry, parent
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// yamlPath renders CUE path selectors as a YAML path: a.b[0].c.
func yamlPath(path []string) string {
	var b strings.Builder
	for _, sel := range path {
		sel = unquote(sel)
		if _, err := strconv.Atoi(sel); err == nil {
			b.WriteString("[" + sel + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(sel)
	}
	return b.String()
}

func describeNode(n *config.Node) string {
	switch n.Kind {
	case config.MapNode:
		return "a map"
	case config.SeqNode:
		return "a list"
	case config.NullNode:
		return "null"
	}
	kind := strings.TrimPrefix(n.Tag, "!!")
	if kind == "str" {
		kind = "string"
	}
	return fmt.Sprintf("%s %q", kind, n.Value)
}

// schemaAt walks the definition along a data path, through optional fields,
// list elements and the non-null alternative of disjunctions.
func schemaAt(def cue.Value, path []string) cue.Value {
	v := def
	for _, sel := range path {
		sel = unquote(sel)
		if i, err := strconv.Atoi(sel); err == nil && v.IncompleteKind()&cue.ListKind != 0 {
			v = v.LookupPath(cue.MakePath(cue.AnyIndex))
			_ = i
			continue
		}
		next := v.LookupPath(cue.MakePath(cue.Str(sel).Optional()))
		if !next.Exists() {
			next = v.LookupPath(cue.MakePath(cue.Str(sel)))
		}
		if !next.Exists() {
			next = v.LookupPath(cue.MakePath(cue.AnyString))
		}
		v = next
	}
	return v
}

// fieldNames lists the keys a struct definition allows.
func fieldNames(v cue.Value) []string {
	iter, err := v.Fields(cue.Optional(true))
	if err != nil {
		return nil
	}
	var names []string
	for iter.Next() {
		names = append(names, iter.Selector().Unquoted())
	}
	sort.Strings(names)
	return names
}

// wantText says what a schema value accepts, in the terms users know.
func wantText(v cue.Value) string {
	if !v.Exists() || v.Err() != nil {
		return "" // no single schema value to show (e.g. overlay constraints): the caller uses CUE's words
	}
	src := v.Source()
	if f, ok := src.(*ast.Field); ok {
		src = f.Value
	}
	if src == nil {
		return kindText(v)
	}
	b, err := format.Node(src)
	if err != nil {
		return kindText(v)
	}
	s := strings.TrimSpace(string(b))
	s = strings.TrimPrefix(s, "null | ")
	s = strings.ReplaceAll(s, " | null", "")
	for name, human := range humanTypes {
		s = strings.ReplaceAll(s, name, human)
	}
	if len(s) > 100 || strings.Contains(s, "\n") {
		return kindText(v)
	}
	if human, ok := humanExprs[s]; ok {
		return human
	}
	return s
}

// humanExprs words the most common schema expressions.
var humanExprs = map[string]string{
	"bool":                                 "true or false",
	"string":                               "a string",
	"int":                                  "an integer",
	"number":                               "a number",
	"int & >=0":                            "an integer ≥ 0",
	"number & >=0":                         "a number ≥ 0",
	"[...string]":                          "a list of strings",
	"[...string] | string":                 "a list of strings (or one string)",
	"{[string]: string}":                   "a map of strings",
	"a duration such as 5s or 1m30s | int": "a duration such as 5s or 1m30s",
}

// humanTypes names shared CUE types in the words of the collector's docs.
var humanTypes = map[string]string{
	"#Duration": "a duration such as 5s or 1m30s",
	"#Opaque":   "a string (a secret)",
}

func kindText(v cue.Value) string {
	k := v.IncompleteKind()
	if k&cue.NumberKind == cue.NumberKind {
		k = k&^cue.NumberKind | cue.FloatKind // "a number" covers int and float
	}
	var words []string
	for _, kw := range []struct {
		kind cue.Kind
		word string
	}{
		{cue.StructKind, "a map"}, {cue.ListKind, "a list"}, {cue.StringKind, "a string"},
		{cue.IntKind, "an integer"}, {cue.FloatKind, "a number"}, {cue.BoolKind, "true or false"},
	} {
		if k&kw.kind != 0 {
			words = append(words, kw.word)
		}
	}
	if len(words) == 0 {
		return ""
	}
	return strings.Join(words, " or ")
}

// didYouMean suggests the closest allowed key.
func didYouMean(s string, candidates []string) string {
	if c, ok := suggest.Closest(s, candidates, suggest.Limit(s)); ok {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// hasNull reports whether any value below n is null.
func hasNull(n *config.Node) bool {
	switch n.Kind {
	case config.NullNode:
		return true
	case config.MapNode:
		for _, e := range n.Entries {
			if hasNull(e.Value) {
				return true
			}
		}
	case config.SeqNode:
		for _, it := range n.Items {
			if hasNull(it) {
				return true
			}
		}
	}
	return false
}

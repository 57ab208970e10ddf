package simtest

import (
	"encoding/base64"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"gopkg.in/yaml.v3"
)

// Item constraints: `items:` and `any_item:` in an exporter expectation hold
// CUE constraints on the spans, data points or log records the exporter
// received. In YAML they are a mapping from a CUE expression on the item to
// a CUE constraint,
//
//	items:
//	  attributes["user.email"]: _|_        # no item has it
//	  resource["service.name"]: '"checkout"'
//	  name: =~"^POST "
//	  attributes["http.response.status_code"]?: '>=200 & <300'   # where it is set
//
// or a CUE struct mirroring the item (a YAML string; in a .cue test file,
// plain CUE):
//
//	items: {
//	  attributes: "user.email": _|_
//	  name: =~"^POST "
//	}
//
// items: every item satisfies every constraint (one failure per constraint
// that does not hold); any_item: at least one item satisfies all of them.

// ItemConstraints is the items or any_item entry of an exporter
// expectation.
type ItemConstraints struct {
	Line int
	// Any: some item satisfies all the constraints (any_item); otherwise
	// every item satisfies each (items).
	Any         bool
	Constraints []*ItemConstraint
	ctx         *cue.Context
}

// ItemConstraint is one CUE constraint on an expression of the item.
type ItemConstraint struct {
	Line int
	Expr string // a CUE expression on the item, e.g. attributes["user.email"]
	Src  string // the constraint as written, e.g. _|_ or =~"^/api"
	// Optional (expr?: …): items where the expression has no value pass.
	Optional bool
	// Absent (_|_): the expression must have no value.
	Absent bool
	path   []pathStep // a plain path, looked up in the Go item, or else
	// optAt > 0: path[:optAt] names an optional struct (scope?: {…}); items
	// without it pass.
	optAt   int
	optExpr string
	prog    cue.Value // the item's fields named in Expr plus "$": (Expr)
	refs    []string  // the item's fields named in Expr
	c       cue.Value // the compiled constraint
}

func (c *ItemConstraint) String() string {
	q := ""
	if c.Optional {
		q = "?"
	}
	return c.Expr + q + ": " + c.Src
}

type pathStep struct {
	key   string
	index int
	isIdx bool
}

// itemFields are the top-level fields an item can have; the comment says
// which signals set them.
var itemFields = []string{
	"attributes", "resource", "scope", // all
	"name", "kind", "status", "trace_id", "span_id", "parent_span_id", "trace_state",
	"start_time", "end_time", "duration", "events", "links", // spans (trace_id, span_id: logs too)
	"metric", "time", "value", "count", "sum", "min", "max", "bucket_counts",
	"explicit_bounds", "scale", "zero_count", "quantiles", // data points (time: logs too)
	"body", "severity_text", "severity_number", "observed_time", "event_name", // log records
}

func isItemField(s string) bool {
	for _, f := range itemFields {
		if f == s {
			return true
		}
	}
	return false
}

func itemFieldList() string {
	fs := append([]string(nil), itemFields...)
	sort.Strings(fs)
	return strings.Join(fs, ", ")
}

// cueMsg turns a CUE error into one line without positions.
func cueMsg(err error) string {
	var msgs []string
	seen := map[string]bool{}
	for _, e := range cueerrors.Errors(err) {
		f, args := e.Msg()
		m := strings.TrimSuffix(fmt.Sprintf(f, args...), ":")
		if strings.HasSuffix(m, "errors in empty disjunction") {
			m = "no alternative matches"
		}
		if !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return err.Error()
	}
	if len(msgs) > 3 {
		msgs = append(msgs[:3], fmt.Sprintf("and %d more", len(msgs)-3))
	}
	if len(msgs) > 1 && msgs[0] == "no alternative matches" {
		return msgs[0] + ": " + strings.Join(msgs[1:], "; ")
	}
	return strings.Join(msgs, "; ")
}

// isBottom tells an explicit _|_ from other errors.
func isBottom(v cue.Value) bool {
	switch s := v.Source().(type) {
	case *ast.BottomLit:
		return true
	case *ast.Field:
		if _, ok := s.Value.(*ast.BottomLit); ok {
			return true
		}
	}
	errs := cueerrors.Errors(v.Err())
	for _, e := range errs {
		if !strings.Contains(e.Error(), "explicit error (_|_ literal)") {
			return false
		}
	}
	return len(errs) > 0
}

// absentFields rewrites `x: _|_` into `x?: _|_` (x must not exist) in n,
// so that the struct stays valid CUE.
func absentFields(n ast.Node) {
	ast.Walk(n, func(n ast.Node) bool {
		if f, ok := n.(*ast.Field); ok && f.Constraint == token.ILLEGAL {
			if _, ok := f.Value.(*ast.BottomLit); ok {
				f.Constraint = token.OPTION
			}
		}
		return true
	}, nil)
}

func (p *tparser) cueCtx() *cue.Context {
	if p.ctx == nil {
		p.ctx = cuecontext.New()
	}
	return p.ctx
}

// itemConstraints reads items or any_item (key k, value n): a YAML mapping
// from expressions to constraints, a string holding a CUE struct, or (in a
// .cue file) a CUE struct.
func (p *tparser) itemConstraints(key string, k, n *yaml.Node) *ItemConstraints {
	ics := &ItemConstraints{Line: k.Line, Any: key == "any_item", ctx: p.cueCtx()}
	errs := len(p.errs)
	switch {
	case p.cueValues[n].key != "":
		p.structConstraints(ics, key, p.cueValues[n].v, func(pos token.Pos) int { return pos.Line() }, nil, "")
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p.exprConstraint(ics, key, n.Content[i], n.Content[i+1])
		}
	case n.Kind == yaml.ScalarNode && n.Tag == "!!str":
		p.textConstraints(ics, key, n)
	default:
		p.errorf(n, "%s: want a mapping of CUE expressions on the item to CUE constraints, or a CUE struct", key)
		return nil
	}
	if len(ics.Constraints) == 0 {
		if len(p.errs) == errs {
			p.errorf(n, "%s: no constraints", key)
		}
		return nil
	}
	sort.SliceStable(ics.Constraints, func(i, j int) bool { return ics.Constraints[i].Line < ics.Constraints[j].Line })
	return ics
}

// exprConstraint reads `EXPR: CONSTRAINT` (EXPR?: for an optional one).
func (p *tparser) exprConstraint(ics *ItemConstraints, key string, k, v *yaml.Node) {
	if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
		p.errorf(k, "%s: want a CUE expression on the item as the key", key)
		return
	}
	c := &ItemConstraint{Line: k.Line, Expr: strings.TrimSpace(k.Value)}
	if strings.HasSuffix(c.Expr, "?") {
		c.Optional = true
		c.Expr = strings.TrimSpace(strings.TrimSuffix(c.Expr, "?"))
	}
	ctx := ics.ctx
	expr, err := parser.ParseExpr("expression", c.Expr)
	if err != nil {
		p.errorf(k, "%s: %s: not a CUE expression: %s", key, c.Expr, cueMsg(err))
		return
	}
	if c.path = plainPath(expr); c.path != nil {
		if !isItemField(c.path[0].key) {
			p.errorf(k, "%s: %s: an item has no field %q (fields: %s)", key, c.Expr, c.path[0].key, itemFieldList())
			return
		}
	} else {
		// The program declares the item fields the expression names; an
		// item fills in just those.
		seen := map[string]bool{}
		ast.Walk(expr, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && isItemField(id.Name) && !seen[id.Name] {
				seen[id.Name] = true
				c.refs = append(c.refs, id.Name)
			}
			return true
		}, nil)
		var src strings.Builder
		for _, f := range c.refs {
			src.WriteString(f + ": _\n")
		}
		src.WriteString(`"$": (` + c.Expr + ")\n")
		c.prog = ctx.CompileString(src.String())
		if err := c.prog.Err(); err != nil {
			msg := cueMsg(err)
			if strings.Contains(msg, "reference") && strings.Contains(msg, "not found") {
				msg += " (item fields: " + itemFieldList() + ")"
			}
			p.errorf(k, "%s: %s: %s", key, c.Expr, msg)
			return
		}
	}
	if v.Kind != yaml.ScalarNode || (v.Tag == "!!null" && v.Value == "") {
		p.errorf(k, "%s: %s: want a CUE constraint (a string: _|_, '\"text\"', =~\"regexp\", '>=200 & <300', string, …)", key, c.Expr)
		return
	}
	c.Src = strings.TrimSpace(v.Value)
	cx, err := parser.ParseExpr("constraint", c.Src)
	if err != nil {
		p.errorf(k, "%s: %s: constraint %s: not CUE: %s", key, c.Expr, c.Src, cueMsg(err))
		return
	}
	if _, ok := cx.(*ast.BottomLit); ok {
		c.Absent = true
		ics.Constraints = append(ics.Constraints, c)
		return
	}
	c.c = ctx.CompileString(c.Src)
	if err := c.c.Err(); err != nil {
		msg := cueMsg(err)
		if strings.Contains(msg, "reference") && strings.Contains(msg, "not found") {
			// name: "checkout" is the YAML string checkout: a reference.
			msg += fmt.Sprintf(" (a CUE string needs its own quotes inside YAML's: '%q')", v.Value)
		}
		p.errorf(k, "%s: %s: constraint %s: %s", key, c.Expr, c.Src, msg)
		return
	}
	ics.Constraints = append(ics.Constraints, c)
}

// plainPath returns the steps of a path such as status.code or
// attributes["user.email"], or nil for any other expression.
func plainPath(e ast.Expr) []pathStep {
	switch x := e.(type) {
	case *ast.Ident:
		return []pathStep{{key: x.Name}}
	case *ast.ParenExpr:
		return plainPath(x.X)
	case *ast.SelectorExpr:
		base := plainPath(x.X)
		if base == nil {
			return nil
		}
		switch l := x.Sel.(type) {
		case *ast.Ident:
			return append(base, pathStep{key: l.Name})
		case *ast.BasicLit:
			if s, ok := stringLit(l); ok {
				return append(base, pathStep{key: s})
			}
		}
	case *ast.IndexExpr:
		base := plainPath(x.X)
		l, ok := x.Index.(*ast.BasicLit)
		if base == nil || !ok {
			return nil
		}
		switch l.Kind {
		case token.STRING:
			if s, ok := stringLit(l); ok {
				return append(base, pathStep{key: s})
			}
		case token.INT:
			if i, err := strconv.Atoi(l.Value); err == nil {
				return append(base, pathStep{index: i, isIdx: true})
			}
		}
	}
	return nil
}

// stringLit is the value of a CUE string literal (not bytes, not
// interpolated).
func stringLit(l *ast.BasicLit) (string, bool) {
	if l.Kind != token.STRING || strings.HasPrefix(strings.TrimLeft(l.Value, "#"), "'") {
		return "", false
	}
	s, err := literal.Unquote(l.Value)
	return s, err == nil
}

// textConstraints compiles a YAML string holding a CUE struct.
func (p *tparser) textConstraints(ics *ItemConstraints, key string, n *yaml.Node) {
	// Lines of a block scalar (|, >) start on the line after the key.
	off := n.Line - 1
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		off = n.Line
	}
	lineOf := func(pos token.Pos) int {
		if pos.Line() == 0 {
			return n.Line
		}
		return pos.Line() + off
	}
	f, err := parser.ParseFile(p.file, n.Value)
	if err != nil {
		for _, e := range cueerrors.Errors(err) {
			p.errs = append(p.errs, &FileError{File: p.file, Line: lineOf(e.Position()), Msg: key + ": not CUE: " + cueMsg(e)})
		}
		return
	}
	absentFields(f)
	v := ics.ctx.BuildFile(f)
	p.structConstraints(ics, key, v, lineOf, nil, "")
}

// structConstraints walks a CUE struct mirroring the item: every field
// that is not itself a struct of fields is a constraint on the path to it.
func (p *tparser) structConstraints(ics *ItemConstraints, key string, v cue.Value, lineOf func(token.Pos) int, path []pathStep, expr string) {
	p.structConstraintsIn(ics, key, v, lineOf, path, expr, 0, "")
}

// structConstraintsIn is structConstraints below an optional struct at
// path[:optAt] (optExpr) when optAt > 0.
func (p *tparser) structConstraintsIn(ics *ItemConstraints, key string, v cue.Value, lineOf func(token.Pos) int, path []pathStep, expr string, optAt int, optExpr string) {
	at := func(pos token.Pos, format string, args ...any) {
		p.errs = append(p.errs, &FileError{File: p.file, Line: lineOf(pos), Msg: fmt.Sprintf(format, args...)})
	}
	// A struct with a bad field is itself an error, yet its fields can be
	// walked (the bad one is reported there).
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		if err := v.Err(); err != nil {
			at(v.Pos(), "%s: %s", key, cueMsg(err))
		} else {
			at(v.Pos(), "%s: want a struct of constraints on the item, e.g. {attributes: \"user.email\": _|_}", key)
		}
		return
	}
	for it.Next() {
		sel := it.Selector()
		if sel.LabelType() != cue.StringLabel {
			continue
		}
		label := sel.Unquoted()
		f := it.Value()
		steps := append(append([]pathStep(nil), path...), pathStep{key: label})
		x := exprOf(expr, label)
		if path == nil && !isItemField(label) {
			at(f.Pos(), "%s: an item has no field %q (fields: %s)", key, label, itemFieldList())
			continue
		}
		c := &ItemConstraint{Line: lineOf(f.Pos()), Expr: x, path: steps, Optional: sel.ConstraintType() == cue.OptionalConstraint,
			optAt: optAt, optExpr: optExpr}
		if err := f.Err(); err != nil {
			if !isBottom(f) {
				at(f.Pos(), "%s: %s: %s", key, x, cueMsg(err))
				continue
			}
			c.Absent, c.Optional, c.Src = true, false, "_|_"
			ics.Constraints = append(ics.Constraints, c)
			continue
		}
		if f.IncompleteKind() == cue.StructKind && hasFields(f) && !hasPattern(f) {
			oa, oe := optAt, optExpr
			if c.Optional && oa == 0 {
				oa, oe = len(steps), x
			}
			p.structConstraintsIn(ics, key, f, lineOf, steps, x, oa, oe)
			continue
		}
		c.c, c.Src = f, cueSource(f)
		ics.Constraints = append(ics.Constraints, c)
	}
}

func hasFields(v cue.Value) bool {
	it, err := v.Fields(cue.Optional(true))
	return err == nil && it.Next()
}

// hasPattern tells a struct with a pattern constraint ([=~"^http"]: …);
// such a struct is checked whole, by unification.
func hasPattern(v cue.Value) bool {
	var in func(n ast.Node) bool
	in = func(n ast.Node) bool {
		var decls []ast.Decl
		switch s := n.(type) {
		case *ast.StructLit:
			decls = s.Elts
		case *ast.File: // with imports
			decls = s.Decls
		}
		for _, d := range decls {
			switch d := d.(type) {
			case *ast.Field:
				if _, ok := d.Label.(*ast.ListLit); ok {
					return true
				}
			case *ast.EmbedDecl:
				if in(d.Expr) {
					return true
				}
			}
		}
		return false
	}
	return in(v.Syntax())
}

var identRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

func exprOf(base, label string) string {
	switch {
	case base == "":
		return label
	case identRE.MatchString(label):
		return base + "." + label
	}
	return base + "[" + strconv.Quote(label) + "]"
}

var spaceRE = regexp.MustCompile(`\s+`)

// cueSource is a constraint as one line of CUE.
func cueSource(v cue.Value) string {
	n := v.Syntax()
	if f, ok := n.(*ast.File); ok {
		// Drop the imports a builtin brings along.
		var decls []ast.Decl
		for _, d := range f.Decls {
			if _, ok := d.(*ast.ImportDecl); !ok {
				decls = append(decls, d)
			}
		}
		n = &ast.StructLit{Elts: decls}
		if len(decls) == 1 {
			if e, ok := decls[0].(*ast.EmbedDecl); ok {
				n = e.Expr
			}
		}
	}
	b, err := format.Node(n)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(oneLine(string(b)), 80)
}

// oneLine joins formatted CUE into one line: fields are separated by
// commas.
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	s = strings.Join(parts, ", ")
	s = strings.NewReplacer("{, ", "{", ", }", "}", "[, ", "[", ", ]", "]").Replace(s)
	return spaceRE.ReplaceAllString(s, " ")
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// ItemFailure is an item that does not satisfy a constraint.
type ItemFailure struct {
	Item string `json:"item"`
	// Constraint is, for any_item, the first constraint the item fails.
	Constraint string `json:"constraint,omitempty"`
	Got        string `json:"got,omitempty"` // the expression's value, as CUE; empty when it has none
	Error      string `json:"error,omitempty"`
}

func (f *ItemFailure) text() string {
	var b strings.Builder
	b.WriteString(f.Item)
	if f.Constraint != "" {
		b.WriteString(" fails " + f.Constraint)
	}
	if f.Got != "" {
		b.WriteString(": got " + f.Got)
	} else {
		b.WriteString(": no value")
	}
	if f.Error != "" {
		b.WriteString(" (" + f.Error + ")")
	}
	return b.String()
}

// maxItemFailures is how many failing items a failure shows.
const maxItemFailures = 3

// exprValue is the value of an expression on an item: a Go value (plain
// paths) or a CUE value; has is false when there is none (why may say why).
type exprValue struct {
	has   bool
	depth int // plain paths without a value: how many steps were found
	isGo  bool
	gv    any
	cv    cue.Value
	why   string
}

func (v exprValue) show() string {
	if !v.isGo {
		return showValue(v.cv)
	}
	var b strings.Builder
	showGo(&b, v.gv)
	return clip(b.String(), 60)
}

// eval evaluates c's expression on the item.
func (c *ItemConstraint) eval(ctx *cue.Context, it *item) exprValue {
	if c.path != nil {
		var cur any = it.model()
		for i, s := range c.path {
			switch x := cur.(type) {
			case map[string]any:
				v, ok := x[s.key]
				if s.isIdx || !ok {
					return exprValue{depth: i}
				}
				cur = v
			case []any:
				if !s.isIdx || s.index < 0 || s.index >= len(x) {
					return exprValue{depth: i}
				}
				cur = x[s.index]
			default:
				return exprValue{depth: i}
			}
		}
		return exprValue{has: true, isGo: true, gv: cur}
	}
	m := it.model()
	sub := make(map[string]any, len(c.refs))
	for _, f := range c.refs {
		if v, ok := m[f]; ok {
			sub[f] = v
		}
	}
	e := c.prog.Unify(ctx.Encode(sub)).LookupPath(cue.MakePath(cue.Str("$")))
	if !e.Exists() {
		return exprValue{}
	}
	if err := e.Validate(cue.Concrete(true)); err != nil {
		return exprValue{why: cueMsg(err)}
	}
	return exprValue{has: true, cv: e}
}

// itemChecker checks constraints on items; it remembers the outcome for
// scalar values already seen (a few services, kinds and routes repeat over
// thousands of items).
type itemChecker struct {
	ctx  *cue.Context
	memo map[*ItemConstraint]map[any]*ItemFailure // nil: passes
}

// test checks c on one item; a nil result is a pass.
func (k *itemChecker) test(c *ItemConstraint, it *item) *ItemFailure {
	v := c.eval(k.ctx, it)
	switch {
	case c.Absent:
		if !v.has {
			return nil
		}
		return &ItemFailure{Item: it.desc, Got: v.show()}
	case !v.has:
		if c.Optional || (c.optAt > 0 && v.depth < c.optAt) {
			return nil
		}
		return &ItemFailure{Item: it.desc, Error: v.why}
	}
	var key any
	memo := false
	if v.isGo {
		switch v.gv.(type) {
		case nil, string, int64, float64, bool:
			key, memo = v.gv, true
		}
	}
	f, ok := k.memo[c][key]
	if !memo || !ok {
		cv := v.cv
		if v.isGo {
			cv = k.ctx.Encode(v.gv)
		}
		f = nil
		if err := cv.Unify(c.c).Validate(cue.Concrete(true)); err != nil {
			f = &ItemFailure{Got: v.show(), Error: cueMsg(err)}
		}
		if memo {
			if k.memo[c] == nil {
				k.memo[c] = map[any]*ItemFailure{}
			}
			k.memo[c][key] = f
		}
	}
	if f == nil {
		return nil
	}
	out := *f
	out.Item = it.desc
	return &out
}

// checkItems checks items or any_item on what an exporter received; what
// names the exporter, unit is its unit (spans, …).
func checkItems(ics *ItemConstraints, items []item, line int, what, unit string) []*Failure {
	one := unitSingular(unit)
	var all []string
	for _, c := range ics.Constraints {
		all = append(all, c.String())
	}
	k := &itemChecker{ctx: ics.ctx, memo: map[*ItemConstraint]map[any]*ItemFailure{}}
	if ics.Any {
		f := &Failure{Line: line, ConstraintLine: ics.Line, What: what + " any_item", Constraint: strings.Join(all, "; "),
			Expected: "some " + one + " with " + strings.Join(all, "; ")}
		if len(items) == 0 {
			f.Received = "no " + unit
			return []*Failure{f}
		}
	next:
		for i := range items {
			for _, c := range ics.Constraints {
				if fi := k.test(c, &items[i]); fi != nil {
					if len(f.Items) < maxItemFailures {
						fi.Constraint = c.String()
						f.Items = append(f.Items, fi)
					}
					continue next
				}
			}
			return nil
		}
		f.Received = "none of " + plural(int64(len(items)), unit)
		f.FailedItems, f.TotalItems = len(items), len(items)
		return []*Failure{f}
	}
	if len(items) == 0 {
		return []*Failure{{Line: line, ConstraintLine: ics.Line, What: what + " items", Constraint: strings.Join(all, "; "),
			Expected: "every " + one + ": " + strings.Join(all, "; "), Received: "no " + unit}}
	}
	var fs []*Failure
	for _, c := range ics.Constraints {
		f := &Failure{Line: line, ConstraintLine: c.Line, What: what + " items " + c.Expr, Constraint: c.String(), Expected: "every " + one + ": " + c.String()}
		switch {
		case c.Absent:
			f.Expected += " (no value)"
		case c.Optional:
			f.Expected += " (where it has a value)"
		}
		if c.optAt > 0 {
			f.Expected += " (where " + c.optExpr + " has a value)"
		}
		for i := range items {
			if fi := k.test(c, &items[i]); fi != nil {
				f.FailedItems++
				if len(f.Items) < maxItemFailures {
					f.Items = append(f.Items, fi)
				}
			}
		}
		if f.FailedItems > 0 {
			f.TotalItems = len(items)
			f.Received = fmt.Sprintf("failed on %d of %s", f.FailedItems, plural(int64(len(items)), unit))
			fs = append(fs, f)
		}
	}
	return fs
}

// showValue prints a concrete value as compact CUE.
func showValue(v cue.Value) string {
	var x any
	if err := v.Decode(&x); err != nil {
		return clip(oneLine(fmt.Sprint(v)), 60)
	}
	if v.Kind() == cue.FloatKind {
		if f, ok := x.(float64); ok {
			return clip(showFloat(f), 60)
		}
	}
	var b strings.Builder
	showGo(&b, x)
	return clip(b.String(), 60)
}

func showFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func showGo(b *strings.Builder, x any) {
	switch v := x.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(strconv.Quote(v))
	case []byte:
		b.WriteString("'" + base64.StdEncoding.EncodeToString(v) + "' (base64)")
	case float64:
		b.WriteString(showFloat(v))
	case []any:
		b.WriteString("[")
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			showGo(b, e)
		}
		b.WriteString("]")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			if identRE.MatchString(k) {
				b.WriteString(k)
			} else {
				b.WriteString(strconv.Quote(k))
			}
			b.WriteString(": ")
			showGo(b, v[k])
		}
		b.WriteString("}")
	default:
		fmt.Fprint(b, v)
	}
}

// The item model: what an item looks like to a CUE expression. Attribute
// values keep their types (string, int, float, bool, bytes, lists,
// structs); times are Unix nanoseconds (int).

func attrs(m pcommon.Map) map[string]any { return m.AsRaw() }

func scopeModel(s pcommon.InstrumentationScope) map[string]any {
	return map[string]any{"name": s.Name(), "version": s.Version(), "attributes": attrs(s.Attributes())}
}

func spanModel(sp ptrace.Span, res pcommon.Map, scope pcommon.InstrumentationScope) map[string]any {
	var events, links []any
	for _, e := range sp.Events().All() {
		events = append(events, map[string]any{"name": e.Name(), "time": int64(e.Timestamp()), "attributes": attrs(e.Attributes())})
	}
	for _, l := range sp.Links().All() {
		links = append(links, map[string]any{"trace_id": l.TraceID().String(), "span_id": l.SpanID().String(),
			"trace_state": l.TraceState().AsRaw(), "attributes": attrs(l.Attributes())})
	}
	if events == nil {
		events = []any{}
	}
	if links == nil {
		links = []any{}
	}
	return map[string]any{
		"name":           sp.Name(),
		"kind":           sp.Kind().String(),
		"status":         map[string]any{"code": sp.Status().Code().String(), "message": sp.Status().Message()},
		"attributes":     attrs(sp.Attributes()),
		"resource":       attrs(res),
		"scope":          scopeModel(scope),
		"trace_id":       sp.TraceID().String(),
		"span_id":        sp.SpanID().String(),
		"parent_span_id": sp.ParentSpanID().String(),
		"trace_state":    sp.TraceState().AsRaw(),
		"start_time":     int64(sp.StartTimestamp()),
		"end_time":       int64(sp.EndTimestamp()),
		"duration":       int64(sp.EndTimestamp()) - int64(sp.StartTimestamp()),
		"events":         events,
		"links":          links,
	}
}

func logModel(lr plog.LogRecord, res pcommon.Map, scope pcommon.InstrumentationScope) map[string]any {
	return map[string]any{
		"body":            lr.Body().AsRaw(),
		"severity_text":   lr.SeverityText(),
		"severity_number": int64(lr.SeverityNumber()),
		"event_name":      lr.EventName(),
		"attributes":      attrs(lr.Attributes()),
		"resource":        attrs(res),
		"scope":           scopeModel(scope),
		"trace_id":        lr.TraceID().String(),
		"span_id":         lr.SpanID().String(),
		"time":            int64(lr.Timestamp()),
		"observed_time":   int64(lr.ObservedTimestamp()),
	}
}

func uints(xs pcommon.UInt64Slice) []any {
	out := make([]any, 0, xs.Len())
	for _, x := range xs.All() {
		out = append(out, int64(x))
	}
	return out
}

func floats(xs pcommon.Float64Slice) []any {
	out := make([]any, 0, xs.Len())
	for _, x := range xs.All() {
		out = append(out, x)
	}
	return out
}

// pointModels returns a model per data point of m.
func pointModels(m pmetric.Metric, res pcommon.Map, scope pcommon.InstrumentationScope) []map[string]any {
	metric := map[string]any{"name": m.Name(), "unit": m.Unit(), "description": m.Description(), "type": m.Type().String()}
	base := func(a pcommon.Map, start, t pcommon.Timestamp) map[string]any {
		return map[string]any{"metric": metric, "attributes": attrs(a), "resource": attrs(res), "scope": scopeModel(scope),
			"start_time": int64(start), "time": int64(t)}
	}
	number := func(dp pmetric.NumberDataPoint) map[string]any {
		p := base(dp.Attributes(), dp.StartTimestamp(), dp.Timestamp())
		switch dp.ValueType() {
		case pmetric.NumberDataPointValueTypeInt:
			p["value"] = dp.IntValue()
		case pmetric.NumberDataPointValueTypeDouble:
			p["value"] = dp.DoubleValue()
		}
		return p
	}
	var out []map[string]any
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		for _, dp := range m.Gauge().DataPoints().All() {
			out = append(out, number(dp))
		}
	case pmetric.MetricTypeSum:
		metric["monotonic"] = m.Sum().IsMonotonic()
		metric["temporality"] = m.Sum().AggregationTemporality().String()
		for _, dp := range m.Sum().DataPoints().All() {
			out = append(out, number(dp))
		}
	case pmetric.MetricTypeHistogram:
		metric["temporality"] = m.Histogram().AggregationTemporality().String()
		for _, dp := range m.Histogram().DataPoints().All() {
			p := base(dp.Attributes(), dp.StartTimestamp(), dp.Timestamp())
			histogramStats(p, dp)
			p["bucket_counts"] = uints(dp.BucketCounts())
			p["explicit_bounds"] = floats(dp.ExplicitBounds())
			out = append(out, p)
		}
	case pmetric.MetricTypeExponentialHistogram:
		metric["temporality"] = m.ExponentialHistogram().AggregationTemporality().String()
		for _, dp := range m.ExponentialHistogram().DataPoints().All() {
			p := base(dp.Attributes(), dp.StartTimestamp(), dp.Timestamp())
			histogramStats(p, dp)
			p["scale"] = int64(dp.Scale())
			p["zero_count"] = int64(dp.ZeroCount())
			out = append(out, p)
		}
	case pmetric.MetricTypeSummary:
		for _, dp := range m.Summary().DataPoints().All() {
			p := base(dp.Attributes(), dp.StartTimestamp(), dp.Timestamp())
			p["count"] = int64(dp.Count())
			p["sum"] = dp.Sum()
			qs := []any{}
			for _, q := range dp.QuantileValues().All() {
				qs = append(qs, map[string]any{"quantile": q.Quantile(), "value": q.Value()})
			}
			p["quantiles"] = qs
			out = append(out, p)
		}
	}
	return out
}

// histogramPoint is what histogram and exponential histogram data points
// share.
type histogramPoint interface {
	Count() uint64
	HasSum() bool
	Sum() float64
	HasMin() bool
	Min() float64
	HasMax() bool
	Max() float64
}

// histogramStats puts a histogram point's count, and its sum, min and max
// where set, into p.
func histogramStats(p map[string]any, dp histogramPoint) {
	p["count"] = int64(dp.Count())
	if dp.HasSum() {
		p["sum"] = dp.Sum()
	}
	if dp.HasMin() {
		p["min"] = dp.Min()
	}
	if dp.HasMax() {
		p["max"] = dp.Max()
	}
}

package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"cuelang.org/go/cue/format"
)

// emitted is the CUE text of one file before formatting.
type emitted struct {
	defs  map[string]string // definition name (with #) -> expression
	order []string          // main definition first when set
	deps  map[string]bool   // shared files used directly
	notes map[string]bool   // what is left open, and why
	src   pkgKey            // package emitted (shared) or the component's schema package
	fatal string            // the component cannot be generated at all
}

func newEmitted(src pkgKey) *emitted {
	return &emitted{defs: map[string]string{}, deps: map[string]bool{}, notes: map[string]bool{}, src: src}
}

// emitter converts schema nodes to CUE in one file's context.
type emitter struct {
	g      *gen
	out    *emitted
	comp   *comp  // nil when emitting a shared package
	prefix string // "#receiver_otlp" or "#configgrpc"
	shared map[pkgKey]*emitted
	queue  []pendingDef
	seen   map[string]bool
}

type pendingDef struct {
	pkg  pkgKey
	def  string
	name string
}

func (g *gen) emitComponent(c *comp, shared map[pkgKey]*emitted) *emitted {
	src := pkgKey{Module: c.c.Module, Version: c.c.Version, Pkg: c.schema}
	e := &emitter{g: g, out: newEmitted(src), comp: c, prefix: "#" + strings.ReplaceAll(c.key, "/", "_"), shared: shared, seen: map[string]bool{}}
	if c.note != "" {
		e.out.notes[c.note] = true
	}
	pf := g.loadPkg(src)
	if pf.node == nil {
		e.out.fatal = pf.err
		return e.out
	}
	main := e.prefix
	e.out.order = append(e.out.order, main)
	e.seen[main] = true
	root := compRoot(pf.node)
	e.out.defs[main] = e.expr(root, src)
	if r := e.openTop(root, src, 0); r != "" {
		e.out.fatal = "keys not checked: " + r
	}
	for len(e.queue) > 0 {
		p := e.queue[0]
		e.queue = e.queue[1:]
		pf := g.loadPkg(p.pkg)
		var n *Node
		if pf.node != nil {
			n = lookupDef(pf.node, p.def)
		}
		if n == nil {
			// refExpr checked existence; a pending download ends up here.
			e.out.defs[p.name] = "_"
			continue
		}
		e.out.defs[p.name] = e.defExpr(n, p.pkg, p.def)
	}
	return e.out
}

// emitShared emits every package that components (and other shared
// packages) refer to, with all of its definitions, so that a shared file does
// not depend on which components were generated.
func (g *gen) emitShared(shared map[pkgKey]*emitted) error {
	names := map[string]pkgKey{}
	for {
		var todo []pkgKey
		for k, v := range shared {
			if v == nil {
				todo = append(todo, k)
			}
		}
		if len(todo) == 0 {
			break
		}
		sort.Slice(todo, func(i, j int) bool { return todo[i].Pkg < todo[j].Pkg })
		for _, k := range todo {
			name := sharedName(k.Pkg)
			if prev, dup := names[name]; dup && prev != k {
				return fmt.Errorf("shared name %q for both %s@%s and %s@%s", name, prev.Pkg, prev.Version, k.Pkg, k.Version)
			}
			names[name] = k
			e := &emitter{g: g, out: newEmitted(k), prefix: "#" + name, shared: shared, seen: map[string]bool{}}
			shared[k] = e.out
			pf := g.loadPkg(k)
			if pf.node == nil {
				continue // refExpr only registers packages that have a schema
			}
			var defs []string
			for d := range pf.node.Defs {
				defs = append(defs, d)
			}
			if _, ok := pf.node.Defs["config"]; !ok && pf.node.isObjectLike() {
				defs = append(defs, "config")
			}
			sort.Strings(defs)
			for _, d := range defs {
				name := e.prefix + "_" + d
				e.out.defs[name] = e.defExpr(lookupDef(pf.node, d), k, d)
				e.out.order = append(e.out.order, name)
			}
		}
	}
	return nil
}

// compRoot is the schema of a component's Config: the root of its
// config.schema.yaml, or its "config" definition when the root only holds
// $defs.
func compRoot(n *Node) *Node {
	if !n.isObjectLike() {
		if d, ok := n.Defs["config"]; ok {
			return d
		}
	}
	return n
}

// override replaces a definition whose Go type decodes more than its
// schema says (a custom Unmarshal), keyed "package.def".
type override struct {
	expr func(e *emitter, n *Node, pkg pkgKey) string
	note string
}

var overrides = map[string]override{
	coreRoot + "/config/configopaque.map_list": {
		expr: func(e *emitter, n *Node, pkg pkgKey) string {
			return e.expr(n, pkg) + " | {[string]: " + e.refExpr("string", pkg) + "}"
		},
		note: "map_list: configopaque.MapList also unmarshals from a map of name to value (custom Unmarshal)",
	},
	coreRoot + "/config/confighttp.server_config": {
		expr: func(e *emitter, n *Node, pkg pkgKey) string {
			m := *n
			m.AllOf = append(append([]*Node(nil), n.AllOf...), &Node{Ref: "/config/confignet.addr_config"})
			return e.expr(&m, pkg)
		},
		note: "server_config: the Go struct squashes confignet.AddrConfig (endpoint, transport, dialer), which config.schema.yaml leaves out",
	},
	contribRoot + "/processor/transformprocessor/internal/common.context_statements": {
		expr: func(e *emitter, n *Node, pkg pkgKey) string {
			return "string | " + e.expr(n, pkg)
		},
		note: "context_statements: the processor's Unmarshal also takes a statement as a plain string (flat style)",
	},
}

// defExpr converts the node of a named definition. A definition of a scalar
// kind other than string is a named Go type, which may implement
// encoding.TextUnmarshaler and then also decodes from a string; the schema
// does not say, so a string is allowed too.
func (e *emitter) defExpr(n *Node, pkg pkgKey, def string) string {
	if o, ok := overrides[pkg.Pkg+"."+def]; ok {
		e.out.notes[o.note] = true
		return o.expr(e, n, pkg)
	}
	x := e.expr(n, pkg)
	if n.Ref == "" && len(n.Enum) == 0 && (n.Type == "integer" || n.Type == "number" || n.Type == "boolean") && x != "_" && x != "#Duration" {
		e.note("%s: a named %s type may also decode from text (encoding.TextUnmarshaler); a string is allowed", def, n.Type)
		return x + " | string"
	}
	return x
}

// openTop says why a struct node is open at its top level (its unknown keys
// would not be caught), or "".
func (e *emitter) openTop(n *Node, pkg pkgKey, depth int) string {
	if depth > 20 {
		return ""
	}
	t, tp := e.target(n, pkg)
	switch {
	case t == nil:
		return fmt.Sprintf("it embeds %s, which has no usable schema", n.Ref)
	case t.CustomType != "" && t.CustomType != "any":
		return fmt.Sprintf("it embeds Go type %s, which has no schema", t.CustomType)
	case !t.isObjectLike() && t.AdditionalProperties == nil:
		return "the upstream schema does not describe its keys"
	case t.AdditionalProperties != nil && t.AdditionalProperties.Allowed && t.AdditionalProperties.Schema == nil:
		return "the upstream schema allows any key"
	}
	if t.Ref != "" {
		if r := e.openTop(&Node{Ref: t.Ref}, tp, depth+1); r != "" {
			return r
		}
	}
	for _, a := range t.AllOf {
		if a.Ref == "" && !a.isObjectLike() {
			if a.CustomType != "" {
				return fmt.Sprintf("it embeds Go type %s, which has no schema", a.CustomType)
			}
			return "an embedded schema is not a struct"
		}
		if r := e.openTop(a, tp, depth+1); r != "" {
			return r
		}
	}
	return ""
}

func (e *emitter) note(format string, args ...any) {
	e.out.notes[fmt.Sprintf(format, args...)] = true
}

// refExpr returns the CUE reference for a $ref, registering what it needs.
// It returns "_" (and a note) when the target cannot be read.
func (e *emitter) refExpr(ref string, from pkgKey) string {
	local := func(mod string) (string, bool) {
		if e.comp != nil && mod == e.comp.c.Module {
			return e.comp.c.Version, true
		}
		if e.comp == nil && mod == e.out.src.Module {
			return e.out.src.Version, true
		}
		return "", false
	}
	k, def, err := e.g.resolve(from, ref, local)
	if err != nil {
		e.note("open: %v", err)
		return "_"
	}
	pf := e.g.loadPkg(k)
	if pf.node == nil {
		e.note("open: $ref %s: %s", ref, pf.err)
		return "_"
	}
	if lookupDef(pf.node, def) == nil {
		e.note("open: $ref %s: no definition %q in %s@%s", ref, def, k.Pkg, k.Version)
		return "_"
	}
	// Same file?
	if e.comp == nil && k == e.out.src {
		return e.prefix + "_" + def
	}
	if e.comp != nil && k.Module == e.comp.c.Module {
		name := e.prefix + "__" + def
		if k.Pkg != e.comp.schema {
			name = e.prefix + "__" + nonIdent.ReplaceAllString(strings.TrimPrefix(k.Pkg, e.comp.c.Module+"/"), "_") + "_" + def
		}
		if k.Pkg == e.comp.schema && lookupDef(pf.node, def) == compRoot(pf.node) {
			return e.prefix // the root schema itself
		}
		if !e.seen[name] {
			e.seen[name] = true
			e.queue = append(e.queue, pendingDef{pkg: k, def: def, name: name})
		}
		return name
	}
	if _, ok := e.shared[k]; !ok {
		e.shared[k] = nil
	}
	e.out.deps["shared/"+sharedName(k.Pkg)+".cue"] = true
	return "#" + sharedName(k.Pkg) + "_" + def
}

var (
	intTypes  = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true}
	uintTypes = map[string]bool{"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true}
)

func (e *emitter) useType(name string) string {
	e.out.deps[typesFile] = true
	return name
}

// expr converts a schema node to a CUE expression. No field, list element
// or map value carries a null alternative: the collector reads a written
// null as "keep the default" wherever a value may be written, so the
// checker (internal/schemacheck) turns a null in the data into _ instead.
// Leaving null out of every field's disjunction halves what CUE compiles
// and evaluates.
func (e *emitter) expr(n *Node, pkg pkgKey) string {
	if n == nil {
		return "_"
	}
	if n.Ref != "" && len(n.Properties) == 0 && len(n.AllOf) == 0 {
		return e.refExpr(n.Ref, pkg)
	}
	if n.Not != nil {
		e.note("open: a \"not\" constraint is not checked")
	}
	switch ct := n.CustomType; {
	case ct == "time.Duration" || n.Format == "duration":
		return e.useType("#Duration")
	case ct == "go.opentelemetry.io/collector/component.ID":
		return e.useType("#ComponentID")
	case ct == "any":
		return "_"
	case intTypes[ct] && (n.Type == "integer" || n.Type == "number"):
		return "number"
	case uintTypes[ct] && (n.Type == "integer" || n.Type == "number"):
		return "number & >=0"
	case (ct == "float32" || ct == "float64") && (n.Type == "integer" || n.Type == "number"):
		return "number"
	case ct == "":
	case n.Type == "string" && len(n.Enum) == 0:
		return "string"
	case n.Type == "boolean":
		return "bool"
	case n.Type == "integer" || n.Type == "number":
		return "number"
	case n.Type == "string":
	default:
		e.note("open: Go type %s is not checked", ct)
		return "_"
	}
	if len(n.Enum) > 0 {
		var alts []string
		for _, v := range n.Enum {
			alts = append(alts, literal(v))
		}
		return strings.Join(alts, " | ")
	}
	if n.Const != nil {
		return literal(n.Const)
	}
	switch n.Type {
	case "string":
		return "string"
	case "boolean":
		return "bool"
	case "integer", "number":
		// mapstructure stores a YAML float in an int field (truncating).
		return "number"
	case "array":
		if n.Items == nil {
			return "[...]"
		}
		if n.Items.CustomType == "byte" || n.Items.CustomType == "uint8" {
			e.note("open: a byte array is not checked")
			return "_"
		}
		it := n.Items
		if it.Type == "string" && it.Ref == "" && it.CustomType == "" && len(it.Enum) == 0 && it.Format == "" {
			// confmap's StringToSliceHookFunc(",") splits a string into a []string.
			return "[...string] | string"
		}
		return "[..." + e.expr(it, pkg) + "]"
	case "null":
		return "null"
	case "object", "":
		if n.isObjectLike() || n.AdditionalProperties != nil {
			return e.structExpr(n, pkg)
		}
		if n.Type == "object" {
			e.note("open: an object without properties is not checked")
			return "{...}"
		}
		return "_"
	}
	e.note("open: type %q is not checked", n.Type)
	return "_"
}

func (e *emitter) structExpr(n *Node, pkg pkgKey) string {
	var b strings.Builder
	b.WriteString("{\n")
	open := false
	embed := func(x string) {
		if x == "_" {
			open = true
			return
		}
		b.WriteString(x + "\n")
	}
	if n.Ref != "" {
		embed(e.refExpr(n.Ref, pkg))
	}
	for _, a := range n.AllOf {
		switch {
		case a.Ref != "" && len(a.Properties) == 0 && len(a.AllOf) == 0:
			embed(e.refExpr(a.Ref, pkg))
		case a.isObjectLike():
			embed(e.structExpr(a, pkg))
		default:
			e.note("open: an allOf member that is not a struct is not checked")
			open = true
		}
	}
	req := map[string]bool{}
	for _, r := range n.Required {
		req[r] = true
	}
	var names []string
	for k := range n.Properties {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		p := n.Properties[name]
		v := e.expr(p, pkg)
		if p.Optional && v != "_" && e.isStruct(p, pkg) && !e.hasProp(p, pkg, "enabled", 0) {
			// configoptional.Optional takes an extra "enabled" key.
			v = "{\n" + v + "\nenabled?: bool\n}"
		}
		b.WriteString(docComment(p))
		attr := ""
		if d := deprecation(p.Description); d != "" {
			attr = " @otelcfg(deprecated=" + attrString(d) + ")"
		}
		if req[name] {
			b.WriteString(label(name) + "!: " + v + attr + "\n")
		} else {
			b.WriteString(label(name) + "?: " + v + attr + "\n")
		}
	}
	ap, apOK, err := n.additional()
	switch {
	case err != nil:
		e.note("open: %v", err)
		open = true
	case ap != nil:
		b.WriteString("[string]: " + e.expr(ap, pkg) + "\n")
	case apOK:
		open = true
	}
	if open {
		b.WriteString("...\n")
	}
	b.WriteString("}")
	return b.String()
}

// target follows a node's $ref to the node it names.
func (e *emitter) target(n *Node, pkg pkgKey) (*Node, pkgKey) {
	for i := 0; n != nil && n.Ref != "" && len(n.Properties) == 0 && len(n.AllOf) == 0 && i < 20; i++ {
		local := func(mod string) (string, bool) {
			if e.comp != nil && mod == e.comp.c.Module {
				return e.comp.c.Version, true
			}
			if e.comp == nil && mod == e.out.src.Module {
				return e.out.src.Version, true
			}
			return "", false
		}
		k, def, err := e.g.resolve(pkg, n.Ref, local)
		if err != nil {
			return nil, pkg
		}
		pf := e.g.loadPkg(k)
		if pf.node == nil {
			return nil, pkg
		}
		n, pkg = lookupDef(pf.node, def), k
	}
	return n, pkg
}

func (e *emitter) isStruct(n *Node, pkg pkgKey) bool {
	t, _ := e.target(n, pkg)
	return t != nil && t.isObjectLike() && t.CustomType == ""
}

func (e *emitter) hasProp(n *Node, pkg pkgKey, prop string, depth int) bool {
	if depth > 20 {
		return false
	}
	t, tp := e.target(n, pkg)
	if t == nil {
		return false
	}
	if _, ok := t.Properties[prop]; ok {
		return true
	}
	if t.Ref != "" && e.hasProp(&Node{Ref: t.Ref}, tp, prop, depth+1) {
		return true
	}
	for _, a := range t.AllOf {
		if e.hasProp(a, tp, prop, depth+1) {
			return true
		}
	}
	return false
}

// reDeprecated finds where a description says its property is deprecated:
// "Deprecated: use X", "Deprecated [v0.130.0]: use X" (Go doc style), or
// "(deprecated: use X)". Mentions of other deprecated things ("cannot be
// used with deprecated Metrics", "now deprecated") do not match.
var (
	reDeprecated       = regexp.MustCompile(`(?:^|[.!]\s+|\s)(Deprecated\s*(?:\[v[0-9.]+\])?\s*:.*)$`)
	reDeprecatedParens = regexp.MustCompile(`\(deprecated:\s*([^)]*)\)`)
)

// deprecation returns what a property's upstream description says about
// its deprecation, on one line, or "".
func deprecation(desc string) string {
	desc = strings.Join(strings.Fields(desc), " ")
	if m := reDeprecated.FindStringSubmatch(desc); m != nil {
		return m[1]
	}
	if m := reDeprecatedParens.FindStringSubmatch(desc); m != nil {
		return "Deprecated: " + m[1]
	}
	return ""
}

// attrString quotes s for a CUE attribute argument.
func attrString(s string) string {
	s = strings.NewReplacer(`"`, "'", `\`, "/").Replace(s)
	return `"` + s + `"`
}

// docComment is the CUE doc comment of a property: its upstream description
// and, on a last line "default: <JSON>", its upstream default. Comments do
// not change what the definition accepts; schemaexport reads them.
func docComment(p *Node) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(p.Description), "\n") {
		if line = strings.TrimRight(line, " \t\r"); line != "" {
			b.WriteString("// " + line + "\n")
		}
	}
	if p.Default != nil {
		if d := literal(p.Default); d != "_" {
			b.WriteString("// default: " + d + "\n")
		}
	}
	return b.String()
}

var reIdent = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)

var keywords = map[string]bool{"package": true, "import": true, "for": true, "in": true, "if": true, "let": true, "true": true, "false": true, "null": true, "div": true, "mod": true, "quo": true, "rem": true, "func": true}

func label(s string) string {
	if reIdent.MatchString(s) && !keywords[s] {
		return s
	}
	return literal(s)
}

func literal(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "_"
	}
	return strings.TrimSpace(buf.String())
}

// render formats one file: header, notes, package clause, definitions.
func render(out *emitted, source []string) ([]byte, error) {
	var b strings.Builder
	b.WriteString(Header + "\n")
	for _, s := range source {
		b.WriteString("// " + s + "\n")
	}
	var notes []string
	for n := range out.notes {
		notes = append(notes, n)
	}
	sort.Strings(notes)
	if len(notes) > 0 {
		b.WriteString("//\n// Left open (a false error is worse than an unchecked key):\n")
		for _, n := range notes {
			b.WriteString("//   - " + n + "\n")
		}
	}
	b.WriteString("\npackage schema\n\n")
	names := append([]string(nil), out.order...)
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	var rest []string
	for n := range out.defs {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	for _, n := range append(names, rest...) {
		b.WriteString(n + ": " + out.defs[n] + "\n\n")
	}
	src, err := format.Source([]byte(b.String()), format.Simplify())
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, b.String())
	}
	return src, nil
}

// Package schemacheck validates component settings against the generated
// CUE definitions in package schema. It compiles only the definitions a
// config uses (compiling the whole catalog costs ~0.5 s), turns CUE errors
// into violations at the user's file:line:col, and explains them in the
// collector's terms (unknown key with did-you-mean, wrong type, value not
// allowed, required key missing).
package schemacheck

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/parser"
)

// Entry locates one component's definition (mirrors schema.Component).
type Entry struct {
	File string   // .cue file holding the definition
	Def  string   // definition name, e.g. "#receiver_otlp"
	Deps []string // shared files the definition needs
}

// Set is a schema collection: the files and the index of definitions, keyed
// "class/type" (e.g. "receiver/otlp").
type Set struct {
	FS         fs.FS
	Components map[string]Entry
}

// Checker validates settings; it caches compiled definitions. It is safe
// for concurrent use (one CUE context is not, so calls take turns).
type Checker struct {
	mu       sync.Mutex
	set      Set
	ctx      *cue.Context
	compiled map[string]cue.Value
	anyOf    map[string][]anyOf             // per component, read once from its definition
	docNames map[string]map[string][]string // per component: Go field name -> YAML keys
}

// New returns a Checker over set.
func New(set Set) *Checker {
	return &Checker{set: set, compiled: map[string]cue.Value{}, anyOf: map[string][]anyOf{}, docNames: map[string]map[string][]string{}}
}

// Has reports whether key ("receiver/otlp") has a definition.
func (c *Checker) Has(key string) bool {
	_, ok := c.set.Components[key]
	return ok
}

// Prepare compiles, as one CUE instance, the definitions of the keys not yet
// compiled, so a config costs one compilation of exactly what it uses.
func (c *Checker) Prepare(keys []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.prepare(keys)
}

func (c *Checker) prepare(keys []string) error {
	var todo []string
	seen := map[string]bool{}
	for _, k := range keys {
		if _, done := c.compiled[k]; done || seen[k] || !c.Has(k) {
			continue
		}
		seen[k] = true
		todo = append(todo, k)
	}
	if len(todo) == 0 {
		return nil
	}
	sort.Strings(todo)
	var files []string
	included := map[string]bool{}
	for _, k := range todo {
		e := c.set.Components[k]
		for _, f := range append(append([]string(nil), e.Deps...), e.File) {
			if !included[f] {
				included[f] = true
				files = append(files, f)
			}
		}
	}
	var src strings.Builder
	for _, f := range files {
		data, err := fs.ReadFile(c.set.FS, f)
		if err != nil {
			return fmt.Errorf("schema %s: %w", f, err)
		}
		compileSource(&src, string(data))
	}
	if c.ctx == nil {
		c.ctx = cuecontext.New()
	}
	// Parse without comments (the comment lines are already gone, see
	// compileSource; this drops trailing ones).
	f, err := parser.ParseFile("schema", src.String())
	if err != nil {
		return fmt.Errorf("parsing the schemas of %s: %w", strings.Join(todo, ", "), err)
	}
	var roots []string
	for _, k := range todo {
		roots = append(roots, c.set.Components[k].Def)
	}
	keepReachable(f, roots)
	v := c.ctx.BuildFile(f)
	if err := v.Err(); err != nil {
		return fmt.Errorf("compiling the schemas of %s: %w", strings.Join(todo, ", "), err)
	}
	for _, k := range todo {
		def := v.LookupPath(cue.ParsePath(c.set.Components[k].Def))
		if !def.Exists() {
			return fmt.Errorf("schema of %s: definition %s not found in %s", k, c.set.Components[k].Def, c.set.Components[k].File)
		}
		c.compiled[k] = def
		rules, err := anyOfRules(def)
		if err != nil {
			return fmt.Errorf("schema of %s: %w", k, err)
		}
		c.anyOf[k] = rules
	}
	return nil
}

// compileSource appends to b the text of a schema file that compiling
// needs: without its package clause, so files can be concatenated into one
// compilation unit, and without its comment lines. The generated files
// carry upstream docs as comments, three quarters of their bytes, which
// validation does not need and the CUE scanner would still read. A file
// with a multi-line string keeps its comment lines (a line of such a
// string may start with //); the schema has none today.
func compileSource(b *strings.Builder, s string) {
	keepComments := strings.Contains(s, `"""`) || strings.Contains(s, "'''")
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "package ") || !keepComments && strings.HasPrefix(t, "//") {
			b.WriteByte('\n') // keep line numbers for error positions
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

// keepReachable removes the top-level definitions that the roots do not
// reference, directly or through other definitions. Shared files hold every
// definition of their config package and CUE evaluates all of them, so a
// component that needs the gRPC server settings need not pay for the HTTP
// client ones.
func keepReachable(f *ast.File, roots []string) {
	refs := map[string][]string{} // definition → definitions it references
	for _, d := range f.Decls {
		field, ok := d.(*ast.Field)
		if !ok {
			continue
		}
		name, _, err := ast.LabelName(field.Label)
		if err != nil || !strings.HasPrefix(name, "#") {
			continue
		}
		ast.Walk(field.Value, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "#") {
				refs[name] = append(refs[name], id.Name)
			}
			return true
		}, nil)
	}
	keep := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if keep[name] {
			return
		}
		keep[name] = true
		for _, r := range refs[name] {
			visit(r)
		}
	}
	for _, r := range roots {
		visit(r)
	}
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		if field, ok := d.(*ast.Field); ok {
			if name, _, err := ast.LabelName(field.Label); err == nil && strings.HasPrefix(name, "#") && !keep[name] {
				continue
			}
		}
		decls = append(decls, d)
	}
	f.Decls = decls
}

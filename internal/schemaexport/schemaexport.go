// Package schemaexport exports the embedded CUE schema of collector configs
// (package schema) for other tools: as one CUE file, as a JSON Schema that
// editors (yaml-language-server, VS Code) use for completion and
// validation, and as a flat list of a component's fields.
//
// The exports add #Config to the schema: #Collector with every component
// section tied to the component definitions by type (aliases included), so
// `cue vet -d '#Config'` and the JSON Schema check component settings too.
package schemaexport

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/format"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/schema"
)

// Source is what the exports are built from.
type Source struct {
	Catalog *catalog.Catalog
	FS      fs.FS                       // collector.cue, components/, shared/
	Index   map[string]schema.Component // "class/type" -> definition
	// Unchecked gives the reason a catalog component has no definition.
	Unchecked map[string]string
	Release   string // collector release the schema describes
}

// Default is the embedded schema and catalog.
func Default() Source {
	return Source{Catalog: catalog.Default(), FS: schema.FS, Index: schema.Components, Unchecked: schema.Unchecked, Release: schema.Release}
}

// CUE returns the whole schema as one formatted CUE file (package schema):
// collector.cue, every shared and component file in path order, and #Config.
// The output is deterministic.
func (s Source) CUE() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "// otelcfg schema of OpenTelemetry Collector %s configs, exported by\n", s.Release)
	b.WriteString("// `otelcfg schema export --format cue`. Validate a config with\n")
	b.WriteString("//   cue vet -d '#Config' otelcfg.cue collector.yaml\n")
	b.WriteString("// Field comments are upstream descriptions; a last comment line\n")
	b.WriteString("// \"default: <JSON>\" is the upstream default (informational only).\n\n")
	b.WriteString("package schema\n\n")
	files, err := s.files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := fs.ReadFile(s.FS, f)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", f, err)
		}
		fmt.Fprintf(&b, "// ---- %s ----\n\n", f)
		b.WriteString(stripFile(string(data)))
		b.WriteString("\n")
	}
	b.WriteString("// ---- #Config (otelcfg) ----\n\n")
	b.WriteString(s.configDef())
	out, err := format.Source([]byte(b.String()), format.Simplify())
	if err != nil {
		return nil, fmt.Errorf("formatting the CUE export: %w", err)
	}
	return out, nil
}

// files lists the .cue files of the schema: collector.cue, then shared/
// and every other file a definition depends on, then components/, each in
// path order.
func (s Source) files() ([]string, error) {
	seen := map[string]bool{}
	var deps, comps []string
	for _, dir := range []string{"shared", "components"} {
		err := fs.WalkDir(s.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".cue") {
				seen[p] = true
				if dir == "shared" {
					deps = append(deps, p)
				} else {
					comps = append(comps, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, c := range s.Index {
		for _, f := range append(append([]string(nil), c.Deps...), c.File) {
			if !seen[f] {
				seen[f] = true
				deps = append(deps, f)
			}
		}
	}
	sort.Strings(deps)
	sort.Strings(comps)
	return append(append([]string{"collector.cue"}, deps...), comps...), nil
}

// stripFile drops the package clause and the "Code generated" line, so
// files concatenate into one file that is not itself marked generated.
func stripFile(src string) string {
	lines := strings.Split(src, "\n")
	out := lines[:0]
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "package ") || strings.HasPrefix(t, "// Code generated") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}

// entry is one component type (current or alias) of a class.
type entry struct {
	typ  string
	comp *catalog.Component
	key  string // "class/type" of the current type
}

// entries lists the catalog types of class and their deprecated aliases,
// sorted by type.
func (s Source) entries(class catalog.Class) []entry {
	var es []entry
	for _, t := range s.Catalog.Types(class) {
		c, _ := s.Catalog.Lookup(class, t)
		key := string(class) + "/" + c.Type
		es = append(es, entry{typ: t, comp: c, key: key})
		for _, a := range c.DeprecatedTypes {
			es = append(es, entry{typ: a, comp: c, key: key})
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].typ < es[j].typ })
	return es
}

// configDef is the CUE text of #Config.
func (s Source) configDef() string {
	var b strings.Builder
	b.WriteString("// #Config is a collector config whose component settings are checked\n")
	b.WriteString("// against the component definitions, keyed type[/name].\n")
	b.WriteString("#Config: #Collector & {\n")
	for _, class := range catalog.Classes {
		fmt.Fprintf(&b, "%s?: null | {\n", class.Section())
		for _, e := range s.entries(class) {
			val := "_"
			if c, ok := s.Index[e.key]; ok {
				val = "null | " + c.Def
			}
			doc := s.describe(e)
			fmt.Fprintf(&b, "// %s\n%s?: %s\n", doc, cueLabel(e.typ), val)
			fmt.Fprintf(&b, "// %s\n[=~%q]: %s\n", doc, "^"+regexp.QuoteMeta(e.typ)+"(/.+)?$", val)
		}
		b.WriteString("}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// describe is the one-line description of a component type.
func (s Source) describe(e entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.comp.Type, e.comp.Class)
	if e.typ != e.comp.Type {
		fmt.Fprintf(&b, " (%q is a deprecated alias; use %q)", e.typ, e.comp.Type)
	}
	if st := StabilityText(e.comp); st != "" {
		b.WriteString("; stability " + st)
	}
	if e.comp.Module != "" {
		fmt.Fprintf(&b, "; %s@%s", e.comp.Module, e.comp.Version)
	}
	if _, ok := s.Index[e.key]; !ok {
		b.WriteString("; settings are not checked")
		if r := s.Unchecked[e.key]; r != "" {
			b.WriteString(": " + r)
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// StabilityText renders a component's stability per signal, sorted:
// "logs:beta metrics:beta traces:stable".
func StabilityText(c *catalog.Component) string {
	var parts []string
	for sig, lvl := range c.Stability {
		parts = append(parts, sig+":"+lvl)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

var reIdent = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

func cueLabel(s string) string {
	if reIdent.MatchString(s) {
		return s
	}
	return fmt.Sprintf("%q", s)
}

// compile compiles the CUE export and returns #Config.
func (s Source) compile() (cue.Value, error) {
	src, err := s.CUE()
	if err != nil {
		return cue.Value{}, err
	}
	v := cuecontext.New().CompileBytes(src, cue.Filename("otelcfg.cue"))
	if err := v.Err(); err != nil {
		return cue.Value{}, fmt.Errorf("compiling the schema: %w", err)
	}
	return v, nil
}

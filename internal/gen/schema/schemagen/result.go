package schemagen

import (
	"fmt"
	"go/format"
	"sort"
	"strings"
)

// TypesCUE is shared/types.cue: the custom Go types of the collector's
// config decoding.
const TypesCUE = Header + `
// Custom types of the collector's config decoding (confmap + mapstructure).

package schema

// #Duration is a time.Duration: a Go duration string ("5s", "1m30s",
// "100ms", "0") or a number of nanoseconds (mapstructure truncates a float).
#Duration: =~"^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$" | number

// #ComponentID is a component.ID ("type" or "type/name"); the runtime checks
// what it refers to.
#ComponentID: string

// #Opaque is a configopaque.String: a string printed as [REDACTED].
#Opaque: string
`

// result renders the files of the last emit pass: the shared files, one
// file per checked component with its index entry, and the index. With only
// set, components outside it are neither written nor listed as unchecked.
func (g *gen) result(comps []*comp, shared map[pkgKey]*emitted, only map[string]bool) (*Result, error) {
	res := &Result{Files: map[string][]byte{}, Components: map[string]Entry{}, Unchecked: map[string]string{}, Modules: map[string]string{}}
	res.Release = g.opt.Catalog.Release
	res.Files[typesFile] = []byte(TypesCUE)
	sharedDeps, err := g.sharedFiles(res, shared)
	if err != nil {
		return nil, err
	}
	for _, c := range comps {
		if len(only) > 0 && !only[c.key] && c.reason == "" {
			continue
		}
		if c.reason == "" && c.emitted != nil {
			switch {
			case c.emitted.fatal != "":
				c.reason = c.emitted.fatal
			case c.emitted.defs[c.emitted.order[0]] == "_":
				c.reason = "unsupported construct at the top of the upstream schema"
			}
		}
		if c.reason != "" {
			if len(only) == 0 || only[c.key] {
				res.Unchecked[c.key] = c.reason
			}
			continue
		}
		if err := g.componentFile(res, c, sharedDeps); err != nil {
			return nil, err
		}
	}
	idx, err := renderIndex(res)
	if err != nil {
		return nil, err
	}
	res.Index = idx
	return res, nil
}

// moduleSum is the h1: hash of the zip k was read from, for a Source line;
// it records the module in res.Modules, so Modules lists what the files cite.
func (g *gen) moduleSum(res *Result, k pkgKey) string {
	mi := g.mods[k.Module+"@"+k.Version]
	if mi == nil {
		return ""
	}
	res.Modules[k.Module+"@"+k.Version] = mi.d.Sum
	return mi.d.Sum
}

// sharedFiles renders one file per shared package that has a schema and
// returns each file's direct dependencies on other shared files, from
// which componentFile computes a component's transitive ones.
func (g *gen) sharedFiles(res *Result, shared map[pkgKey]*emitted) (map[string][]string, error) {
	sharedDeps := map[string][]string{}
	for k, out := range shared {
		if out == nil {
			continue
		}
		pf := g.loadPkg(k)
		if pf.node == nil {
			continue
		}
		file := "shared/" + sharedName(k.Pkg) + ".cue"
		source := fmt.Sprintf("Source: %s, config.schema.yaml of module %s@%s %s", k.Pkg, k.Module, k.Version, g.moduleSum(res, k))
		if pf.handKept != "" {
			source = fmt.Sprintf("Source: %s, hand-kept schema internal/gen/schema/%s (module %s@%s %s has no config.schema.yaml for it)", k.Pkg, pf.handKept, k.Module, k.Version, g.moduleSum(res, k))
		}
		src, err := render(out, []string{source})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		res.Files[file] = src
		for d := range out.deps {
			if d != file {
				sharedDeps[file] = append(sharedDeps[file], d)
			}
		}
	}
	return sharedDeps, nil
}

// componentFile renders the file of one checked component and adds its
// index entry.
func (g *gen) componentFile(res *Result, c *comp, sharedDeps map[string][]string) error {
	out := c.emitted
	file := "components/" + c.key + ".cue"
	schemaFile := strings.TrimPrefix(strings.TrimPrefix(out.src.Pkg, c.c.Module), "/")
	if schemaFile != "" {
		schemaFile += "/"
	}
	src, err := render(out, []string{
		fmt.Sprintf("Source: %s@%s %s, %sconfig.schema.yaml", c.c.Module, c.c.Version, g.moduleSum(res, out.src), schemaFile),
	})
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	res.Files[file] = src
	deps := depsOf(out.deps, sharedDeps)
	if g.opt.Overlays[c.key] {
		deps = append(deps, OverlayFile(c.key))
	}
	res.Components[c.key] = Entry{File: file, Def: out.order[0], Deps: deps, Module: c.c.Module, Version: c.c.Version}
	return nil
}

// depsOf lists the shared files that direct needs, transitively, in the
// order the index gives them: types.cue first, then by name, so the index
// is stable.
func depsOf(direct map[string]bool, sharedDeps map[string][]string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(f string) {
		if seen[f] {
			return
		}
		seen[f] = true
		for _, d := range sharedDeps[f] {
			walk(d)
		}
	}
	for d := range direct {
		walk(d)
	}
	var deps []string
	for d := range seen {
		if d != typesFile {
			deps = append(deps, d)
		}
	}
	sort.Strings(deps)
	if seen[typesFile] {
		deps = append([]string{typesFile}, deps...)
	}
	return deps
}

func renderIndex(res *Result) ([]byte, error) {
	var b strings.Builder
	b.WriteString(Header + "\n\npackage schema\n\n")
	fmt.Fprintf(&b, "// Release is the collector release the definitions describe.\nconst Release = %q\n\n", res.Release)
	b.WriteString(`// Component locates the CUE definition of one component type. Concatenate
// Deps (in order) and File into one source to compile Def.
type Component struct {
	File, Def       string
	Deps            []string
	Module, Version string
}

// Components maps "class/type" (the current type; resolve aliases through
// the catalog) to its definition. A component that is not here has no
// schema: its keys are not checked.
var Components = map[string]Component{
`)
	var keys []string
	for k := range res.Components {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := res.Components[k]
		var deps []string
		for _, d := range e.Deps {
			deps = append(deps, fmt.Sprintf("%q", d))
		}
		fmt.Fprintf(&b, "%q: {File: %q, Def: %q, Deps: []string{%s}, Module: %q, Version: %q},\n", k, e.File, e.Def, strings.Join(deps, ", "), e.Module, e.Version)
	}
	b.WriteString("}\n\n// Unchecked lists catalog components without a usable schema, with the reason.\nvar Unchecked = map[string]string{\n")
	keys = keys[:0]
	for k := range res.Unchecked {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%q: %q,\n", k, res.Unchecked[k])
	}
	b.WriteString("}\n")
	return format.Source([]byte(b.String()))
}

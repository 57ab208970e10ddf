package schemacheck

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"cuelang.org/go/cue"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Deprecated returns the settings a component's schema marks deprecated
// (the generator puts @otelcfg(deprecated="...") on properties whose
// upstream description says so), each at its key, with the upstream
// words. Upstream names settings by their Go fields ("use TraceConditions
// instead"); those names are replaced by the YAML keys users write
// (trace_conditions), found beside the deprecated key or in an enclosing
// map. Only keys the user wrote are looked at.
func (c *Checker) Deprecated(key string, settings *config.Node) ([]Violation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.prepare([]string{key}); err != nil {
		return nil, err
	}
	def, ok := c.compiled[key]
	if !ok || settings.IsNull() {
		return nil, nil
	}
	var out []Violation
	d := deprecation{goNames: c.goNames(key), out: &out}
	d.walk([]scope{{schema: def}}, settings, nil)
	return out, nil
}

// scope is a map of the settings the walk is in: its schema and path.
type scope struct {
	schema cue.Value
	path   []string
}

type deprecation struct {
	goNames map[string][]string // Go field name -> YAML keys (from doc comments)
	out     *[]Violation
}

// walk visits n, whose schema is the innermost of scopes.
func (d deprecation) walk(scopes []scope, n *config.Node, path []string) {
	schema := scopes[len(scopes)-1].schema
	switch n.Kind {
	case config.MapNode:
		for _, e := range n.Entries {
			field := schemaAt(schema, []string{e.Key})
			if !field.Exists() {
				continue // unknown: invalid-setting says so
			}
			p := append(path[:len(path):len(path)], e.Key)
			if a := field.Attribute("otelcfg"); a.Err() == nil {
				if msg, ok, _ := a.Lookup(0, "deprecated"); ok {
					*d.out = append(*d.out, Violation{Pos: e.KeyPos, Path: yamlPath(p), Message: d.yamlNames(msg, scopes)})
				}
			}
			d.walk(append(scopes[:len(scopes):len(scopes)], scope{field, p}), e.Value, p)
		}
	case config.SeqNode:
		item := schema.LookupPath(cue.MakePath(cue.AnyIndex))
		if !item.Exists() {
			return
		}
		for i, it := range n.Items {
			p := append(path[:len(path):len(path)], strconv.Itoa(i))
			d.walk(append(scopes[:len(scopes)-1:len(scopes)-1], scope{item, p}), it, p)
		}
	}
}

// reGoName matches a Go field name in upstream prose: CamelCase with two
// capitals or more (TraceConditions, K8SAPIConfig), or a dotted selector
// of them (ClientConfig.TLS). Plain capitalised words (Use, Please) are not.
var reGoName = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*\b|\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+\b`)

// yamlNames replaces the Go field names in msg by the YAML keys they
// decode from, looked up beside the deprecated key first, then in each
// enclosing map; a name found nowhere is left as upstream wrote it.
func (d deprecation) yamlNames(msg string, scopes []scope) string {
	return reGoName.ReplaceAllStringFunc(msg, func(tok string) string {
		segs := strings.Split(tok, ".")
		last := segs[len(segs)-1] // embedded (squashed) structs have no key of their own
		for i := len(scopes) - 1; i >= 0; i-- {
			if k := d.keyFor(last, fieldNames(scopes[i].schema)); k != "" {
				if i == len(scopes)-1 {
					return k // a sibling: its name alone
				}
				return yamlPath(append(append([]string(nil), scopes[i].path...), k))
			}
		}
		return tok
	})
}

// keyFor finds the key among keys that Go field name decodes from: the key
// whose doc comment starts with the name, or the key spelling the name in
// snake_case (TraceConditions is trace_conditions).
func (d deprecation) keyFor(goName string, keys []string) string {
	for _, k := range d.goNames[goName] {
		for _, have := range keys {
			if have == k {
				return k
			}
		}
	}
	norm := strings.ToLower(goName)
	for _, k := range keys {
		if strings.ReplaceAll(k, "_", "") == norm {
			return k
		}
	}
	return ""
}

// reDocField pairs a field's doc comment with the field: the generator
// writes upstream's description, which starts with the Go field name
// ("K8SAPIConfig contains ..."), on the line(s) above `key?: ...`.
var (
	reDocStart = regexp.MustCompile(`^\s*// ([A-Z][A-Za-z0-9]*)\b`)
	reField    = regexp.MustCompile(`^\s*"?([A-Za-z0-9_.\-]+)"?[?!]?:`)
)

// goNames maps Go field names to YAML keys from the doc comments of the
// component's schema files (compiling drops comments, so they are read
// from the source, once per component and only when a deprecation needs
// them).
func (c *Checker) goNames(key string) map[string][]string {
	if m, ok := c.docNames[key]; ok {
		return m
	}
	m := map[string][]string{}
	e := c.set.Components[key]
	for _, f := range append(append([]string(nil), e.Deps...), e.File) {
		data, err := fs.ReadFile(c.set.FS, f)
		if err != nil {
			continue // Prepare has read it already; nothing to add here
		}
		pending := ""
		for _, line := range strings.Split(string(data), "\n") {
			t := strings.TrimSpace(line)
			if strings.HasPrefix(t, "//") {
				if m := reDocStart.FindStringSubmatch(line); m != nil && pending == "" {
					pending = m[1]
				}
				continue
			}
			if fm := reField.FindStringSubmatch(line); fm != nil && pending != "" {
				m[pending] = append(m[pending], fm[1])
			}
			pending = ""
		}
	}
	c.docNames[key] = m
	return m
}

package agreegen

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// Component is one compiled-in component, as the generator needs it.
type Component struct {
	Class   catalog.Class
	Type    string
	Aliases []string // deprecated type names the factory accepts
	Module  string
	Version string
	Dir     string // module root in the module cache
	// Keys are the top-level keys of the factory's default config (as
	// confmap marshals it); they tell a flat component config from a file
	// of named ones.
	Keys map[string]bool
	// Signals the component supports (receivers, processors, exporters) or
	// signal pairs "from_to_to" (connectors), from the catalog.
	Stability map[string]string
}

// Entry is one component config found in a testdata file.
type Entry struct {
	FileKey string     // the key in the file ("" when the file is one flat config)
	ID      string     // the component ID used in the wrapped config
	Value   *yaml.Node // the settings (a mapping, or null)
}

var sections = map[string]bool{"receivers": true, "processors": true, "exporters": true, "connectors": true, "extensions": true, "service": true}

// Extract finds the configs of comp in one testdata file. The shapes
// upstream tests use, tried in order: a full collector config (entries of
// comp's section with comp's type); a map keyed by component IDs of comp's
// type; one flat config (every top-level key is a key of the default
// config); a map of named configs (each value a mapping, read by the test
// with cm.Sub(name)); else the whole file as one flat config.
func Extract(comp Component, data []byte) ([]Entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(doc.Content) == 0 {
		return []Entry{{ID: comp.Type, Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}}}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return []Entry{{ID: comp.Type, Value: root}}, nil
	}
	if hasKey(root, sections) {
		sec := lookup(root, comp.Class.Section())
		if sec == nil || sec.Kind != yaml.MappingNode {
			return nil, nil
		}
		return idEntries(comp, sec), nil
	}
	if e := idEntries(comp, root); len(e) > 0 {
		return e, nil
	}
	if allKeysIn(root, comp.Keys) {
		return []Entry{{ID: comp.Type, Value: root}}, nil
	}
	if allValuesMaps(root) {
		var out []Entry
		for i := 0; i+1 < len(root.Content); i += 2 {
			k := root.Content[i].Value
			out = append(out, Entry{FileKey: k, ID: comp.Type + "/" + k, Value: root.Content[i+1]})
		}
		return out, nil
	}
	return []Entry{{ID: comp.Type, Value: root}}, nil
}

// idEntries returns the entries of m whose key is a component ID of comp's
// type or one of its aliases.
func idEntries(comp Component, m *yaml.Node) []Entry {
	var out []Entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		typ, _, _ := strings.Cut(k, "/")
		if typ == comp.Type || contains(comp.Aliases, typ) {
			out = append(out, Entry{FileKey: k, ID: k, Value: m.Content[i+1]})
		}
	}
	return out
}

func hasKey(m *yaml.Node, keys map[string]bool) bool {
	for i := 0; i < len(m.Content); i += 2 {
		if keys[m.Content[i].Value] {
			return true
		}
	}
	return false
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func allKeysIn(m *yaml.Node, keys map[string]bool) bool {
	if len(m.Content) == 0 {
		return true
	}
	for i := 0; i < len(m.Content); i += 2 {
		if !keys[m.Content[i].Value] {
			return false
		}
	}
	return true
}

func allValuesMaps(m *yaml.Node) bool {
	for i := 1; i < len(m.Content); i += 2 {
		v := m.Content[i]
		if v.Kind != yaml.MappingNode && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
			return false
		}
	}
	return len(m.Content) > 0
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

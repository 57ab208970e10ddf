package schemacheck

import (
	"strconv"

	"cuelang.org/go/cue"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Deprecated returns the settings a component's schema marks deprecated
// (the generator puts @otelcfg(deprecated="...") on properties whose
// upstream description says so), each at its key, with the upstream
// words. Only keys the user wrote are looked at.
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
	deprecatedIn(def, settings, nil, &out)
	return out, nil
}

func deprecatedIn(schema cue.Value, n *config.Node, path []string, out *[]Violation) {
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
					*out = append(*out, Violation{Pos: e.KeyPos, Path: yamlPath(p), Message: msg})
				}
			}
			deprecatedIn(field, e.Value, p, out)
		}
	case config.SeqNode:
		item := schema.LookupPath(cue.MakePath(cue.AnyIndex))
		if !item.Exists() {
			return
		}
		for i, it := range n.Items {
			deprecatedIn(item, it, append(path[:len(path):len(path)], strconv.Itoa(i)), out)
		}
	}
}

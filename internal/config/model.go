package config

import (
	"fmt"
	"strings"
)

// Sections are the component sections of a collector config, in the order
// the collector documents them.
var Sections = []string{"receivers", "processors", "exporters", "connectors", "extensions"}

// Signals are the pipeline signal types.
var Signals = []string{"traces", "metrics", "logs", "profiles"}

// Component is one component definition (a key under receivers:, ...).
type Component struct {
	Section string // "receivers", ...
	ID      string // "otlp/trace"
	Type    string // "otlp"
	Name    string // "trace"
	KeyPos  Pos
	Path    string // "receivers.otlp/trace"
	Node    *Node  // its settings (may be null)
	Origin  string // non-empty for chart defaults and presets
}

// Ref is a reference to a component ID in a list (pipelines, service.extensions).
type Ref struct {
	ID   string
	Pos  Pos
	Path string
}

// Pipeline is one entry of service.pipelines.
type Pipeline struct {
	ID         string // "traces/b"
	Signal     string // "traces"
	Name       string // "b"
	KeyPos     Pos
	Path       string
	Receivers  []Ref
	Processors []Ref
	Exporters  []Ref
	Node       *Node
	Origin     string
}

// Collector is the parsed shape of a collector config: what is defined and
// what the service wires together. Structure errors (a list where a map is
// expected) are kept in Problems for the invalid-structure rule.
type Collector struct {
	Root       *Node
	Components map[string][]*Component // by section, in file order
	Pipelines  []*Pipeline
	Extensions []Ref // service.extensions
	Problems   []Problem

	byID map[string]*Component // "section/id" → first definition
}

// Defined returns the component with id in section, or nil. Rules call it
// for every pipeline reference, so it is a map lookup.
func (c *Collector) Defined(section, id string) *Component {
	return c.byID[section+"/"+id]
}

// SplitID splits "type/name" into type and name (name may be empty).
func SplitID(id string) (typ, name string, hasSlash bool) {
	typ, name, hasSlash = strings.Cut(id, "/")
	return typ, name, hasSlash
}

// BuildCollector reads root (a collector config) into a Collector. It never
// fails: shapes it cannot read are recorded as problems and skipped.
func BuildCollector(root *Node, basePath string) *Collector {
	c := &Collector{Root: root, Components: map[string][]*Component{}, byID: map[string]*Component{}}
	if root == nil || root.Kind != MapNode {
		return c
	}
	for _, sec := range Sections {
		e := root.Entry(sec)
		if e == nil || e.Value.IsNull() {
			continue
		}
		if !c.expectMap(e.Value, JoinPath(basePath, sec)) {
			continue
		}
		for _, ce := range e.Value.Entries {
			typ, name, _ := SplitID(ce.Key)
			comp := &Component{
				Section: sec, ID: ce.Key, Type: typ, Name: name, KeyPos: ce.KeyPos,
				Path: JoinPath(basePath, sec+"."+ce.Key), Node: ce.Value, Origin: ce.Value.Origin,
			}
			c.Components[sec] = append(c.Components[sec], comp)
			if c.byID[sec+"/"+ce.Key] == nil {
				c.byID[sec+"/"+ce.Key] = comp
			}
		}
	}
	svc := root.Get("service")
	svcPath := JoinPath(basePath, "service")
	if svc.IsNull() || !c.expectMap(svc, svcPath) {
		return c
	}
	c.Extensions = c.refList(svc.Get("extensions"), svcPath+".extensions")
	pipes := svc.Get("pipelines")
	if pipes.IsNull() || !c.expectMap(pipes, svcPath+".pipelines") {
		return c
	}
	for _, pe := range pipes.Entries {
		// The collector trims both parts of a pipeline ID.
		sig, name, _ := SplitID(pe.Key)
		sig, name = strings.TrimSpace(sig), strings.TrimSpace(name)
		p := &Pipeline{ID: pe.Key, Signal: sig, Name: name, KeyPos: pe.KeyPos,
			Path: svcPath + ".pipelines." + pe.Key, Node: pe.Value, Origin: pe.Value.Origin}
		if !pe.Value.IsNull() && c.expectMap(pe.Value, p.Path) {
			p.Receivers = c.refList(pe.Value.Get("receivers"), p.Path+".receivers")
			p.Processors = c.refList(pe.Value.Get("processors"), p.Path+".processors")
			p.Exporters = c.refList(pe.Value.Get("exporters"), p.Path+".exporters")
		}
		c.Pipelines = append(c.Pipelines, p)
	}
	return c
}

func (c *Collector) expectMap(n *Node, path string) bool {
	if n.Kind == MapNode {
		return true
	}
	c.Problems = append(c.Problems, Problem{Code: CodeInvalidStructure, Pos: n.Pos, Path: path,
		Message: fmt.Sprintf("%s must be a map of settings, got a %s", lastKey(path), describe(n))})
	return false
}

func (c *Collector) refList(n *Node, path string) []Ref {
	if n.IsNull() {
		return nil
	}
	if n.Kind != SeqNode {
		msg := fmt.Sprintf("%s must be a list of component IDs, got a %s", lastKey(path), describe(n))
		if n.Kind == ScalarNode { // a map has no one-item fix to suggest
			msg += fmt.Sprintf("; write [%s]", n.Value)
		}
		c.Problems = append(c.Problems, Problem{Code: CodeInvalidStructure, Pos: n.Pos, Path: path, Message: msg})
		return nil
	}
	refs := make([]Ref, 0, len(n.Items))
	for i, it := range n.Items {
		p := IndexPath(path, i)
		if it.Kind != ScalarNode {
			c.Problems = append(c.Problems, Problem{Code: CodeInvalidStructure, Pos: it.Pos, Path: p,
				Message: fmt.Sprintf("entries of %s must be component IDs, got a %s", lastKey(path), describe(it))})
			continue
		}
		refs = append(refs, Ref{ID: it.Value, Pos: it.Pos, Path: p})
	}
	return refs
}

func lastKey(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[i+1:]
	}
	return path
}

func describe(n *Node) string {
	if n.Kind == ScalarNode {
		return fmt.Sprintf("%s %q", strings.TrimPrefix(n.Tag, "!!"), n.Value)
	}
	return n.Kind.String()
}

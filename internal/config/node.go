// Package config loads collector configurations from every place they live
// (plain files, Helm values, operator CRs, ConfigMaps) into one positioned
// tree, so that checks can report file:line:column in the user's own file.
package config

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Pos is a position in an input file. Line and Col are 1-based; a zero Line
// means "no position in the user's file" (e.g. a chart default).
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// IsValid reports whether p points at a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// NodeKind is the shape of a Node.
type NodeKind uint8

const (
	NullNode NodeKind = iota
	ScalarNode
	MapNode
	SeqNode
)

func (k NodeKind) String() string {
	switch k {
	case NullNode:
		return "null"
	case ScalarNode:
		return "scalar"
	case MapNode:
		return "map"
	case SeqNode:
		return "list"
	}
	return fmt.Sprintf("NodeKind(%d)", uint8(k))
}

// Node is one value of a configuration tree. Unlike yaml.Node it carries the
// file in its position, because a merged configuration mixes nodes from
// several files (several --config sources, Helm values over chart defaults).
type Node struct {
	Kind NodeKind
	// Tag is the resolved YAML tag of a scalar: "!!str", "!!int", "!!float",
	// "!!bool", "!!null", "!!timestamp", "!!binary".
	Tag   string
	Value string // scalar text (after env expansion when requested)

	Entries []*Entry // MapNode, in file order
	Items   []*Node  // SeqNode

	Pos Pos
	// Literal is set for block scalars (`|`), whose text maps line by line
	// to the file; embedded configs (v1alpha1 CRs, ConfigMaps) use it to keep
	// exact positions.
	Literal bool
	// Origin says where a node that is not from the user's file came from,
	// e.g. "chart default" or "preset kubernetesAttributes"; empty for user nodes.
	Origin string
}

// Entry is one key/value pair of a map.
type Entry struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value stored under key in a map node, or nil.
func (n *Node) Get(key string) *Node {
	if e := n.Entry(key); e != nil {
		return e.Value
	}
	return nil
}

// Entry returns the entry stored under key in a map node, or nil.
func (n *Node) Entry(key string) *Entry {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	for _, e := range n.Entries {
		if e.Key == key {
			return e
		}
	}
	return nil
}

// Set replaces or appends the entry for key in a map node.
func (n *Node) Set(key string, keyPos Pos, v *Node) {
	for _, e := range n.Entries {
		if e.Key == key {
			e.Value = v
			return
		}
	}
	n.Entries = append(n.Entries, &Entry{Key: key, KeyPos: keyPos, Value: v})
}

// Delete removes the entry for key from a map node.
func (n *Node) Delete(key string) {
	if n == nil || n.Kind != MapNode {
		return
	}
	for i, e := range n.Entries {
		if e.Key == key {
			n.Entries = append(n.Entries[:i:i], n.Entries[i+1:]...)
			return
		}
	}
}

// IsNull reports whether n is absent or an explicit null. The collector
// treats `key:` (null) like an empty map.
func (n *Node) IsNull() bool { return n == nil || n.Kind == NullNode }

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Entries != nil {
		c.Entries = make([]*Entry, len(n.Entries))
		for i, e := range n.Entries {
			ce := *e
			ce.Value = e.Value.Clone()
			c.Entries[i] = &ce
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = it.Clone()
		}
	}
	return &c
}

// SetOrigin marks n and all its descendants as coming from origin, placed at pos.
func (n *Node) SetOrigin(origin string, pos Pos) {
	if n == nil {
		return
	}
	n.Origin, n.Pos = origin, pos
	for _, e := range n.Entries {
		e.KeyPos = pos
		e.Value.SetOrigin(origin, pos)
	}
	for _, it := range n.Items {
		it.SetOrigin(origin, pos)
	}
}

// NewMap returns an empty map node at pos.
func NewMap(pos Pos) *Node { return &Node{Kind: MapNode, Pos: pos} }

// NewString returns a string scalar at pos.
func NewString(s string, pos Pos) *Node {
	return &Node{Kind: ScalarNode, Tag: "!!str", Value: s, Pos: pos}
}

// Merge deep-merges src into dst the way the collector merges several
// --config sources: maps merge key by key, any other value (lists and an
// explicit null included) from src replaces the one in dst. dst is modified
// and returned; src nodes are shared, not copied. (The Helm chart coalesces
// differently: see package chart.)
func Merge(dst, src *Node) *Node {
	if dst == nil || dst.Kind != MapNode || src == nil || src.Kind != MapNode {
		if src == nil {
			return dst
		}
		return src
	}
	for _, se := range src.Entries {
		de := dst.Entry(se.Key)
		if de == nil {
			dst.Entries = append(dst.Entries, &Entry{Key: se.Key, KeyPos: se.KeyPos, Value: se.Value})
			continue
		}
		de.KeyPos = se.KeyPos
		de.Value = Merge(de.Value, se.Value)
	}
	return dst
}

// Plain converts n to plain Go values (map[string]any, []any, and scalars
// decoded by their YAML tag: int, float64, bool, string, nil), as confmap
// and comparisons expect. A scalar that does not decode stays a string.
func (n *Node) Plain() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case MapNode:
		m := make(map[string]any, len(n.Entries))
		for _, e := range n.Entries {
			m[e.Key] = e.Value.Plain()
		}
		return m
	case SeqNode:
		s := make([]any, len(n.Items))
		for i, it := range n.Items {
			s[i] = it.Plain()
		}
		return s
	case NullNode:
		return nil
	}
	if n.Tag == "" || n.Tag == "!!str" {
		return n.Value
	}
	var v any
	if err := (&yaml.Node{Kind: yaml.ScalarNode, Tag: n.Tag, Value: n.Value}).Decode(&v); err != nil {
		return n.Value
	}
	return v
}

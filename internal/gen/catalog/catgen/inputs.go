// Package catgen is the core of the catalog generator: it reads the contrib
// distribution's manifests, downloads each component module, parses its
// metadata.yaml and turns the result into Component values and Go
// source. The command in the parent directory only wires flags to it.
package catgen

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Module is one component module the distribution lists.
type Module struct {
	Class   Class // from the builder-config section it is listed in
	Path    string
	Version string
}

// ID returns "path@version".
func (m Module) ID() string { return m.Path + "@" + m.Version }

// builder-config.yaml sections that hold components, by class.
var builderSections = map[string]Class{
	"receivers":  Receiver,
	"processors": Processor,
	"exporters":  Exporter,
	"connectors": Connector,
	"extensions": Extension,
}

// ParseBuilderConfig returns the component modules an OpenTelemetry Collector
// Builder manifest lists, in manifest order. Providers and other non-component
// sections are ignored.
func ParseBuilderConfig(data []byte) ([]Module, error) {
	var doc map[string]yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("builder config: %w", err)
	}
	sections := make([]string, 0, len(builderSections))
	for s := range builderSections {
		sections = append(sections, s)
	}
	sort.Strings(sections)
	var mods []Module
	for _, s := range sections {
		node, ok := doc[s]
		if !ok {
			continue
		}
		var entries []struct {
			GoMod string `yaml:"gomod"`
		}
		if err := node.Decode(&entries); err != nil {
			return nil, fmt.Errorf("builder config: %s: %w", s, err)
		}
		for i, e := range entries {
			f := strings.Fields(e.GoMod)
			if len(f) != 2 {
				return nil, fmt.Errorf("builder config: %s[%d]: gomod %q is not \"module version\"", s, i, e.GoMod)
			}
			mods = append(mods, Module{Class: builderSections[s], Path: f[0], Version: f[1]})
		}
	}
	return mods, nil
}

// Checklist maps a class to the component types a distribution report names.
type Checklist map[Class][]string

// ParseChecklist reads a distribution report such as
// reports/distributions/contrib.yaml. Non-component kinds (provider, scraper)
// are dropped.
func ParseChecklist(data []byte) (Checklist, error) {
	var doc struct {
		Components map[string][]string `yaml:"components"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("distribution report: %w", err)
	}
	out := Checklist{}
	for _, c := range Classes {
		if ts, ok := doc.Components[string(c)]; ok {
			ts = append([]string(nil), ts...)
			sort.Strings(ts)
			out[c] = ts
		}
	}
	return out, nil
}

// Metadata is the part of a component's metadata.yaml the catalog uses.
type Metadata struct {
	Type            string
	DeprecatedTypes []string
	Class           Class
	Stability       map[string]string // signal (or connector pair, or "extension") -> level
	Distributions   []string
}

type rawMetadata struct {
	Type           string    `yaml:"type"`
	DeprecatedType yaml.Node `yaml:"deprecated_type"`
	Status         struct {
		Class         string              `yaml:"class"`
		Stability     map[string][]string `yaml:"stability"`
		Distributions []string            `yaml:"distributions"`
	} `yaml:"status"`
}

// ParseMetadata parses a component's metadata.yaml. The deprecated alias is
// read from the top-level deprecated_type field (a string; a list is accepted
// too).
func ParseMetadata(data []byte) (Metadata, error) {
	var raw rawMetadata
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return Metadata{}, fmt.Errorf("metadata.yaml: %w", err)
	}
	if raw.Type == "" {
		return Metadata{}, fmt.Errorf("metadata.yaml: no type")
	}
	class, err := parseClass(raw.Status.Class)
	if err != nil {
		return Metadata{}, fmt.Errorf("metadata.yaml: type %s: %w", raw.Type, err)
	}
	aliases, err := stringOrList(&raw.DeprecatedType)
	if err != nil {
		return Metadata{}, fmt.Errorf("metadata.yaml: type %s: deprecated_type: %w", raw.Type, err)
	}
	stab, err := invertStability(raw.Status.Stability)
	if err != nil {
		return Metadata{}, fmt.Errorf("metadata.yaml: type %s: %w", raw.Type, err)
	}
	return Metadata{
		Type:            raw.Type,
		DeprecatedTypes: aliases,
		Class:           class,
		Stability:       stab,
		Distributions:   sortedCopy(raw.Status.Distributions),
	}, nil
}

// Component turns metadata into a catalog entry for module.
func (m Metadata) Component(mod Module, source, upstream string) Component {
	return Component{
		Class:           m.Class,
		Type:            m.Type,
		DeprecatedTypes: m.DeprecatedTypes,
		Stability:       m.Stability,
		Distributions:   m.Distributions,
		Module:          mod.Path,
		Version:         mod.Version,
		Source:          source,
		Upstream:        upstream,
	}
}

func parseClass(s string) (Class, error) {
	for _, c := range Classes {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown status.class %q", s)
}

var levels = map[string]bool{
	"development": true, "alpha": true, "beta": true, "stable": true,
	"deprecated": true, "unmaintained": true,
}

// invertStability turns {level: [signals]} into {signal: level}.
func invertStability(in map[string][]string) (map[string]string, error) {
	if len(in) == 0 {
		return nil, fmt.Errorf("status.stability is empty")
	}
	out := map[string]string{}
	for level, signals := range in {
		if !levels[level] {
			return nil, fmt.Errorf("unknown stability level %q", level)
		}
		for _, s := range signals {
			if prev, dup := out[s]; dup && prev != level {
				return nil, fmt.Errorf("signal %q listed as both %s and %s", s, prev, level)
			}
			out[s] = level
		}
	}
	return out, nil
}

func stringOrList(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case 0:
		return nil, nil
	case yaml.ScalarNode:
		if n.Value == "" {
			return nil, nil
		}
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			return nil, err
		}
		return sortedCopy(l), nil
	}
	return nil, fmt.Errorf("want a string or a list, line %d", n.Line)
}

func sortedCopy(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	l = append([]string(nil), l...)
	sort.Strings(l)
	return l
}

// TableEntry is one row of the hand-kept offline table: the facts of a
// component whose module the proxy refuses, read from upstream.
type TableEntry struct {
	Module          string   `yaml:"module"`
	Class           string   `yaml:"class"`
	Type            string   `yaml:"type"`
	DeprecatedTypes []string `yaml:"deprecated_types,omitempty"`
	// Stability is {level: [signals]} as in metadata.yaml, or the string
	// "unknown-signals" when the metadata was not read.
	Stability     yaml.Node `yaml:"stability"`
	Distributions []string  `yaml:"distributions,omitempty"`
	// Commit is the upstream commit whose metadata.yaml the row was read from.
	Commit string `yaml:"commit,omitempty"`
	Note   string `yaml:"note,omitempty"`
}

// UnknownSignals is the Stability value of a table row whose signals were not
// read.
const UnknownSignals = "unknown-signals"

// ParseTable reads the offline table.
func ParseTable(data []byte) ([]TableEntry, error) {
	var doc struct {
		Components []TableEntry `yaml:"components"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("offline table: %w", err)
	}
	seen := map[string]bool{}
	for i, e := range doc.Components {
		if e.Module == "" || e.Type == "" {
			return nil, fmt.Errorf("offline table: row %d: module and type are required", i+1)
		}
		if seen[e.Module] {
			return nil, fmt.Errorf("offline table: %s listed twice", e.Module)
		}
		seen[e.Module] = true
		if _, err := e.component(Module{Path: e.Module}); err != nil {
			return nil, err
		}
	}
	return doc.Components, nil
}

// component converts a row for mod (whose version is the distribution's).
func (e TableEntry) component(mod Module) (Component, error) {
	class, err := parseClass(e.Class)
	if err != nil {
		return Component{}, fmt.Errorf("offline table: %s: %w", e.Module, err)
	}
	c := Component{
		Class:           class,
		Type:            e.Type,
		DeprecatedTypes: sortedCopy(e.DeprecatedTypes),
		Distributions:   sortedCopy(e.Distributions),
		Module:          e.Module,
		Version:         mod.Version,
		Source:          SourceTable,
		Upstream:        e.Commit,
	}
	if e.Stability.Kind == yaml.ScalarNode && e.Stability.Value == UnknownSignals {
		c.Source = SourceChecklist
		return c, nil
	}
	var raw map[string][]string
	if err := e.Stability.Decode(&raw); err != nil {
		return Component{}, fmt.Errorf("offline table: %s: stability: %w", e.Module, err)
	}
	if c.Stability, err = invertStability(raw); err != nil {
		return Component{}, fmt.Errorf("offline table: %s: %w", e.Module, err)
	}
	if e.Commit == "" {
		return Component{}, fmt.Errorf("offline table: %s: a row with stability needs the commit it was read from", e.Module)
	}
	return c, nil
}

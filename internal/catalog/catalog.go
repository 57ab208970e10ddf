// Package catalog is a typed view of the collector components otelcfg knows:
// their class, type, deprecated aliases and stability per signal, generated
// from upstream metadata.yaml files of a pinned collector release.
package catalog

import "sort"

// Class is the kind of a component, as used for top-level config sections.
type Class string

const (
	Receiver  Class = "receiver"
	Processor Class = "processor"
	Exporter  Class = "exporter"
	Extension Class = "extension"
	Connector Class = "connector"
)

// Section returns the config section that holds components of class c ("receivers").
func (c Class) Section() string { return string(c) + "s" }

// Classes lists the component classes in config order.
var Classes = []Class{Receiver, Processor, Exporter, Connector, Extension}

// Component describes one component type.
type Component struct {
	Class           Class
	Type            string
	DeprecatedTypes []string // aliases the collector still accepts
	// Stability by signal ("traces", "metrics", "logs", "profiles") for
	// receivers, processors and exporters; by "<from>_to_<to>" for
	// connectors; by "extension" for extensions.
	Stability     map[string]string
	Distributions []string // e.g. "core", "contrib", "k8s"
	Module        string   // Go module path
	Version       string   // Go module version
	// Source says where the facts come from: SourceMetadata, SourceTable or
	// SourceChecklist.
	Source string
	// Upstream names the upstream commit whose metadata.yaml a table entry
	// was read from; empty for SourceMetadata.
	Upstream string
}

// Supports reports whether a receiver, processor or exporter handles signal.
func (c *Component) Supports(signal string) bool {
	_, ok := c.Stability[signal]
	return ok
}

// SupportsConnection reports whether a connector can take signal from as an
// exporter and emit signal to as a receiver.
func (c *Component) SupportsConnection(from, to string) bool {
	_, ok := c.Stability[from+"_to_"+to]
	return ok
}

// Catalog indexes components by class and type (aliases included).
type Catalog struct {
	Release string // collector release the data was generated from
	byKey   map[key]*Component
	types   map[Class][]string
}

type key struct {
	class Class
	typ   string
}

// New builds a catalog from components.
func New(release string, comps []Component) *Catalog {
	c := &Catalog{Release: release, byKey: make(map[key]*Component, len(comps)*2), types: map[Class][]string{}}
	for i := range comps {
		comp := &comps[i]
		c.byKey[key{comp.Class, comp.Type}] = comp
		c.types[comp.Class] = append(c.types[comp.Class], comp.Type)
		for _, a := range comp.DeprecatedTypes {
			c.byKey[key{comp.Class, a}] = comp
		}
	}
	for _, ts := range c.types {
		sort.Strings(ts)
	}
	return c
}

// Lookup finds a component by class and type. A deprecated alias resolves to
// its component; compare the returned Type with typ to tell.
func (c *Catalog) Lookup(class Class, typ string) (*Component, bool) {
	comp, ok := c.byKey[key{class, typ}]
	return comp, ok
}

// Types returns the sorted current types of class (aliases excluded).
func (c *Catalog) Types(class Class) []string { return c.types[class] }

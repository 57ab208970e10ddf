// Package defaults holds the default settings of every collector component
// compiled into otelcfg's plugin programs, as their factories'
// CreateDefaultConfig() return them, marshaled the way the collector
// marshals a config (confmap). The data is generated (zz_generated.go) by
// internal/gen/defaults, which links the real factories; this package links
// nothing, so that `otelcfg components show` can print upstream defaults
// without collector code in the lint binary.
package defaults

//go:generate go run ../gen/defaults -out zz_generated.go

import "sort"

// Component is the default config of one component type.
type Component struct {
	Class   string // receiver, processor, exporter, connector, extension
	Type    string // the type its factory registers
	Module  string // Go module path
	Version string // Go module version
	// Settings are the leaves of the default config, sorted by path: nested
	// keys joined with "." (protocols.grpc.endpoint), a list as one value.
	Settings []Setting
}

// Setting is one default: its dotted key path and the value as JSON
// (durations as the collector writes them: "200ms").
type Setting struct {
	Path  string
	Value string
}

// Source says where the values come from, for messages.
func (c *Component) Source() string {
	return "CreateDefaultConfig() of " + c.Module + "@" + c.Version
}

// Lookup returns the defaults of the component of class registered as typ
// (its current type, not a deprecated alias); false when it is not compiled
// into the plugin programs.
func Lookup(class, typ string) (*Component, bool) {
	i := sort.Search(len(components), func(i int) bool {
		c := &components[i]
		return c.Class > class || c.Class == class && c.Type >= typ
	})
	if i < len(components) && components[i].Class == class && components[i].Type == typ {
		return &components[i], true
	}
	return nil, false
}

// All returns every component's defaults, sorted by class, then type.
func All() []Component { return components }

// Get returns the default at path, if the component has one there.
func (c *Component) Get(path string) (string, bool) {
	i := sort.Search(len(c.Settings), func(i int) bool { return c.Settings[i].Path >= path })
	if i < len(c.Settings) && c.Settings[i].Path == path {
		return c.Settings[i].Value, true
	}
	return "", false
}

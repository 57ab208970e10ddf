package schemagen

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Node is one node of an upstream config.schema.yaml (the JSON-Schema subset
// that mdatagen's schemagen writes, with its x-* extensions). Decoding is
// strict: a keyword this generator does not know makes the file unusable
// rather than silently ignored.
type Node struct {
	Schema      string           `yaml:"$schema"`
	ID          string           `yaml:"$id"`
	Comment     string           `yaml:"$comment"`
	Title       string           `yaml:"title"`
	Description string           `yaml:"description"`
	Type        string           `yaml:"type"`
	Ref         string           `yaml:"$ref"`
	Properties  map[string]*Node `yaml:"properties"`
	AllOf       []*Node          `yaml:"allOf"`
	Items       *Node            `yaml:"items"`
	// AdditionalProperties is a schema node or a boolean.
	AdditionalProperties *AdditionalProps `yaml:"additionalProperties"`
	Enum                 []any            `yaml:"enum"`
	Const                any              `yaml:"const"`
	Required             []string         `yaml:"required"`
	Default              any              `yaml:"default"`
	Examples             []any            `yaml:"examples"`
	Deprecated           bool             `yaml:"deprecated"`
	Pattern              string           `yaml:"pattern"`
	Format               string           `yaml:"format"`
	Not                  *Node            `yaml:"not"`
	Defs                 map[string]*Node `yaml:"$defs"`
	CustomType           string           `yaml:"x-customType"`
	Pointer              bool             `yaml:"x-pointer"`
	Optional             bool             `yaml:"x-optional"`
}

// ParseSchema decodes a config.schema.yaml file.
func ParseSchema(data []byte) (*Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var n Node
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	return &n, nil
}

// AdditionalProps is additionalProperties: a boolean or a schema.
type AdditionalProps struct {
	Allowed bool
	Schema  *Node
}

// UnmarshalYAML decodes a boolean or (strictly) a schema node.
func (a *AdditionalProps) UnmarshalYAML(value *yaml.Node) error {
	if value.Kind == yaml.ScalarNode && value.Tag == "!!bool" {
		return value.Decode(&a.Allowed)
	}
	data, err := yaml.Marshal(value)
	if err != nil {
		return err
	}
	n, err := ParseSchema(data)
	if err != nil {
		return fmt.Errorf("additionalProperties: %w", err)
	}
	a.Allowed, a.Schema = true, n
	return nil
}

// additional returns the additionalProperties schema: (nil, false) when
// absent or false, (nil, true) for `true`, (node, true) for a schema.
func (n *Node) additional() (*Node, bool, error) {
	if n.AdditionalProperties == nil {
		return nil, false, nil
	}
	return n.AdditionalProperties.Schema, n.AdditionalProperties.Allowed, nil
}

// isObjectLike reports whether n describes a struct: properties, embedded
// schemas, or type object.
func (n *Node) isObjectLike() bool {
	return n.Type == "object" || len(n.Properties) > 0 || len(n.AllOf) > 0
}

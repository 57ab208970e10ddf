package chart

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"gopkg.in/yaml.v3"
)

// parseYAML converts one YAML document to a config.Node tree. It is meant for
// the snippets this package types itself (chart defaults, preset fragments)
// and for tests; user files are loaded by internal/config.
func parseYAML(file, text string) (*config.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if doc.Kind == 0 {
		return nil, nil
	}
	return convertYAML(file, &doc, 0)
}

func convertYAML(file string, y *yaml.Node, depth int) (*config.Node, error) {
	if depth > 100 {
		return nil, fmt.Errorf("%s: nesting too deep", file)
	}
	pos := config.Pos{File: file, Line: y.Line, Col: y.Column}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil, nil
		}
		return convertYAML(file, y.Content[0], depth+1)
	case yaml.AliasNode:
		return convertYAML(file, y.Alias, depth+1)
	case yaml.ScalarNode:
		tag := y.ShortTag()
		if tag == "!!null" {
			return &config.Node{Kind: config.NullNode, Tag: tag, Value: y.Value, Pos: pos}, nil
		}
		return &config.Node{Kind: config.ScalarNode, Tag: tag, Value: y.Value, Pos: pos}, nil
	case yaml.MappingNode:
		n := config.NewMap(pos)
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			cv, err := convertYAML(file, v, depth+1)
			if err != nil {
				return nil, err
			}
			n.Set(k.Value, config.Pos{File: file, Line: k.Line, Col: k.Column}, cv)
		}
		return n, nil
	case yaml.SequenceNode:
		n := &config.Node{Kind: config.SeqNode, Pos: pos, Items: []*config.Node{}}
		for _, it := range y.Content {
			cv, err := convertYAML(file, it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, cv)
		}
		return n, nil
	}
	return nil, fmt.Errorf("%s:%d:%d: unsupported YAML node", file, y.Line, y.Column)
}

// mustParse parses a snippet typed in this package; a failure is a bug here.
func mustParse(text string) *config.Node {
	n, err := parseYAML("chart", text)
	if err != nil {
		panic("chart: bad built-in YAML: " + err.Error())
	}
	return n
}

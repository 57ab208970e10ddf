package agreegen

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// Source names where a wrapped config comes from.
type Source struct {
	Module, Version string
	File            string // relative to the module root
	Key             string // key in the file; "" for a flat file
}

// Comment is the first line of a wrapped config.
func (s Source) Comment() string {
	key := s.Key
	if key == "" {
		key = "(whole file)"
	}
	return fmt.Sprintf("upstream: %s@%s %s key %s", s.Module, s.Version, s.File, key)
}

// signalOrder is the order in which a pipeline signal is chosen; profiles
// pipelines need a feature gate, so they are never used.
var signalOrder = []string{"traces", "metrics", "logs"}

// Signal returns the first signal of signalOrder a receiver, processor or
// exporter supports.
func Signal(c Component) (string, bool) {
	for _, s := range signalOrder {
		if _, ok := c.Stability[s]; ok {
			return s, true
		}
	}
	return "", false
}

// Pair returns the first signal pair (in signalOrder × signalOrder) a
// connector supports.
func Pair(c Component) (from, to string, ok bool) {
	for _, f := range signalOrder {
		for _, t := range signalOrder {
			if _, ok := c.Stability[f+"_to_"+t]; ok {
				return f, t, true
			}
		}
	}
	return "", "", false
}

// Wrap puts one component config into a full collector config: the
// component in a minimal pipeline between nop receivers and exporters (as a
// receiver or exporter itself, a processor between them, a connector
// joining two pipelines, an extension in service.extensions), and metrics
// telemetry off so nothing listens on 8888.
func Wrap(c Component, src Source, e Entry) ([]byte, error) {
	value, err := plain(e.Value)
	if err != nil {
		return nil, err
	}
	under := mapping(e.ID, value)
	nop := mapping("nop", null())
	recvs, exps := nop, nop
	var top []*yaml.Node
	pipelines := &yaml.Node{Kind: yaml.MappingNode}
	pipe := func(name string, r, p, x []string) {
		body := mapping("receivers", seq(r...))
		if len(p) > 0 {
			body.Content = append(body.Content, scalar("processors"), seq(p...))
		}
		body.Content = append(body.Content, scalar("exporters"), seq(x...))
		pipelines.Content = append(pipelines.Content, scalar(name), body)
	}
	service := &yaml.Node{Kind: yaml.MappingNode}
	switch c.Class {
	case catalog.Receiver, catalog.Processor, catalog.Exporter:
		sig, ok := Signal(c)
		if !ok {
			return nil, fmt.Errorf("%s %s supports no traces, metrics or logs", c.Class, c.Type)
		}
		r, p, x := []string{"nop"}, []string(nil), []string{"nop"}
		switch c.Class {
		case catalog.Receiver:
			recvs, r = under, []string{e.ID}
		case catalog.Exporter:
			exps, x = under, []string{e.ID}
		default:
			top = append(top, scalar("processors"), under)
			p = []string{e.ID}
		}
		pipe(sig, r, p, x)
	case catalog.Connector:
		from, to, ok := Pair(c)
		if !ok {
			return nil, fmt.Errorf("connector %s supports no pair of traces, metrics and logs", c.Type)
		}
		top = append(top, scalar("connectors"), under)
		pipe(from+"/in", []string{"nop"}, nil, []string{e.ID})
		pipe(to+"/out", []string{e.ID}, nil, []string{"nop"})
	case catalog.Extension:
		top = append(top, scalar("extensions"), under)
		service.Content = append(service.Content, scalar("extensions"), seq(e.ID))
		pipe("traces", []string{"nop"}, nil, []string{"nop"})
	}
	service.Content = append(service.Content,
		scalar("telemetry"), mapping("metrics", mapping("level", scalar("none"))),
		scalar("pipelines"), pipelines)
	root := &yaml.Node{Kind: yaml.MappingNode, HeadComment: src.Comment()}
	root.Content = append(root.Content, scalar("receivers"), recvs, scalar("exporters"), exps)
	root.Content = append(root.Content, top...)
	root.Content = append(root.Content, scalar("service"), service)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("encode %s: %w", e.ID, err)
	}
	return b.Bytes(), enc.Close()
}

// plain returns v without aliases (an alias would point at an anchor the
// wrapped file does not have): such a value is decoded and encoded again.
func plain(v *yaml.Node) (*yaml.Node, error) {
	if !hasAlias(v) {
		return v, nil
	}
	var x any
	if err := v.Decode(&x); err != nil {
		return nil, fmt.Errorf("resolve aliases: %w", err)
	}
	var n yaml.Node
	if err := n.Encode(x); err != nil {
		return nil, fmt.Errorf("resolve aliases: %w", err)
	}
	return &n, nil
}

func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c) {
			return true
		}
	}
	return false
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func null() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"} }

func mapping(k string, v *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar(k), v}}
}

func seq(items ...string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, scalar(s))
	}
	return n
}

// FileName is the corpus path of a wrapped config:
// CLASS/TYPE/<testdata path>--<key>.yaml, with "/" in the key turned into "+".
func FileName(c Component, src Source, e Entry) string {
	rel := strings.TrimPrefix(src.File, "testdata/")
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".yaml"), ".yml")
	rel = strings.ReplaceAll(rel, "/", "_")
	key := e.FileKey
	if key == "" {
		key = "file"
	}
	return fmt.Sprintf("%s/%s/%s--%s.yaml", c.Class, c.Type, rel, strings.ReplaceAll(key, "/", "+"))
}

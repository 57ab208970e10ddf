package config

import (
	"fmt"
	"strings"
)

// LoadMerged reads several --config sources and deep-merges them the way
// the collector does: later sources win, maps merge key by key, lists are
// replaced. A source is a path, file:PATH, yaml:KEY::KEY: VALUE, env:VAR or
// an http(s) URI (not fetched: reported as unchecked).
func LoadMerged(sources []string, opts Options) (*Document, error) {
	merged := &Document{Kind: KindConfig, Name: "merged config (" + strings.Join(sources, " + ") + ")"}
	var cfg *Node
	for _, src := range sources {
		part, err := loadSource(src, opts)
		if err != nil {
			return nil, err
		}
		merged.Problems = append(merged.Problems, part.Problems...)
		if part.Config == nil && part.File == "" {
			continue // not read (reported in part.Problems)
		}
		if merged.File == "" {
			merged.File = part.File
		}
		merged.Env = append(merged.Env, part.Env...)
		if part.Config != nil {
			cfg = Merge(cfg, splitKeys(part.Config))
		}
	}
	merged.Config = cfg
	return merged, nil
}

// loadSource reads one --config source. A source that cannot be read
// offline gives a Document with only Problems (and no File).
func loadSource(src string, opts Options) (*Document, error) {
	partOpts := Options{Kind: KindConfig, Env: opts.Env, Limits: opts.Limits}
	scheme, rest := uriScheme(src)
	switch scheme {
	case "", "file":
		docs, err := LoadFile(rest, partOpts)
		if err != nil {
			return nil, err
		}
		if len(docs) > 1 {
			return nil, &InputError{Path: rest, Err: fmt.Errorf("holds %d YAML documents; a --config source must hold one collector config", len(docs))}
		}
		return docs[0], nil
	case "yaml":
		return loadYAMLSource(src, rest, partOpts)
	case "env":
		val, ok := opts.Env[rest]
		if !ok {
			return unchecked(src, fmt.Sprintf("--config %s: variable %s was not given with --env, so this source is not checked", src, rest)), nil
		}
		docs, err := LoadBytes(src, []byte(val), partOpts)
		if err != nil {
			return nil, err
		}
		return docs[0], nil
	case "http", "https":
		return unchecked(src, fmt.Sprintf("--config %s is fetched at collector start-up: otelcfg works offline and does not check it", src)), nil
	}
	return nil, &InputError{Path: src, Err: fmt.Errorf("unsupported config source scheme %q (want a path, file:, yaml:, env:, http: or https:)", scheme)}
}

func unchecked(src, msg string) *Document {
	return &Document{Problems: []Problem{{Code: CodeProviderUnchecked, Pos: Pos{File: src}, Message: msg}}}
}

// uriScheme splits "scheme:rest"; plain paths (including Windows drive
// letters and relative paths) have no scheme.
func uriScheme(s string) (string, string) {
	k := strings.Index(s, ":")
	if k < 2 {
		return "", s
	}
	scheme := s[:k]
	for _, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return "", s
		}
	}
	rest := s[k+1:]
	if scheme == "http" || scheme == "https" {
		rest = s
	}
	return scheme, rest
}

// loadYAMLSource reads "yaml:BODY" as the collector's yaml provider does:
// BODY is YAML (e.g. `exporters::debug::verbosity: basic`) whose keys are
// split at :: by LoadMerged. Every position is the source's own.
func loadYAMLSource(src, body string, opts Options) (*Document, error) {
	docs, err := LoadBytes(src, []byte(body), opts)
	if err != nil {
		return nil, err
	}
	d := docs[0]
	pos := Pos{File: src}
	for i := range d.Problems {
		d.Problems[i].Pos = pos
	}
	if d.Config != nil {
		d.Config.SetOrigin("", pos)
		if d.Config.Kind != MapNode {
			d.Problems = append(d.Problems, Problem{Code: CodeInvalidStructure, Pos: pos,
				Message: fmt.Sprintf("--config %s is a %s, not a map of settings: the collector fails at start-up", src, d.Config.Kind)})
			d.Config = nil
		}
	}
	return d, nil
}

// splitKeys nests map keys holding the collector's key delimiter ::
// (`a::b: v` is `a: {b: v}`), merging them with keys already there. Like
// the collector (koanf), it does not look inside lists.
func splitKeys(n *Node) *Node {
	if n == nil || n.Kind != MapNode {
		return n
	}
	out := &Node{Kind: MapNode, Pos: n.Pos, Origin: n.Origin}
	for _, e := range n.Entries {
		parts := strings.Split(e.Key, "::")
		v := splitKeys(e.Value)
		for i := len(parts) - 1; i > 0; i-- {
			m := &Node{Kind: MapNode, Pos: e.KeyPos, Origin: v.Origin}
			m.Entries = []*Entry{{Key: parts[i], KeyPos: e.KeyPos, Value: v}}
			v = m
		}
		Merge(out, &Node{Kind: MapNode, Entries: []*Entry{{Key: parts[0], KeyPos: e.KeyPos, Value: v}}})
	}
	return out
}

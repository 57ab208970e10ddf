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
	for i, src := range sources {
		scheme, rest := uriScheme(src)
		var part *Document
		switch scheme {
		case "", "file":
			docs, err := LoadFile(rest, Options{Kind: KindConfig, Env: opts.Env, Limits: opts.Limits})
			if err != nil {
				return nil, err
			}
			if len(docs) > 1 {
				return nil, &InputError{Path: rest, Err: fmt.Errorf("holds %d YAML documents; a --config source must hold one collector config", len(docs))}
			}
			part = docs[0]
		case "yaml":
			part = yamlURIDoc(src, rest, opts)
		case "env":
			val, ok := opts.Env[rest]
			if !ok {
				merged.Problems = append(merged.Problems, Problem{Code: "provider-unchecked", Pos: Pos{File: src},
					Message: fmt.Sprintf("--config %s: variable %s was not given with --env, so this source is not checked", src, rest)})
				continue
			}
			docs, err := LoadBytes(src, []byte(val), Options{Kind: KindConfig, Env: opts.Env, Limits: opts.Limits})
			if err != nil {
				return nil, err
			}
			part = docs[0]
		case "http", "https":
			merged.Problems = append(merged.Problems, Problem{Code: "provider-unchecked", Pos: Pos{File: src},
				Message: fmt.Sprintf("--config %s is fetched at collector start-up: otelcfg works offline and does not check it", src)})
			continue
		default:
			return nil, &InputError{Path: src, Err: fmt.Errorf("unsupported config source scheme %q (want a path, file:, yaml:, env:, http: or https:)", scheme)}
		}
		if i == 0 || merged.File == "" {
			merged.File = part.File
		}
		merged.Problems = append(merged.Problems, part.Problems...)
		merged.Env = append(merged.Env, part.Env...)
		if part.Config != nil {
			if cfg == nil {
				cfg = part.Config
			} else {
				cfg = Merge(cfg, part.Config, false)
			}
		}
	}
	merged.Config = cfg
	return merged, nil
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

// yamlURIDoc turns "yaml:a::b: value" into {a: {b: value}}, as the
// collector's yaml provider does.
func yamlURIDoc(src, body string, opts Options) *Document {
	pos := Pos{File: src}
	keyPath, value, _ := strings.Cut(body, ": ")
	if !strings.Contains(body, ": ") {
		keyPath, value = strings.TrimSuffix(body, ":"), ""
	}
	docs, _ := LoadBytes(src, []byte(value), Options{Kind: KindConfig, Env: opts.Env, Limits: opts.Limits})
	leaf := &Node{Kind: NullNode, Pos: pos}
	var problems []Problem
	if len(docs) > 0 && docs[0].Source != nil {
		leaf = docs[0].Source
		problems = docs[0].Problems
	}
	leaf.SetOrigin("", pos)
	keys := strings.Split(keyPath, "::")
	n := leaf
	for i := len(keys) - 1; i >= 0; i-- {
		m := NewMap(pos)
		m.Set(keys[i], pos, n)
		n = m
	}
	return &Document{File: src, Kind: KindConfig, Config: n, Problems: problems}
}

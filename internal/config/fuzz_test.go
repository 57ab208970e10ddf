package config

import (
	"strings"
	"testing"
)

// fuzzLimits keep one fuzz input cheap, so a hang or blow-up shows as one.
var fuzzLimits = Limits{MaxBytes: 1 << 16, MaxNodes: 2000, MaxDepth: 40}

// checkPositions fails when a node of a user's file points outside it.
func checkPositions(t *testing.T, n *Node, lines int) {
	if n == nil {
		return
	}
	if n.Pos.File == "f.yaml" && (n.Pos.Line < 1 || n.Pos.Line > lines || n.Pos.Col < 1) {
		t.Fatalf("position %v outside the file (%d lines)", n.Pos, lines)
	}
	for _, e := range n.Entries {
		checkPositions(t, e.Value, lines)
	}
	for _, it := range n.Items {
		checkPositions(t, it, lines)
	}
}

func FuzzLoadBytes(f *testing.F) {
	for _, s := range []string{
		"receivers: {otlp: {}}\nservice: {pipelines: {traces: {receivers: [otlp]}}}\n",
		"a: &a [*a]\n",
		"a: &x {k: v}\nb:\n  <<: *x\n  k: w\n",
		crHead + "  config: |\n    receivers: ${env:A:-${B}}\n",
		"apiVersion: v1\nkind: ConfigMap\ndata:\n  relay: |2\n      exporters: {}\n",
		"---\n---\nmode: daemonset\n",
		"v: '$${env:X} ${X:-1} ${yaml:{a: b}}'\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := LoadBytes("f.yaml", data, Options{Limits: fuzzLimits, Env: map[string]string{"A": "${env:A}", "B": "[1]"}})
		if err != nil {
			return
		}
		lines := len(splitLines(data))
		for _, d := range docs {
			checkPositions(t, d.Config, lines)
			BuildCollector(d.Config, d.ConfigPath)
			for _, p := range d.Problems {
				if p.Pos.File == "f.yaml" && p.Pos.Line > lines {
					t.Fatalf("problem %v past the end (%d lines)", p, lines)
				}
			}
		}
	})
}

func FuzzScanRefs(f *testing.F) {
	for _, s := range []string{"${env:A}", "$${A}", "${A:-${B}}", "${${", "}${a:b}}", "$$$${x}", "${env:A:-$}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, r := range scanRefs(s) {
			if r.start < last || r.end > len(s) || s[r.start:r.start+2] != "${" || s[r.end-1] != '}' {
				t.Fatalf("bad ref %+v in %q", r, s)
			}
			last = r.end
		}
		d := &Document{File: "f.yaml", Config: &Node{Kind: MapNode, Entries: []*Entry{{Key: "k", Value: NewString(s, Pos{File: "f.yaml", Line: 1, Col: 1})}}}}
		expand(d, Options{Env: map[string]string{"A": s, "B": "x"}}, fuzzLimits)
	})
}

// FuzzEmbedded checks that every position of a v1alpha1 string config maps
// into the CR file, whatever the block looks like.
func FuzzEmbedded(f *testing.F) {
	for _, s := range []string{"|\n    receivers:\n      otlp: {}\n", "|2\n      a: 1\n", "|-\n\n    a: [\n", ">\n    a: 1\n", "\"a: 1\\nb: 2\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		src := crHead + "  config: " + string(block)
		docs, err := LoadBytes("f.yaml", []byte(src), Options{Limits: fuzzLimits})
		if err != nil {
			return
		}
		lines := splitLines([]byte(src))
		for _, d := range docs {
			checkPositions(t, d.Config, len(lines))
			checkKeyText(t, d.Config, lines)
		}
	})
}

// checkKeyText checks that a plain key of a block-mapped config is found
// in the file at its position.
func checkKeyText(t *testing.T, n *Node, lines []string) {
	if n == nil {
		return
	}
	for _, e := range n.Entries {
		p := e.KeyPos
		if p.Line > 8 && p.Line <= len(lines) && e.Key != "" && isPlain(e.Key) && e.Value.Pos.Line != 8 {
			if l := []rune(lines[p.Line-1]); p.Col-1 > len(l) || !strings.HasPrefix(string(l[p.Col-1:]), e.Key) {
				t.Fatalf("key %q at %v, but line is %q", e.Key, p, lines[p.Line-1])
			}
		}
		checkKeyText(t, e.Value, lines)
	}
	for _, it := range n.Items {
		checkKeyText(t, it, lines)
	}
}

func isPlain(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

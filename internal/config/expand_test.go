package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestScanRefs(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // scheme|body
	}{
		{"env scheme", "${env:A}", []string{"env|A"}},
		{"default scheme", "x ${A} y", []string{"env|A"}},
		{"env default", "${env:A:-d}", []string{"env|A:-d"}},
		{"default without env: is a scheme", "${A:-d}", []string{"A|-d"}},
		{"escaped", "$${env:A}", nil},
		{"escaped twice is a reference", "$$${env:A}", []string{"env|A"}},
		{"plain $VAR is text", "$A $", nil},
		{"unterminated", "${env:A", nil},
		{"two", "${env:A}:${B}", []string{"env|A", "env|B"}},
		{"nested colon is not the scheme", "${${env:A}}", []string{"env|${env:A}"}},
		{"file", "${file:a/b.yaml}", []string{"file|a/b.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range scanRefs(tc.in) {
				got = append(got, r.scheme+"|"+r.body)
				if tc.in[r.start:r.start+2] != "${" || tc.in[r.end-1] != '}' {
					t.Errorf("range %d:%d", r.start, r.end)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("refs %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEnv(t *testing.T) {
	env := map[string]string{"NUM": "5", "HOST": "h", "LIST": "[a, b]", "EMPTY": "", "QUOTED": `"5"`, "NESTED": "${env:HOST}:1"}
	for _, tc := range []struct {
		name, value string
		env         map[string]string
		refs        []string // name[=default][!resolved]
		problems    []string
		kind        NodeKind
		tag, result string
	}{
		{"env scheme", "${env:HOST}", nil, []string{"HOST"}, nil, ScalarNode, "!!str", "${env:HOST}"},
		{"default scheme", "${HOST}", nil, []string{"HOST"}, nil, ScalarNode, "!!str", "${HOST}"},
		{"env default", "${env:HOST:-x}", nil, []string{"HOST=x"}, nil, ScalarNode, "!!str", "${env:HOST:-x}"},
		{"escape", "$${env:HOST}", nil, nil, nil, ScalarNode, "!!str", "$${env:HOST}"},
		{"default without env:", "${HOST:-x}", nil, nil, []string{"provider-error"}, ScalarNode, "!!str", "${HOST:-x}"},
		{"invalid name", "${env:MY-VAR}", nil, nil, []string{"invalid-env-reference"}, ScalarNode, "!!str", "${env:MY-VAR}"},
		{"invalid scheme", "${1x:y}", nil, nil, []string{"provider-error"}, ScalarNode, "!!str", "${1x:y}"},
		{"dollar inside", "${env:A:-$x}", nil, nil, []string{"provider-error"}, ScalarNode, "!!str", "${env:A:-$x}"},
		{"resolved whole value is typed", "${env:NUM}", env, []string{"NUM!"}, nil, ScalarNode, "!!int", "5"},
		{"resolved quoted stays a string", "${env:QUOTED}", env, []string{"QUOTED!"}, nil, ScalarNode, "!!str", `"5"`},
		{"resolved list", "${LIST}", env, []string{"LIST!"}, nil, SeqNode, "", ""},
		{"resolved empty is null", "${env:EMPTY}", env, []string{"EMPTY!"}, nil, NullNode, "!!null", ""},
		{"resolved inside a string", "http://${env:HOST}:${env:NUM}/x", env, []string{"HOST!", "NUM!"}, nil, ScalarNode, "!!str", "http://h:5/x"},
		{"partly resolved", "${env:HOST}:${env:PORT}", env, []string{"HOST!", "PORT"}, nil, ScalarNode, "!!str", "h:${env:PORT}"},
		{"value expanded again", "${env:NESTED}", env, []string{"NESTED!"}, nil, ScalarNode, "!!str", "h:1"},
		{"self reference stops", "${env:LOOP}", map[string]string{"LOOP": "x${env:LOOP}"}, []string{"LOOP!"}, []string{"provider-error"}, ScalarNode, "!!str", "${env:LOOP}"},
		{"nested default", "${env:A:-${env:HOST}}", nil, []string{"HOST", "A=${env:HOST}"}, nil, ScalarNode, "!!str", "${env:A:-${env:HOST}}"},
		{"dynamic name", "${env:${env:HOST}}", nil, []string{"HOST"}, []string{"provider-unchecked"}, ScalarNode, "!!str", "${env:${env:HOST}}"},
		{"http URI", "${http://example.com/c.yaml}", nil, nil, []string{"provider-unchecked"}, ScalarNode, "!!str", "${http://example.com/c.yaml}"},
		{"https scheme", "${https:example.com/c.yaml}", nil, nil, []string{"provider-unchecked"}, ScalarNode, "!!str", "${https:example.com/c.yaml}"},
		{"http scheme", "${http:example.com/c.yaml}", nil, nil, []string{"provider-unchecked"}, ScalarNode, "!!str", "${http:example.com/c.yaml}"},
		{"unknown scheme", "${vault:x}", nil, nil, []string{"provider-error"}, ScalarNode, "!!str", "${vault:x}"},
		{"yaml inside a string", "a ${yaml:b}", nil, nil, []string{"provider-unchecked"}, ScalarNode, "!!str", "a ${yaml:b}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, "exporters:\n  x:\n    v: '"+tc.value+"'\n", Options{Env: tc.env})
			var refs []string
			for _, r := range d.Env {
				s := r.Name
				if r.HasDefault {
					s += "=" + r.Default
				}
				if r.Resolved {
					s += "!"
				}
				refs = append(refs, s)
				if r.Path != "exporters.x.v" || lc(r.Pos) != "3:8" {
					t.Errorf("ref %s at %s %s", r.Name, r.Path, lc(r.Pos))
				}
			}
			if !slices.Equal(refs, tc.refs) {
				t.Errorf("refs %v, want %v", refs, tc.refs)
			}
			var ps []string
			for _, p := range d.Problems {
				ps = append(ps, string(p.Code))
			}
			if !slices.Equal(ps, tc.problems) {
				t.Errorf("problems %v, want %v (%v)", ps, tc.problems, d.Problems)
			}
			n := at(t, d.Config, "exporters.x.v")
			if n.Kind != tc.kind || (tc.kind != SeqNode && (n.Tag != tc.tag || n.Value != tc.result)) {
				t.Errorf("value %s %s %q, want %s %s %q", n.Kind, n.Tag, n.Value, tc.kind, tc.tag, tc.result)
			}
			if lc(n.Pos) != "3:8" {
				t.Errorf("value at %s", lc(n.Pos))
			}
		})
	}
	t.Run("keys are not expanded", func(t *testing.T) {
		d := load1(t, "exporters:\n  ${env:A}: {}\n", Options{Env: map[string]string{"A": "x"}})
		if len(d.Env) != 0 || at(t, d.Config, "exporters").Entries[0].Key != "${env:A}" {
			t.Errorf("env %v", d.Env)
		}
	})
	t.Run("default hint", func(t *testing.T) {
		d := load1(t, "exporters: {x: {v: '${N:-7}'}}\n", Options{})
		if len(d.Problems) != 1 || !strings.Contains(d.Problems[0].Message, "write ${env:N:-7}") {
			t.Errorf("problems %v", d.Problems)
		}
	})
}

func TestProviders(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("sub/exp.yaml", "debug:\n  verbosity: ${env:V}\n")
	write("bad.yaml", "a: [\n")
	write("bin.yaml", "a\x00")
	cfg := write("c.yaml", "exporters: ${file:sub/exp.yaml}\nprocessors: ${file:missing.yaml}\nreceivers: '${yaml:{otlp: {}}}'\nconnectors: ${file:bad.yaml}\nextensions: ${file:bin.yaml}\n")
	docs, err := LoadFile(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	t.Run("file relative to the config, positions in that file", func(t *testing.T) {
		v := at(t, d.Config, "exporters.debug.verbosity")
		if v.Pos.File != filepath.Join(dir, "sub/exp.yaml") || lc(v.Pos) != "2:14" {
			t.Errorf("verbosity at %v", v.Pos)
		}
		if len(d.Env) != 1 || d.Env[0].Name != "V" || d.Env[0].Path != "exporters.debug.verbosity" {
			t.Errorf("env %v", d.Env)
		}
	})
	t.Run("yaml provider at the reference", func(t *testing.T) {
		n := at(t, d.Config, "receivers.otlp")
		if n.Kind != MapNode || n.Pos.File != cfg || lc(n.Pos) != "3:12" {
			t.Errorf("otlp %s at %v", n.Kind, n.Pos)
		}
	})
	t.Run("problems", func(t *testing.T) {
		got := codes(d.Problems)
		want := []string{"provider-error@2:13", "yaml-syntax@1:1", "provider-error@5:13"}
		if !slices.Equal(got, want) {
			t.Fatalf("problems %v, want %v", got, want)
		}
		if !strings.Contains(d.Problems[0].Message, "missing.yaml") || d.Problems[0].Path != "processors" {
			t.Errorf("missing file: %+v", d.Problems[0])
		}
		if d.Problems[1].Pos.File != filepath.Join(dir, "bad.yaml") {
			t.Errorf("syntax error in %s", d.Problems[1].Pos.File)
		}
		if at(t, d.Config, "processors").Value != "${file:missing.yaml}" {
			t.Errorf("unread reference replaced")
		}
	})
}

func TestParseEnvFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(p, []byte("# c\n\nexport A=1\r\nB=\"two words\"\nC='x=y'\n"), 0o644)
	env, err := ParseEnvFile(p)
	if err != nil || env["A"] != "1" || env["B"] != "two words" || env["C"] != "x=y" {
		t.Errorf("env %v err %v", env, err)
	}
	os.WriteFile(p, []byte("1A=x\n"), 0o644)
	if _, err := ParseEnvFile(p); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("err %v", err)
	}
}

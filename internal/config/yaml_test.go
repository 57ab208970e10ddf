package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPositionsPlain(t *testing.T) {
	src := "receivers:\n  otlp:\n    protocols:\n      grpc: {endpoint: \"0.0.0.0:4317\"}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters:\n        - debug\n"
	d := load1(t, src, Options{})
	for _, tc := range []struct{ name, path, want string }{
		{"top key", "receivers", "1:1"},
		{"nested key", "receivers.otlp", "2:3"},
		{"flow map key", "receivers.otlp.protocols.grpc.endpoint", "4:14"},
		{"pipeline key", "service.pipelines.traces", "7:5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lc(keyPos(t, d.Config, tc.path)); got != tc.want {
				t.Errorf("key %s at %s, want %s", tc.path, got, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, path, want string }{
		{"quoted value", "receivers.otlp.protocols.grpc.endpoint", "4:24"},
		{"flow list item", "service.pipelines.traces.receivers[0]", "8:19"},
		{"block list item", "service.pipelines.traces.exporters[0]", "10:11"},
		{"map value", "receivers.otlp", "3:5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := at(t, d.Config, tc.path)
			if got := lc(n.Pos); got != tc.want {
				t.Errorf("%s at %s, want %s", tc.path, got, tc.want)
			}
			if n.Pos.File != "f.yaml" {
				t.Errorf("file %q", n.Pos.File)
			}
		})
	}
}

// TestSyntaxErrors pins the lines yaml.v3 reports, which are the ones the
// collector prints (it parses with a yaml.v3 fork): for parser errors that is
// where the enclosing construct starts.
func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want, msg string
	}{
		{"unclosed flow list", "receivers:\n  otlp: {}\nexporters: [\n", "yaml-syntax@3:1", "did not find expected node content"},
		{"bad indentation", "receivers:\n  otlp: {}\n foo: 1\n", "yaml-syntax@2:1", "did not find expected key"},
		{"tab indentation", "receivers:\n\totlp: {}\n", "yaml-syntax@2:1", "cannot start any token"},
		{"mapping in value", "receivers: otlp: x\n", "yaml-syntax@1:1", "mapping values are not allowed"},
		{"unknown anchor at its use", "receivers:\n  otlp: {}\nexporters:\n  debug: *nope\n", "yaml-syntax@4:10", "unknown anchor 'nope'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, tc.src, Options{})
			if got := codes(d.Problems); !slices.Equal(got, []string{tc.want}) {
				t.Fatalf("problems %v, want [%s]", got, tc.want)
			}
			if !strings.Contains(d.Problems[0].Message, tc.msg) {
				t.Errorf("message %q lacks %q", d.Problems[0].Message, tc.msg)
			}
			if d.Config != nil {
				t.Errorf("config read from invalid YAML")
			}
		})
	}
	t.Run("error in second document keeps the first", func(t *testing.T) {
		docs := load(t, "receivers: {}\n---\nexporters: [\n", Options{})
		if len(docs) != 2 || docs[0].Config == nil || docs[1].Index != 1 {
			t.Fatalf("docs %+v", docs)
		}
		if got := codes(docs[1].Problems); !slices.Equal(got, []string{"yaml-syntax@3:1"}) {
			t.Errorf("problems %v", got)
		}
	})
}

func TestDuplicateKeys(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
		first     string // "already defined at line N" of the first problem
	}{
		{"top level", "receivers: {}\nexporters: {}\nreceivers: {}\n", []string{"duplicate-key@3:1"}, "line 1"},
		{"all reported", "a: 1\nb:\n  c: 1\n  c: 2\n  c: 3\na: 2\n", []string{"duplicate-key@4:3", "duplicate-key@5:3", "duplicate-key@6:1"}, "line 3"},
		{"flow map", "a: {x: 1, x: 2}\n", []string{"duplicate-key@1:11"}, "line 1"},
		{"same key in different maps is fine", "a: {x: 1}\nb: {x: 1}\n", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, tc.src, Options{Kind: KindConfig})
			if got := codes(d.Problems); !slices.Equal(got, tc.want) {
				t.Fatalf("problems %v, want %v", got, tc.want)
			}
			if tc.first != "" && !strings.Contains(d.Problems[0].Message, "already defined at "+tc.first) {
				t.Errorf("message %q, want first at %s", d.Problems[0].Message, tc.first)
			}
		})
	}
	t.Run("first value is kept", func(t *testing.T) {
		d := load1(t, "a: 1\na: 2\n", Options{Kind: KindConfig})
		if v := at(t, d.Config, "a").Value; v != "1" {
			t.Errorf("a = %s", v)
		}
	})
}

func TestMergeKeys(t *testing.T) {
	src := "base: &b\n  endpoint: x:1\n  timeout: 5s\nother: &o\n  retry: true\nexp:\n  <<: [*b, *o]\n  timeout: 10s\n"
	d := load1(t, src, Options{Kind: KindConfig})
	if len(d.Problems) != 0 {
		t.Fatalf("problems %v (an explicit key over a merged one is not a duplicate)", codes(d.Problems))
	}
	exp := at(t, d.Config, "exp")
	for _, tc := range []struct{ name, key, value, pos string }{
		{"explicit key wins", "timeout", "10s", "8:12"},
		{"merged key keeps the anchor's position", "endpoint", "x:1", "2:13"},
		{"second merged map", "retry", "true", "5:10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := at(t, exp, tc.key)
			if n.Value != tc.value || lc(n.Pos) != tc.pos {
				t.Errorf("%s = %q at %s, want %q at %s", tc.key, n.Value, lc(n.Pos), tc.value, tc.pos)
			}
		})
	}
	t.Run("no merge key left in the map", func(t *testing.T) {
		if exp.Get("<<") != nil {
			t.Error("<< kept as a key")
		}
	})
}

func TestAliases(t *testing.T) {
	t.Run("alias is reported where it is used, its content where written", func(t *testing.T) {
		d := load1(t, "a: &x\n  k: v\nb: *x\n", Options{Kind: KindConfig})
		b := at(t, d.Config, "b")
		if lc(b.Pos) != "3:4" || lc(at(t, b, "k").Pos) != "2:6" {
			t.Errorf("b at %s, b.k at %s", lc(b.Pos), lc(at(t, b, "k").Pos))
		}
		if at(t, d.Config, "a") == b {
			t.Error("alias shares its tree with the anchor")
		}
	})
	t.Run("scalar alias", func(t *testing.T) {
		d := load1(t, "a: &x v\nb: [*x]\n", Options{Kind: KindConfig})
		if n := at(t, d.Config, "b[0]"); n.Value != "v" || lc(n.Pos) != "2:5" {
			t.Errorf("b[0] = %q at %s", n.Value, lc(n.Pos))
		}
	})
	t.Run("recursive alias", func(t *testing.T) {
		d := load1(t, "a: &x [1, *x]\n", Options{Kind: KindConfig})
		if got := codes(d.Problems); !slices.Equal(got, []string{"yaml-syntax@1:11"}) {
			t.Errorf("problems %v", got)
		}
	})
	t.Run("alias bomb stops at the node limit", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
		for i := 1; i < 10; i++ {
			b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
			for j := 0; j < 10; j++ {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("*a" + string(rune('0'+i-1)))
			}
			b.WriteString("]\n")
		}
		_, err := LoadBytes("f.yaml", []byte(b.String()), Options{Kind: KindConfig, Limits: Limits{MaxNodes: 10000}})
		wantLimit(t, err, LimitNodes, "1:34", 10000)
	})
}

func TestLimits(t *testing.T) {
	t.Run("depth", func(t *testing.T) {
		src := strings.Repeat("[", 30) + strings.Repeat("]", 30)
		_, err := LoadBytes("f.yaml", []byte(src), Options{Kind: KindConfig, Limits: Limits{MaxDepth: 20}})
		wantLimit(t, err, LimitDepth, "1:22", 20)
	})
	t.Run("the node limit grows with the size limit", func(t *testing.T) {
		if got := (Limits{MaxBytes: 64 << 20}).withDefaults().MaxNodes; got != 64<<20/bytesPerNode {
			t.Errorf("MaxNodes for 64 MiB = %d", got)
		}
		if got := (Limits{MaxBytes: 1 << 20}).withDefaults().MaxNodes; got != DefaultLimits.MaxNodes {
			t.Errorf("default MaxNodes = %d", got)
		}
	})
	t.Run("one limit set keeps the other defaults", func(t *testing.T) {
		d := load1(t, "receivers: {otlp: {}}\n", Options{Limits: Limits{MaxBytes: 100}})
		if len(d.Problems) != 0 {
			t.Errorf("problems %v", d.Problems)
		}
	})
	t.Run("size", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "big.yaml")
		if err := os.WriteFile(p, []byte("receivers: {}\n"+strings.Repeat("# pad\n", 100)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadFile(p, Options{Limits: Limits{MaxBytes: 100}})
		wantLimit(t, err, LimitSize, "", 100)
		if !strings.Contains(err.Error(), "larger than 100 bytes") {
			t.Errorf("err %v", err)
		}
		if _, err := LoadFile(p, Options{Limits: Limits{MaxBytes: 1000}}); err != nil {
			t.Errorf("under the limit: %v", err)
		}
	})
}

func TestInputErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"NUL byte", "receivers: {}\x00", "NUL byte at offset 13"},
		{"invalid UTF-8", "a: 1\nb: \xff\n", "invalid UTF-8 at line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadBytes("f.yaml", []byte(tc.data), Options{})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Path != "f.yaml" || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want InputError with %q", err, tc.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		_, err := LoadFile(filepath.Join(t.TempDir(), "nope.yaml"), Options{})
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		_, err := LoadFile(t.TempDir(), Options{})
		if err == nil || !strings.Contains(err.Error(), "is a directory") {
			t.Errorf("err %v", err)
		}
	})
}

package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLoadMerged(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	b := filepath.Join(dir, "b.yaml")
	os.WriteFile(a, []byte("exporters:\n  debug:\n    verbosity: detailed\n    sampling: 1\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp, zipkin]\n      exporters: [debug]\n"), 0o644)
	os.WriteFile(b, []byte("exporters:\n  debug:\n    verbosity: normal\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n"), 0o644)
	multi := filepath.Join(dir, "m.yaml")
	os.WriteFile(multi, []byte("a: 1\n---\nb: 2\n"), 0o644)

	t.Run("two files", func(t *testing.T) {
		d, err := LoadMerged([]string{a, "file:" + b}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ name, path, value, file, pos string }{
			{"later wins", "exporters.debug.verbosity", "normal", b, "3:16"},
			{"maps merge", "exporters.debug.sampling", "1", a, "4:15"},
			{"lists are replaced", "service.pipelines.traces.receivers[0]", "otlp", b, "7:19"},
			{"untouched list kept", "service.pipelines.traces.exporters[0]", "debug", a, "9:19"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				n := at(t, d.Config, tc.path)
				if n.Value != tc.value || n.Pos.File != tc.file || lc(n.Pos) != tc.pos {
					t.Errorf("%s = %q at %v, want %q at %s:%s", tc.path, n.Value, n.Pos, tc.value, tc.file, tc.pos)
				}
			})
		}
		if n := at(t, d.Config, "service.pipelines.traces.receivers"); len(n.Items) != 1 {
			t.Errorf("receivers %d items", len(n.Items))
		}
		if d.File != a {
			t.Errorf("file %s", d.File)
		}
	})
	t.Run("yaml source", func(t *testing.T) {
		src := "yaml:exporters::debug::verbosity: basic"
		d, err := LoadMerged([]string{a, src}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := at(t, d.Config, "exporters.debug.verbosity")
		if n.Value != "basic" || n.Pos.File != src {
			t.Errorf("verbosity %q at %v", n.Value, n.Pos)
		}
		if at(t, d.Config, "exporters.debug.sampling").Value != "1" {
			t.Error("sibling lost")
		}
	})
	t.Run("yaml source with a flow map", func(t *testing.T) {
		d, err := LoadMerged([]string{"yaml:{processors::batch: {}, service::extensions: [a]}"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if at(t, d.Config, "processors.batch").Kind != MapNode || at(t, d.Config, "service.extensions[0]").Value != "a" {
			t.Errorf("config %+v", d.Config)
		}
	})
	t.Run("explicit null overwrites", func(t *testing.T) {
		d, err := LoadMerged([]string{a, "yaml:exporters::debug: null"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !at(t, d.Config, "exporters.debug").IsNull() {
			t.Error("debug not null")
		}
	})
	t.Run("env source", func(t *testing.T) {
		d, err := LoadMerged([]string{a, "env:CFG", "env:UNSET"}, Options{Env: map[string]string{"CFG": "exporters: {debug: {verbosity: basic}}"}})
		if err != nil {
			t.Fatal(err)
		}
		if n := at(t, d.Config, "exporters.debug.verbosity"); n.Value != "basic" || n.Pos.File != "env:CFG" {
			t.Errorf("verbosity %q at %v", n.Value, n.Pos)
		}
		if got := codes(d.Problems); !slices.Equal(got, []string{"provider-unchecked@0:0"}) {
			t.Errorf("problems %v", got)
		}
	})
	t.Run("http source reported", func(t *testing.T) {
		d, err := LoadMerged([]string{a, "https://example.com/c.yaml"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Problems) != 1 || d.Problems[0].Code != "provider-unchecked" || d.Problems[0].Pos.File != "https://example.com/c.yaml" {
			t.Errorf("problems %v", d.Problems)
		}
	})
	for _, tc := range []struct{ name, src string }{
		{"multi-document file refused", multi},
		{"unknown scheme refused", "s3x:bucket/c.yaml"},
		{"missing file", filepath.Join(dir, "nope.yaml")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadMerged([]string{a, tc.src}, Options{})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("err %v", err)
			}
		})
	}
	t.Run("yaml source that is not a map", func(t *testing.T) {
		d, err := LoadMerged([]string{a, "yaml:just text"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(d.Problems); !slices.Equal(got, []string{"invalid-structure@0:0"}) {
			t.Errorf("problems %v", got)
		}
	})
}

func TestUriScheme(t *testing.T) {
	for _, tc := range []struct{ in, scheme, rest string }{
		{"c.yaml", "", "c.yaml"},
		{`C:\cfg\c.yaml`, "", `C:\cfg\c.yaml`},
		{"file:c.yaml", "file", "c.yaml"},
		{"yaml:a::b: 1", "yaml", "a::b: 1"},
		{"https://x/c", "https", "https://x/c"},
		{"./a:b.yaml", "", "./a:b.yaml"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if s, r := uriScheme(tc.in); s != tc.scheme || r != tc.rest {
				t.Errorf("got %q %q", s, r)
			}
		})
	}
}

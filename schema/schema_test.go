package schema

import (
	"io/fs"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// source concatenates files (dropping their package clauses) the way the
// runtime does.
func source(t *testing.T, files ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("package schema\n")
	for _, f := range files {
		data, err := fs.ReadFile(FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "package ") {
				continue
			}
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestComponentsCompile(t *testing.T) {
	if len(Components) == 0 {
		t.Fatal("no components")
	}
	ctx := cuecontext.New()
	for key, c := range Components {
		if want := "components/" + key + ".cue"; c.File != want {
			t.Errorf("%s: File %s, want %s", key, c.File, want)
		}
		if _, dup := Unchecked[key]; dup {
			t.Errorf("%s is both in Components and Unchecked", key)
		}
		v := ctx.CompileString(source(t, append(append([]string(nil), c.Deps...), c.File)...), cue.Filename(c.File))
		if err := v.Err(); err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		d := v.LookupPath(cue.ParsePath(c.Def))
		if !d.Exists() {
			t.Errorf("%s: definition %s not found", key, c.Def)
			continue
		}
		if err := d.Validate(); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// TestSharedFilesUsed checks every shared file is a dependency of some
// component.
func TestSharedFilesUsed(t *testing.T) {
	deps := map[string][]string{}
	for _, c := range Components {
		for i, d := range c.Deps {
			if _, ok := deps[d]; !ok {
				deps[d] = c.Deps[:i]
			}
		}
	}
	err := fs.WalkDir(FS, "shared", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, used := deps[p]; !used {
			t.Errorf("%s is used by no component", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCatalogCovered checks every catalog component is either in
// Components or in Unchecked, under its current type.
func TestCatalogCovered(t *testing.T) {
	cat := catalog.Default()
	n := 0
	for _, class := range catalog.Classes {
		for _, typ := range cat.Types(class) {
			n++
			key := string(class) + "/" + typ
			_, has := Components[key]
			_, un := Unchecked[key]
			if has == un {
				t.Errorf("%s: in Components %v, in Unchecked %v; want exactly one", key, has, un)
			}
		}
	}
	if n != len(Components)+len(Unchecked) {
		t.Errorf("catalog has %d components, the index %d", n, len(Components)+len(Unchecked))
	}
}

func TestCollector(t *testing.T) {
	ctx := cuecontext.New()
	v := ctx.CompileString(source(t, "collector.cue"))
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	def := v.LookupPath(cue.ParsePath("#Collector"))
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{receivers: {otlp: null}, exporters: {"debug/x": {verbosity: "basic"}}, service: {pipelines: {traces: {receivers: ["otlp"], exporters: ["debug/x"]}, "logs/a": null}}}`, true},
		{`{receivers: null, service: {telemetry: {logs: {level: "info"}}}}`, true},
		{`{foo: {}}`, false},
		{`{service: {pipelines: {trace: {}}}}`, false},
		{`{receivers: {"de-bug": {}}}`, false},
		{`{service: {pipelines: {traces: {receivers: "otlp"}}}}`, false},
	} {
		err := def.Unify(ctx.CompileString(tc.doc)).Validate(cue.Concrete(true))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.doc, err, tc.ok)
		}
	}
}

package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "b.yml", "notes.txt", ".otelcfg.yaml", ".hidden.yaml",
		"sub/c.yaml", "sub/.git/d.yaml", ".github/e.yaml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("receivers: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"directory skips hidden dirs and settings", []string{"."}, []string{".hidden.yaml", "a.yaml", "b.yml", "sub/c.yaml"}},
		{"same file spelled twice", []string{"a.yaml", "./a.yaml", "sub/../a.yaml"}, []string{"a.yaml"}},
		{"stdin once", []string{"-", "-"}, []string{"-"}},
		{"star skips dotfiles", []string{"*.yaml"}, []string{"a.yaml"}},
		{"dot pattern asks for them", []string{".*.yaml"}, []string{".hidden.yaml"}},
		{"doublestar skips hidden dirs", []string{"**/*.yaml"}, []string{"a.yaml", "sub/c.yaml"}},
		{"doublestar under a hidden dir named", []string{".github/**/*.yaml"}, []string{".github/e.yaml"}},
		{"directory then file in it", []string{"sub", "sub/c.yaml"}, []string{"sub/c.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExpandPaths(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i] = filepath.ToSlash(got[i])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ExpandPaths(%q) = %q, want %q", tt.args, got, tt.want)
			}
		})
	}
}

package linter

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

func TestStricter(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"", "", ""},
		{"", "warning", "warning"},
		{"error", "", "error"},
		{"error", "warning", "warning"},
		{"info", "error", "info"},
		{"none", "error", "error"},
		{"none", "none", "none"},
	}
	for _, tt := range tests {
		if got := stricter(tt.a, tt.b); got != tt.want {
			t.Errorf("stricter(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLoadSettingsRejectsUnknownRules(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"disable.yaml":  "disable: [unused-component, no-such-rule]\n",
		"severity.yaml": "severity: {no-such-rule: info}\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadSettings(p); err == nil {
			t.Errorf("%s: no error for an unknown rule ID", name)
		}
	}
	p := filepath.Join(dir, "ok.yaml")
	if err := os.WriteFile(p, []byte("disable: [unused-component]\nfail-level: none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSettings(p); err != nil {
		t.Errorf("valid settings: %v", err)
	}
}

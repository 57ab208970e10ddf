package driver

import (
	"os"
	"path/filepath"
	"testing"
)

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

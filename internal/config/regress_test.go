package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDelimitedKeys: the collector's config map treats "::" in a key as
// nesting, merged with keys written out.
func TestDelimitedKeys(t *testing.T) {
	src := "service::pipelines::traces:\n  receivers: [otlp]\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n"
	docs, err := LoadBytes("c.yaml", []byte(src), Options{Kind: KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	c := BuildCollector(docs[0].Config, "")
	var ids []string
	for _, p := range c.Pipelines {
		ids = append(ids, fmt.Sprintf("%s@%s", p.ID, p.KeyPos))
	}
	got := strings.Join(ids, " ")
	if got != "traces@c.yaml:1:1 logs@c.yaml:5:5" {
		t.Errorf("pipelines = %s", got)
	}
}

// TestPipelineIDTrimmed: the collector trims both parts of a pipeline ID.
func TestPipelineIDTrimmed(t *testing.T) {
	docs, err := LoadBytes("c.yaml", []byte("service:\n  pipelines:\n    \"traces / a \":\n      receivers: [otlp]\n"), Options{Kind: KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	p := BuildCollector(docs[0].Config, "").Pipelines[0]
	if p.Signal != "traces" || p.Name != "a" {
		t.Errorf("signal %q name %q, want traces and a", p.Signal, p.Name)
	}
}

// TestLimitStopsDocument: past the node limit the partial tree is not
// checked; one problem says why.
func TestLimitStopsDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString("receivers:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "  r%d:\n", i)
	}
	lim := DefaultLimits
	lim.MaxNodes = 50
	docs, err := LoadBytes("big.yaml", []byte(b.String()), Options{Kind: KindConfig, Limits: lim})
	if docs != nil {
		t.Error("a document over the node limit still has a config to check")
	}
	var le *LimitError
	if !errors.As(err, &le) || le.Kind != LimitNodes || !strings.Contains(err.Error(), "more than 50 YAML nodes") {
		t.Errorf("err = %v", err)
	}
}

// TestFileProviderRefusesDevices: ${file:/dev/zero} must not hang.
func TestFileProviderRefusesDevices(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("receivers: ${file:/dev/zero}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := LoadFile(path, Options{Kind: KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range docs[0].Problems {
		found = found || p.Code == "provider-error" && strings.Contains(p.Message, "not a regular file")
	}
	if !found {
		t.Errorf("problems = %v, want a provider-error about a non-regular file", docs[0].Problems)
	}
}

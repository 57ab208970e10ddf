package lint

import (
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

func TestApplyFixes(t *testing.T) {
	src := "exporters:\n  otlp/a: {}\n  logging: {}\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp/a, logging]\n"
	at := func(line, col int) config.Pos { return config.Pos{File: "c.yaml", Line: line, Col: col} }
	fs := []Finding{
		{Fix: &Fix{Edits: []Edit{{Pos: at(2, 3), Old: "otlp", New: "otlp_grpc"}, {Pos: at(7, 19), Old: "otlp", New: "otlp_grpc"}}}},
		{Fix: &Fix{Edits: []Edit{{Pos: at(3, 3), Old: "logging", New: "debug"}, {Pos: at(7, 27), Old: "logging", New: "debug"}}}},
		// Stale: the text is not there, so the whole fix is skipped.
		{Fix: &Fix{Edits: []Edit{{Pos: at(1, 1), Old: "receivers", New: "x"}}}},
		// Another file's edits are not applied here.
		{Fix: &Fix{Edits: []Edit{{Pos: config.Pos{File: "other.yaml", Line: 1, Col: 1}, Old: "exporters", New: "x"}}}},
	}
	got, n := ApplyFixes("c.yaml", []byte(src), fs)
	want := "exporters:\n  otlp_grpc/a: {}\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp_grpc/a, debug]\n"
	if string(got) != want || n != 2 {
		t.Errorf("ApplyFixes = %d fixes\n%s\nwant 2\n%s", n, got, want)
	}
	// A second fix touching an edited spot is skipped whole.
	dup := append(fs[:1:1], Finding{Fix: &Fix{Edits: []Edit{{Pos: at(2, 3), Old: "otlp", New: "x"}}}})
	if _, n := ApplyFixes("c.yaml", []byte(src), dup); n != 1 {
		t.Errorf("overlapping fixes: applied %d, want 1", n)
	}
}

package exact_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/inprocess"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// testCollector returns a collector binary for --collector tests: the one
// OTELCFG_COLLECTOR names (the reference build, e.g.
// /work/refcol/otelcol-ref), or this test binary doubling as a collector
// built from the core component set (see TestMain).
func testCollector(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("OTELCFG_COLLECTOR"); p != "" {
		return p
	}
	// The runner gives the collector a scrubbed environment, so a script
	// sets the variable that makes the test binary a collector.
	script := filepath.Join(t.TempDir(), "otelcol-test")
	body := "#!/bin/sh\nOTELCFG_TEST_COLLECTOR=1 exec '" + os.Args[0] + "' \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script
}

// positions renders findings as "line:col rule" (messages differ between
// engines only in wording: the collector's validate prints its own).
func positions(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Pos.String()+" "+f.Rule)
	}
	sort.Strings(out)
	return out
}

// TestCollectorAgreesWithEngine checks the same configs with the engine
// (in-process) and with a collector binary's validate: same findings at
// the same positions, except what only the engine checks (start, and the
// errors after the first failing creation that validate never reaches).
func TestCollectorAgreesWithEngine(t *testing.T) {
	bin := testCollector(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "lint", "component-*", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "lint", "*-dependent-check", "*.yaml"))
	files = append(files, more...)
	runner := &exact.CollectorRunner{Path: bin}
	for _, file := range files {
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs := loadDocs(t, file, string(data), nil)
			eng, _, err := exact.Check(context.Background(), docs, exact.Options{Runner: inprocess.Runner(), NoStart: true})
			if err != nil {
				t.Fatal(err)
			}
			col, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: runner})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(positions(col), "\n"), strings.Join(positions(eng), "\n"); got != want {
				t.Errorf("collector:\n%s\nengine:\n%s\ncollector findings:\n%s", got, want, render(col))
			}
			if !strings.HasPrefix(st.Engine, "otelcol") {
				t.Errorf("engine %q", st.Engine)
			}
		})
	}
}

func TestCollectorStatus(t *testing.T) {
	runner := &exact.CollectorRunner{Path: testCollector(t)}
	// nosuch is in no binary: it is taken out before validate (so the
	// rest is checked) and reported as not compiled; otlp is an alias the
	// binary has under otlp_grpc.
	docs := loadDocs(t, "c.yaml", `receivers:
  nosuch:
  otlp:
    protocols:
      grpc:
exporters:
  otlp:
    endpoint: tempo
service:
  pipelines:
    traces:
      receivers: [otlp, nosuch]
      exporters: [otlp]
`, nil)
	fs, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: runner})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(fs); got != "c.yaml:8:5: error component-config-invalid: exporters::otlp: clientconfig: address tempo: missing port in address @exporters.otlp.endpoint\n" {
		t.Errorf("findings:\n%s", got)
	}
	d := st.Docs[0]
	if strings.Join(d.NotCompiled, ",") != "receiver/nosuch" || strings.Join(d.Checked, ",") != "exporter/otlp,receiver/otlp" {
		t.Errorf("status %+v", d)
	}
}

func TestCollectorEnv(t *testing.T) {
	runner := &exact.CollectorRunner{Path: testCollector(t)}
	// The machine's environment never reaches the collector: a variable
	// with no value given is empty there too, and only an info.
	t.Setenv("OTLP_ENDPOINT", "tempo:4317")
	src := "exporters:\n  otlp_grpc:\n    endpoint: ${env:OTLP_ENDPOINT}\n"
	fs, _, err := exact.Check(context.Background(), loadDocs(t, "c.yaml", src, nil), exact.Options{Runner: runner})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(fs); !strings.HasPrefix(got, "c.yaml:3:5: info env-dependent-check: exporters::otlp_grpc: requires a non-empty \"endpoint\"; it depends on ${env:OTLP_ENDPOINT}") {
		t.Errorf("unset:\n%s", got)
	}
	// A value given with --env reaches it typed as the collector types it:
	// 4317 is an int, yet a string setting gets the text.
	fs, _, err = exact.Check(context.Background(), loadDocs(t, "c.yaml", "exporters:\n  otlp_grpc:\n    endpoint: ${env:PORT}\n", map[string]string{"PORT": "4317"}), exact.Options{Runner: runner})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(fs); got != "c.yaml:3:5: error component-config-invalid: exporters::otlp_grpc: clientconfig: address 4317: missing port in address @exporters.otlp_grpc.endpoint\n" {
		t.Errorf("given:\n%s", got)
	}
}

func TestCollectorMissing(t *testing.T) {
	docs := loadDocs(t, "c.yaml", "exporters:\n  debug:\n", nil)
	_, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: &exact.CollectorRunner{Path: filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "components") || !strings.Contains(st.Docs[0].Reason, "nope") {
		t.Errorf("err %v, status %+v", err, st)
	}
}

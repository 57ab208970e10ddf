package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otelcfg/otelcfg/internal/simulate/synth"
)

// Exporter output past spillBytes goes to sorted runs on disk and is
// merged: the file is the same as when it is held in memory.
func TestSpilledOutputIsSorted(t *testing.T) {
	startOfTest := time.Now()
	data := synthData(t, 3000)
	rec := filepath.Join(t.TempDir(), "rec.jsonl")
	if err := os.WriteFile(rec, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := cfgPath("gateway.yaml")
	mem, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	defer func(old int) { spillBytes = old }(spillBytes)
	spillBytes = 64 << 10
	dir := t.TempDir()
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}, OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exporters) != len(mem.Exporters) {
		t.Fatalf("%d exporters, want %d", len(res.Exporters), len(mem.Exporters))
	}
	for i, x := range res.Exporters {
		got, err := os.ReadFile(x.File)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		for _, l := range mem.Exporters[i].Lines {
			want.Write(l)
			want.WriteByte('\n')
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: spilled output (%d bytes) differs from the in-memory one (%d bytes)", x.File, len(got), want.Len())
		}
		if x.Lines != nil {
			t.Errorf("%s: lines kept in memory with OutDir", x.ID)
		}
	}
	// The runs are gone.
	if m, _ := filepath.Glob(filepath.Join(os.TempDir(), "otelcfg-simulate-*")); len(m) > 0 {
		for _, d := range m {
			if fi, err := os.Stat(d); err == nil && fi.ModTime().After(startOfTest) {
				t.Errorf("spill directory left behind: %s", d)
			}
		}
	}
}

// --receiver feeds the recording to that receiver's pipelines only.
func TestReceiverOption(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte(`receivers: {otlp: {protocols: {grpc: {}}}, otlp/edge: {protocols: {grpc: {}}}, filelog: {}}
exporters: {debug: {}, debug/edge: {}}
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [debug]}
    traces/edge: {receivers: [otlp/edge], exporters: [debug/edge]}
    logs: {receivers: [filelog], exporters: [debug]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: recordings[:1], Receivers: []string{"otlp/edge"}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if p := pipe(t, res, "traces"); p.Out != 0 {
		t.Errorf("traces got %d spans, want 0", p.Out)
	}
	if p := pipe(t, res, "traces/edge"); p.Out == 0 {
		t.Errorf("traces/edge got nothing")
	}
	for _, bad := range [][]string{{"nope"}, {"debug"}} {
		if _, err := Run(t.Context(), Options{Config: cfg, Inputs: recordings[:1], Receivers: bad, Env: map[string]string{}}); err == nil || !strings.Contains(err.Error(), "--receiver "+bad[0]) {
			t.Errorf("--receiver %s: %v", bad[0], err)
		}
	}
}

// Without --receiver, every pipeline with a receiver gets the recording,
// whatever its receiver is called.
func TestEveryReceiverFed(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte(`receivers: {otlp: {protocols: {grpc: {}}}, filelog: {}}
exporters: {debug: {}, debug/logs: {}}
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [debug]}
    logs: {receivers: [filelog], exporters: [debug/logs]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: recordings, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if p := pipe(t, res, "traces"); p.Out == 0 {
		t.Errorf("traces got nothing")
	}
	if p := pipe(t, res, "logs"); p.Out == 0 {
		t.Errorf("logs (receiver filelog) got nothing: %v", res.Notes)
	}
}

// A pipeline that refuses every batch is one note: the first batch with
// its error, and how many more.
func TestRefusedBatchesNotedOnce(t *testing.T) {
	data := synthData(t, 200)
	res := run(t, "refuse.yaml", writeRecording(t, strings.TrimSpace(string(data))))
	var refusals []string
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "pipeline traces refused") {
			refusals = append(refusals, n)
		}
	}
	if len(refusals) != 1 || !strings.Contains(refusals[0], "rec.jsonl:1: failed to eval condition") || !strings.Contains(refusals[0], "more batches)") {
		t.Fatalf("notes: %q", refusals)
	}
}

// synthData is n generated spans as OTLP JSON lines.
func synthData(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Signal: "traces", Count: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

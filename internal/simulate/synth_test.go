package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func synthBytes(t *testing.T, sig string, n int, seed uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Synth(&b, SynthOptions{Signal: sig, Count: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Synth is deterministic for a seed, writes exactly --count items, and its
// recordings replay through the seed gateway config.
func TestSynth(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for _, sig := range []string{"traces", "metrics", "logs"} {
		a, b := synthBytes(t, sig, 300, 42), synthBytes(t, sig, 300, 42)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with the same seed differ", sig)
		}
		if bytes.Equal(a, synthBytes(t, sig, 300, 43)) {
			t.Errorf("%s: another seed gives the same recording", sig)
		}
		bs, err := Read(sig, a)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range bs {
			n += b.Items()
		}
		if n != 300 {
			t.Errorf("%s: %d items, want 300", sig, n)
		}
		for _, want := range []string{`"service.name"`, `"service.version"`, `"deployment.environment.name"`} {
			if !bytes.Contains(a, []byte(want)) {
				t.Errorf("%s: no %s", sig, want)
			}
		}
		p := filepath.Join(dir, sig+".jsonl")
		if err := os.WriteFile(p, a, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	tr := string(synthBytes(t, "traces", 300, 42))
	for _, want := range []string{`"http.request.method"`, `"http.response.status_code"`, `"url.full"`, `"db.system.name"`, `"status":{"code":2}`, `"error.type"`} {
		if !strings.Contains(tr, want) {
			t.Errorf("traces: no %s", want)
		}
	}
	res := run(t, "gateway.yaml", inputs...)
	for id, sig := range map[string]string{"otlp/trace": "traces", "prometheusremotewrite": "metrics", "otlp_http/loki": "logs"} {
		if x := exporter(t, res, id, sig); x.Items != 300 {
			t.Errorf("%s: %d items, want 300", id, x.Items)
		}
	}
	if len(synthBytes(t, "logs", 0, 1)) != 0 {
		t.Error("count 0 writes something")
	}
}

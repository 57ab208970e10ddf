package simulate

import (
	"bytes"
	"io"
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

// --format proto writes the same requests as the file exporter's proto
// format, which reads back to the same batches.
func TestSynthProto(t *testing.T) {
	for _, sig := range []string{"traces", "metrics", "logs"} {
		var j, p bytes.Buffer
		if err := Synth(&j, SynthOptions{Signal: sig, Count: 300, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		if err := Synth(&p, SynthOptions{Signal: sig, Count: 300, Seed: 3, Format: "proto"}); err != nil {
			t.Fatal(err)
		}
		fromJSON, err := Read(sig+".jsonl", j.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		fromProto, err := ReadAs(sig+".pb", p.Bytes(), sig)
		if err != nil {
			t.Fatal(err)
		}
		if len(fromProto) != len(fromJSON) || items(fromProto) != 300 {
			t.Fatalf("%s: %d requests, %d items from proto; %d requests from JSON", sig, len(fromProto), items(fromProto), len(fromJSON))
		}
		for i := range fromJSON {
			a, _ := resourceLines(fromJSON[i].data())
			b, _ := resourceLines(fromProto[i].data())
			if !bytes.Equal(bytes.Join(a, nil), bytes.Join(b, nil)) {
				t.Fatalf("%s: request %d differs between JSON and proto", sig, i+1)
			}
		}
	}
	if err := Synth(io.Discard, SynthOptions{Signal: "traces", Format: "yaml"}); err == nil {
		t.Error("--format yaml accepted")
	}
}

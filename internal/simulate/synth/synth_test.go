package synth

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

func synthBytes(t *testing.T, sig string, n int, seed uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, Options{Signal: sig, Count: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Write is deterministic for a seed and writes exactly --count items (its
// recordings replay through the seed gateway config: TestSynthReplays in
// package simulate).
func TestSynth(t *testing.T) {
	for _, sig := range []string{"traces", "metrics", "logs"} {
		a, b := synthBytes(t, sig, 300, 42), synthBytes(t, sig, 300, 42)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with the same seed differ", sig)
		}
		if bytes.Equal(a, synthBytes(t, sig, 300, 43)) {
			t.Errorf("%s: another seed gives the same recording", sig)
		}
		bs, err := recording.Read(sig, a)
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
	}
	tr := string(synthBytes(t, "traces", 300, 42))
	for _, want := range []string{`"http.request.method"`, `"http.response.status_code"`, `"url.full"`, `"db.system.name"`, `"status":{"code":2}`, `"error.type"`} {
		if !strings.Contains(tr, want) {
			t.Errorf("traces: no %s", want)
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
		if err := Write(&j, Options{Signal: sig, Count: 300, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&p, Options{Signal: sig, Count: 300, Seed: 3, Format: "proto"}); err != nil {
			t.Fatal(err)
		}
		fromJSON, err := recording.Read(sig+".jsonl", j.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		fromProto, err := recording.ReadAs(sig+".pb", p.Bytes(), sig)
		if err != nil {
			t.Fatal(err)
		}
		if len(fromProto) != len(fromJSON) || items(fromProto) != 300 {
			t.Fatalf("%s: %d requests, %d items from proto; %d requests from JSON", sig, len(fromProto), items(fromProto), len(fromJSON))
		}
		for i := range fromJSON {
			if a, b := jsonOf(t, fromJSON[i]), jsonOf(t, fromProto[i]); !bytes.Equal(a, b) {
				t.Fatalf("%s: request %d differs between JSON and proto", sig, i+1)
			}
		}
	}
	if err := Write(io.Discard, Options{Signal: "traces", Format: "yaml"}); err == nil {
		t.Error("--format yaml accepted")
	}
}

func items(bs []recording.Batch) int {
	n := 0
	for _, b := range bs {
		n += b.Items()
	}
	return n
}

// jsonOf is b as OTLP JSON.
func jsonOf(t *testing.T, b recording.Batch) []byte {
	t.Helper()
	var out []byte
	var err error
	switch d := b.Data().(type) {
	case ptrace.Traces:
		out, err = (&ptrace.JSONMarshaler{}).MarshalTraces(d)
	case pmetric.Metrics:
		out, err = (&pmetric.JSONMarshaler{}).MarshalMetrics(d)
	case plog.Logs:
		out, err = (&plog.JSONMarshaler{}).MarshalLogs(d)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

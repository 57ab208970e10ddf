package simulate

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Recordings written as OTLP protobuf (with the signal given) and as gzip
// (JSON lines, JSON documents, protobuf) replay like the JSON lines they
// came from.
func TestProtobufAndGzipInputs(t *testing.T) {
	dir := t.TempDir()
	want := map[string]int{}
	var protos = map[string][]byte{}
	for _, in := range recordings {
		bs, err := recording.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		b := bs[0]
		want[b.Signal] = b.Items()
		var pb []byte
		switch b.Signal {
		case "traces":
			pb, err = (&ptrace.ProtoMarshaler{}).MarshalTraces(b.Traces)
		case "metrics":
			pb, err = (&pmetric.ProtoMarshaler{}).MarshalMetrics(b.Metrics)
		case "logs":
			pb, err = (&plog.ProtoMarshaler{}).MarshalLogs(b.Logs)
		}
		if err != nil {
			t.Fatal(err)
		}
		protos[b.Signal] = pb
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for sig, pb := range protos {
		for _, p := range []string{write(sig+".pb", pb), write(sig+".pb.gz", gz(t, pb))} {
			bs, err := recording.ReadFileAs(p, sig)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if len(bs) != 1 || bs[0].Signal != sig || bs[0].Items() != want[sig] {
				t.Errorf("%s: %d batches", p, len(bs))
			}
			res, err := Run(t.Context(), Options{Config: cfgPath("gateway.yaml"), Inputs: []string{p}, Signal: sig, Env: map[string]string{}})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Inputs[0].Items; got != want[sig] {
				t.Errorf("%s: replayed %d items, want %d", p, got, want[sig])
			}
		}
		// Without the signal, a protobuf file is an error that says to give it.
		if _, err := recording.ReadFile(filepath.Join(dir, sig+".pb")); err == nil || !strings.Contains(err.Error(), "--signal") {
			t.Errorf("%s without signal: %v", sig, err)
		}
	}
	// gzip JSON lines and a gzip pretty-printed JSON document.
	lines, err := os.ReadFile(recordings[0])
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, "gateway.yaml", write("traces.jsonl.gz", gz(t, lines)))
	if x := exporter(t, res, "otlp/trace", "traces"); x.Items != 3 {
		t.Errorf("gzip JSON lines: %d spans", x.Items)
	}
	doc := `{
  "resourceLogs": [{"scopeLogs": [{"logRecords": [{"body": {"stringValue": "a"}}, {"body": {"stringValue": "b"}}]}]}]
}`
	bs, err := recording.ReadFileAs(write("doc.json.gz", gz(t, []byte(doc))), "")
	if err != nil || len(bs) != 1 || bs[0].Items() != 2 {
		t.Errorf("gzip JSON document: %v", err)
	}
	// Corrupt protobuf and corrupt gzip are errors naming the file.
	if _, err := recording.ReadFileAs(write("bad.pb", []byte{0x0a, 0xff, 0xff}), "traces"); err == nil || !strings.Contains(err.Error(), "bad.pb: invalid OTLP protobuf") {
		t.Errorf("corrupt protobuf: %v", err)
	}
	if _, err := recording.ReadFileAs(write("bad.gz", []byte{0x1f, 0x8b, 1, 2, 3}), ""); err == nil || !strings.Contains(err.Error(), "bad.gz: gzip") {
		t.Errorf("corrupt gzip: %v", err)
	}
}

package recording

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otelcfg/otelcfg/internal/simulate/synth"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// synthBatches generates n spans and reads them back as batches.
func synthBatches(t *testing.T, n int) ([]byte, []Batch) {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Signal: "traces", Count: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	bs, err := Read("synth", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), bs
}

// The file exporter's proto format (4-byte big-endian length, request, …)
// is streamed request by request; errors name the request.
func TestProtoFrames(t *testing.T) {
	_, bs := synthBatches(t, 200)
	var framed bytes.Buffer
	for _, b := range bs {
		pb, err := (&ptrace.ProtoMarshaler{}).MarshalTraces(b.Traces)
		if err != nil {
			t.Fatal(err)
		}
		binary.Write(&framed, binary.BigEndian, uint32(len(pb)))
		framed.Write(pb)
	}
	got, err := ReadAs("rec.pb", framed.Bytes(), "traces")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(bs) || items(got) != 200 || got[1].Line != 2 {
		t.Fatalf("%d requests, %d spans, second at record %d; want %d, 200, 2", len(got), items(got), got[1].Line, len(bs))
	}
	// gzip on top, as a file.
	p := filepath.Join(t.TempDir(), "rec.pb.gz")
	if err := os.WriteFile(p, gz(t, framed.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFileAs(p, "traces"); err != nil || items(got) != 200 {
		t.Fatalf("gzip: %d spans, %v", items(got), err)
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"truncated":     {framed.Bytes()[:framed.Len()-3], "rec.pb:" + strconv.Itoa(len(bs)) + ": request " + strconv.Itoa(len(bs)) + ": truncated"},
		"short prefix":  {append(append([]byte(nil), framed.Bytes()...), 0, 0), "truncated length prefix"},
		"empty request": {[]byte{0, 0, 0, 0}, "rec.pb:1: request 1 is empty"},
		"huge length":   {[]byte{0x05, 0, 0, 0, 1}, "rec.pb:1: request 1: 83886080 bytes, more than 64 MiB"},
		"corrupt":       {[]byte{0, 0, 0, 3, 0x0a, 0xff, 0xff}, "rec.pb:1: invalid OTLP protobuf"},
	} {
		if _, err := ReadAs("rec.pb", tc.data, "traces"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// Each gives the batches in recording order whatever the number of
// workers, and stops at the first error with everything before it given.
func TestEachOrderAndErrors(t *testing.T) {
	data, want := synthBatches(t, 500)
	for _, workers := range []int{1, 2, 8} {
		r, err := NewRecording("rec.jsonl", bytes.NewReader(data), "")
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		if err := r.Each(workers, func(b Batch) error { lines = append(lines, b.Line); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(lines) != len(want) {
			t.Fatalf("workers %d: %d batches, want %d", workers, len(lines), len(want))
		}
		for i, l := range lines {
			if l != want[i].Line {
				t.Fatalf("workers %d: batch %d from line %d, want %d", workers, i, l, want[i].Line)
			}
		}
	}
	// A corrupt line 40: 39 batches, then its error.
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines[39] = []byte("{\"resourceSpans\":[{]}\n")
	r, _ := NewRecording("rec.jsonl", bytes.NewReader(bytes.Join(lines, nil)), "")
	n := 0
	err := r.Each(2, func(Batch) error { n++; return nil })
	if n != 39 || err == nil || !strings.HasPrefix(err.Error(), "rec.jsonl:40: not OTLP JSON") {
		t.Fatalf("%d batches, %v; want 39 and rec.jsonl:40: not OTLP JSON", n, err)
	}
	// An error from fn stops the stream.
	r, _ = NewRecording("rec.jsonl", bytes.NewReader(data), "")
	stop := errors.New("stop")
	n = 0
	if err := r.Each(2, func(Batch) error { n++; return map[bool]error{true: stop}[n == 3] }); err != stop || n != 3 {
		t.Fatalf("%d batches, %v; want 3, stop", n, err)
	}
}

// Protobuf nested deeper than MaxRequestDepth is refused before pdata's
// recursive decoder sees it (millions of levels would exhaust its stack).
func TestProtoDepthLimit(t *testing.T) {
	nested := func(levels int) []byte {
		td := ptrace.NewTraces()
		v := td.ResourceSpans().AppendEmpty().ScopeSpans().AppendEmpty().Spans().AppendEmpty().Attributes().PutEmpty("deep")
		for range levels {
			v = v.SetEmptySlice().AppendEmpty()
		}
		v.SetStr("x")
		b, err := (&ptrace.ProtoMarshaler{}).MarshalTraces(td)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if _, err := ReadAs("deep.pb", nested(MaxRequestDepth), "traces"); err == nil || !strings.Contains(err.Error(), "nested more than 10000 levels deep") {
		t.Errorf("%d levels: %v", MaxRequestDepth, err)
	}
	if bs, err := ReadAs("ok.pb", nested(100), "traces"); err != nil || len(bs) != 1 {
		t.Errorf("100 levels: %v", err)
	}
}

// A protobuf request that starts "\n{" (field 1, 123 bytes long) is read
// as protobuf when a signal is given; JSON after a blank line is JSON.
func TestProtoThatLooksLikeJSON(t *testing.T) {
	ambiguous := 0
	for n := 90; n < 130; n++ {
		td := ptrace.NewTraces()
		td.ResourceSpans().AppendEmpty().ScopeSpans().AppendEmpty().Spans().AppendEmpty().SetName(strings.Repeat("x", n))
		pb, err := (&ptrace.ProtoMarshaler{}).MarshalTraces(td)
		if err != nil {
			t.Fatal(err)
		}
		if string(pb[:2]) == "\n{" {
			ambiguous++
		}
		bs, err := ReadAs("one.pb", pb, "traces")
		if err != nil || items(bs) != 1 {
			t.Fatalf("name of %d bytes (starts %q): %v", n, pb[:2], err)
		}
	}
	if ambiguous == 0 {
		t.Fatal("no request started with \"\\n{\": the test does not test")
	}
	bs, err := ReadAs("rec.jsonl", []byte("\n"+oneSpan+"\n"), "traces")
	if err != nil || items(bs) != 1 || bs[0].Line != 2 {
		t.Fatalf("JSON after a blank line with --signal: %v", err)
	}
}

// Escaped top-level keys, a byte order mark, and a corrupt gzip stream of
// protobuf frames.
func TestReaderEdges(t *testing.T) {
	line := strings.Replace(oneSpan, `"resourceSpans"`, `"resource\u0053pans"`, 1)
	if bs, err := Read("esc.jsonl", []byte(line)); err != nil || items(bs) != 1 {
		t.Errorf("escaped key: %v", err)
	}
	if bs, err := Read("bom.jsonl", append([]byte{0xef, 0xbb, 0xbf}, oneSpan...)); err != nil || items(bs) != 1 {
		t.Errorf("byte order mark: %v", err)
	}
	_, bs := synthBatches(t, 50)
	var framed bytes.Buffer
	for _, b := range bs {
		pb, _ := (&ptrace.ProtoMarshaler{}).MarshalTraces(b.Traces)
		binary.Write(&framed, binary.BigEndian, uint32(len(pb)))
		framed.Write(pb)
	}
	z := gz(t, framed.Bytes())
	z[len(z)-8] ^= 0xff // the CRC
	_, err := ReadAs("rec.pb.gz", z, "traces")
	if err == nil || !strings.Contains(err.Error(), "gzip: invalid checksum") || strings.Contains(err.Error(), "gzip: gzip") || strings.Contains(err.Error(), "truncated") {
		t.Errorf("corrupt gzip: %v", err)
	}
}

// A bad request on a pipe whose writer stays open ends Each at once.
func TestEachStopsOnAnOpenPipe(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(oneSpan + "\n" + `{"resourceSpans": 5}` + "\n" + `{"resourceSp`))
		// and the writer stays open
	}()
	r, err := NewRecording("stdin", pr, "")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- r.Each(2, func(Batch) error { return nil }) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "stdin:2:") {
			t.Fatalf("err = %v, want the error of line 2", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Each did not return after a bad request")
	}
	pw.Close() // lets the blocked reader go
}

// oneSpan is one OTLP JSON request with one span.
const oneSpan = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[{"traceId":"00000000000000000000000000000001","spanId":"0000000000000001","name":"GET /cart","kind":2,"startTimeUnixNano":"1735689599990000000","endTimeUnixNano":"1735689600000000000"}]}]}]}`

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

package recording

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// A gzip bomb stops inflating at the recording limit when a recording is
// read whole (a replay streams it).
func TestGzipBombStopsAtLimit(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i <= MaxRecordingBytes>>20; i++ {
		if _, err := zw.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := ReadAs("bomb.gz", buf.Bytes(), "")
	if err == nil || !strings.Contains(err.Error(), "decompresses to more than") {
		t.Fatalf("err = %v, want the decompression limit", err)
	}
}

// An OTLP JSON document (pretty-printed) reads like a line.
func TestDocumentInput(t *testing.T) {
	doc := "{\n  \"resourceLogs\": [\n    {\"scopeLogs\": [{\"logRecords\": [{\"body\": {\"stringValue\": \"x\"}}]}]}\n  ]\n}\n"
	b, err := Read("doc.json", []byte(doc))
	if err != nil || len(b) != 1 || b[0].Signal != "logs" || b[0].Items() != 1 {
		t.Fatalf("got %v, %v", b, err)
	}
}

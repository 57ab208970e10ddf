package recording

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// fuzzMaxInput bounds what one fuzz input may be: the reader is linear in
// its input, and larger inputs only slow the fuzzer down.
const fuzzMaxInput = 128 << 10

// Seeds live in testdata/fuzz/<FuzzName>/ (real records, truncated JSON,
// huge numbers, deep nesting, invalid UTF-8); these are a few more inline.
var fuzzSeeds = []string{
	`{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a","traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}` + "\n",
	`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","sum":{"dataPoints":[{"asInt":"1"}]}}]}]}]}` + "\n",
	`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}}]}]}]}` + "\n",
	"{\"resourceSpans\":[]}\n{\"resourceLogs\":[]}\n",
	`{"resourceSpans":[`,
	`[]`,
	`{"resourceSpans":[],"resourceLogs":[]}`,
}

// checkRead reads data and checks what any reader result must satisfy:
// batches with a signal and a line inside the input, or an *InputError
// naming the file and a line inside the input. A panic fails the fuzzer.
func checkRead(t *testing.T, data []byte) []Batch {
	t.Helper()
	lines := bytes.Count(data, []byte("\n")) + 1
	batches, err := Read("f.jsonl", data)
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %T is not an *InputError: %v", err, err)
		}
		if ie.File != "f.jsonl" || !strings.HasPrefix(err.Error(), "f.jsonl") {
			t.Fatalf("error does not name the file: %v", err)
		}
		if ie.Line < 0 || ie.Line > lines {
			t.Fatalf("error line %d outside 1..%d: %v", ie.Line, lines, err)
		}
		if batches != nil {
			t.Fatalf("batches returned with an error")
		}
		return nil
	}
	if len(batches) == 0 {
		t.Fatalf("no batches and no error")
	}
	last := 0
	for _, b := range batches {
		switch b.Signal {
		case "traces", "metrics", "logs":
		default:
			t.Fatalf("batch with signal %q", b.Signal)
		}
		if b.File != "f.jsonl" || b.Line < 1 || b.Line > lines || b.Line < last {
			t.Fatalf("batch at %s:%d (previous line %d, %d lines)", b.File, b.Line, last, lines)
		}
		last = b.Line
		if b.Items() < 0 {
			t.Fatalf("negative item count")
		}
	}
	return batches
}

func items(bs []Batch) int {
	n := 0
	for _, b := range bs {
		n += b.Items()
	}
	return n
}

// FuzzReadJSONLines feeds arbitrary bytes to the reader as a recording of
// OTLP JSON lines (the file exporter's format).
func FuzzReadJSONLines(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			t.Skip()
		}
		checkRead(t, data)
	})
}

// FuzzReadJSONDocument feeds arbitrary bytes to the reader as OTLP JSON
// documents. Layout must not matter: a valid input read pretty-printed
// gives the same batches, and two copies of an input give twice as many.
func FuzzReadJSONDocument(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			t.Skip()
		}
		got := checkRead(t, data)
		if got == nil {
			return
		}
		var pretty bytes.Buffer
		if json.Valid(data) {
			if err := json.Indent(&pretty, data, "", "  "); err != nil {
				t.Fatal(err)
			}
			again := checkRead(t, pretty.Bytes())
			if len(again) != len(got) || items(again) != items(got) {
				t.Fatalf("pretty-printed: %d batches, %d items; compact: %d batches, %d items", len(again), items(again), len(got), items(got))
			}
		}
		twice := checkRead(t, append(append(append([]byte(nil), data...), '\n'), data...))
		if len(twice) != 2*len(got) || items(twice) != 2*items(got) {
			t.Fatalf("two copies: %d batches, %d items; one: %d batches, %d items", len(twice), items(twice), len(got), items(got))
		}
	})
}

// FuzzReadProto feeds arbitrary bytes to the reader as OTLP protobuf of
// each signal: one request, or the file exporter's length-prefixed ones.
// Every result is batches or an *InputError naming the file; never a
// panic.
func FuzzReadProto(f *testing.F) {
	f.Add([]byte{0x0a, 0x00})
	f.Add([]byte{0, 0, 0, 2, 0x0a, 0x00})
	f.Add([]byte{0, 0, 0, 4, 0x0a, 0x02, 0x0a, 0x00, 0, 0, 0, 1})
	f.Add([]byte{0x0a, 0x8c, 0x01, 0x0a, 0x1d})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			t.Skip()
		}
		for _, sig := range []string{"traces", "metrics", "logs"} {
			bs, err := ReadAs("f.pb", data, sig)
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || ie.File != "f.pb" {
					t.Fatalf("%s: error %T does not name the file: %v", sig, err, err)
				}
				continue
			}
			for _, b := range bs {
				if b.Signal != sig {
					t.Fatalf("batch of %s read as %s", b.Signal, sig)
				}
			}
		}
	})
}

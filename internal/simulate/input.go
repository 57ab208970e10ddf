package simulate

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// Batch is one recorded OTLP request: exactly one of Traces, Metrics, Logs
// is set.
type Batch struct {
	Signal  string
	Traces  ptrace.Traces
	Metrics pmetric.Metrics
	Logs    plog.Logs
	File    string
	Line    int
}

// Items is the number of spans, metric data points or log records.
func (b Batch) Items() int {
	switch b.Signal {
	case "traces":
		return b.Traces.SpanCount()
	case "metrics":
		return b.Metrics.DataPointCount()
	default:
		return b.Logs.LogRecordCount()
	}
}

// InputError is a recording that cannot be read; it names the file and line.
type InputError struct {
	File string
	Line int
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// ReadFile reads a recording: OTLP JSON lines as the file exporter writes
// them (one request per line, the signal detected per line) or OTLP JSON
// documents (pretty-printed or not, one or more per file), each possibly
// gzip-compressed.
func ReadFile(path string) ([]Batch, error) { return ReadFileAs(path, "") }

// ReadFileAs is ReadFile that also reads OTLP protobuf: with signal set
// (traces, metrics or logs), a file that is not JSON is read as one
// protobuf Export…ServiceRequest of that signal. gzip-compressed files
// (detected by their magic bytes) are decompressed first.
func ReadFileAs(path, signal string) ([]Batch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	defer f.Close()
	// Read at most one byte past the limit: a huge file is refused without
	// being read whole (ReadAs says why).
	data, err := io.ReadAll(io.LimitReader(f, int64(MaxRecordingBytes)+1))
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	return ReadAs(path, data, signal)
}

// ReadAs parses a recording held in data like ReadFileAs; name is used in
// errors.
func ReadAs(name string, data []byte, signal string) ([]Batch, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, &InputError{File: name, Err: fmt.Errorf("gzip: %v", err)}
		}
		zr.Multistream(true)
		// Inflate no further than the recording limit: a gzip bomb stops here.
		inflated, err := io.ReadAll(io.LimitReader(zr, int64(MaxRecordingBytes)+1))
		if err != nil {
			return nil, &InputError{File: name, Err: fmt.Errorf("gzip: %v", err)}
		}
		if len(inflated) > MaxRecordingBytes {
			return nil, &InputError{File: name, Err: fmt.Errorf("gzip: decompresses to more than %d MiB: not read (split the recording)", MaxRecordingBytes>>20)}
		}
		data = inflated
	}
	if off := skipSpace(data, 0); signal != "" && off < len(data) && data[off] != '{' {
		if len(data) > MaxRecordingBytes { // the JSON path checks this in Read
			return nil, &InputError{File: name, Err: fmt.Errorf("larger than %d MiB: not read (split the recording)", MaxRecordingBytes>>20)}
		}
		b, err := readProto(name, data, signal)
		if err != nil {
			return nil, err
		}
		return []Batch{b}, nil
	}
	out, err := Read(name, data)
	var ie *InputError
	if off := skipSpace(data, 0); err != nil && signal == "" && off < len(data) && data[off] != '{' && errors.As(err, &ie) {
		ie.Err = fmt.Errorf("%v (for OTLP protobuf give the signal: --signal traces|metrics|logs)", ie.Err)
	}
	return out, err
}

// readProto reads data as one OTLP protobuf request of signal.
func readProto(name string, data []byte, signal string) (b Batch, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &InputError{File: name, Err: fmt.Errorf("invalid OTLP protobuf (%s): %v", signal, r)}
		}
	}()
	b = Batch{Signal: signal, File: name}
	switch signal {
	case "traces":
		b.Traces, err = (&ptrace.ProtoUnmarshaler{}).UnmarshalTraces(data)
	case "metrics":
		b.Metrics, err = (&pmetric.ProtoUnmarshaler{}).UnmarshalMetrics(data)
	case "logs":
		b.Logs, err = (&plog.ProtoUnmarshaler{}).UnmarshalLogs(data)
	default:
		return b, &InputError{File: name, Err: fmt.Errorf("signal %q: want traces, metrics or logs", signal)}
	}
	if err != nil {
		return b, &InputError{File: name, Err: fmt.Errorf("invalid OTLP protobuf (%s): %v", signal, err)}
	}
	if b.Items() == 0 {
		return b, &InputError{File: name, Err: fmt.Errorf("no %s in the OTLP protobuf request", signal)}
	}
	return b, nil
}

// Read parses a recording held in data; name is used in errors.
func Read(name string, data []byte) ([]Batch, error) {
	if err := checkRecordingSize(data); err != nil {
		return nil, &InputError{File: name, Err: err}
	}
	var out []Batch
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := skipSpace(data, int(dec.InputOffset()))
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			off := start
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = int(se.Offset)
			}
			var ue *json.UnmarshalTypeError
			if errors.As(err, &ue) {
				off = int(ue.Offset)
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				off = start
			}
			msg := fmt.Sprintf("not OTLP JSON: %v", err)
			if l := lineAt(data, off); l != lineAt(data, start) {
				msg += fmt.Sprintf(" (near line %d)", l)
			}
			return nil, &InputError{File: name, Line: lineAt(data, start), Err: errors.New(msg)}
		}
		line := lineAt(data, start)
		b, err := decodeRequest(raw)
		if err != nil {
			return nil, &InputError{File: name, Line: line, Err: err}
		}
		b.File, b.Line = name, line
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, &InputError{File: name, Err: errors.New("no OTLP data in the file")}
	}
	return out, nil
}

func decodeRequest(raw []byte) (b Batch, err error) {
	if len(raw) == 0 || raw[0] != '{' {
		return b, errors.New("not OTLP JSON: expected an object")
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return b, fmt.Errorf("not OTLP JSON: %v", err)
	}
	var found []string
	for _, k := range []string{"resourceSpans", "resourceMetrics", "resourceLogs", "resourceProfiles"} {
		if _, ok := keys[k]; ok {
			found = append(found, k)
		}
	}
	if len(found) != 1 {
		if len(found) == 0 {
			return b, errors.New("not an OTLP request: no resourceSpans, resourceMetrics or resourceLogs")
		}
		return b, fmt.Errorf("not an OTLP request: both %s and %s", found[0], found[1])
	}
	// pdata's decoders must not see hostile input panic the process.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid OTLP JSON: %v", r)
		}
	}()
	switch found[0] {
	case "resourceSpans":
		b.Signal = "traces"
		b.Traces, err = (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(raw)
	case "resourceMetrics":
		b.Signal = "metrics"
		b.Metrics, err = (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(raw)
	case "resourceLogs":
		b.Signal = "logs"
		b.Logs, err = (&plog.JSONUnmarshaler{}).UnmarshalLogs(raw)
	default:
		return b, errors.New("profiles are not supported yet")
	}
	if err != nil {
		return b, fmt.Errorf("invalid OTLP JSON (%s): %v", b.Signal, err)
	}
	return b, nil
}

func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// Limits on one recording (after decompression), so that a hostile or
// mistaken input ends with an error instead of gigabytes of memory: pdata
// takes a few hundred bytes per JSON object, and "{}," is three bytes.
var (
	MaxRecordingBytes   = 64 << 20  // 64 MiB of JSON
	MaxRecordingObjects = 1_000_000 // JSON objects ('{'), about 100k spans
)

func checkRecordingSize(data []byte) error {
	if len(data) > MaxRecordingBytes {
		return fmt.Errorf("larger than %d MiB: not read (split the recording)", MaxRecordingBytes>>20)
	}
	if n := bytes.Count(data, []byte("{")); n > MaxRecordingObjects {
		return fmt.Errorf("more than %d JSON objects (%d): not read (split the recording)", MaxRecordingObjects, n)
	}
	return nil
}

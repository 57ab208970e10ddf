// Package recording reads OTLP recordings — JSON lines as the file exporter
// writes them, JSON documents, protobuf requests and the file exporter's
// length-prefixed protobuf frames, any of them gzip-compressed — request by
// request, so that a recording larger than memory replays in constant memory.
package recording

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"go.opentelemetry.io/collector/pdata/pcommon"
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
	// Line is where the request starts: its line in a JSON recording, its
	// record number (from 1) in a protobuf one.
	Line int
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

// Data is the batch's pdata value (ptrace.Traces, pmetric.Metrics or plog.Logs).
func (b Batch) Data() any {
	switch b.Signal {
	case "traces":
		return b.Traces
	case "metrics":
		return b.Metrics
	default:
		return b.Logs
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

// Limits on one request (one JSON value, one protobuf message), so that a
// hostile or mistaken input ends with an error instead of gigabytes of
// memory: pdata takes a few hundred bytes per JSON object, and "{}," is
// three bytes. A recording of many requests is streamed and has no limit.
var (
	MaxRequestBytes   = 64 << 20  // 64 MiB
	MaxRequestObjects = 1_000_000 // JSON objects ('{'), about 100k spans
	// MaxRequestDepth bounds JSON nesting (as encoding/json does): the
	// decoder recurses, and a deep enough value would exhaust its stack.
	MaxRequestDepth = 10_000
	// MaxRecordingBytes bounds what Read, ReadAs, ReadFile and ReadFileAs,
	// which return a whole recording, read (after decompression).
	MaxRecordingBytes = 64 << 20
)

// Recording formats, told apart by the first bytes of the (decompressed)
// file.
const (
	formatJSON        = iota // OTLP JSON lines or documents
	formatProto              // one protobuf Export…ServiceRequest
	formatProtoFrames        // the file exporter's proto format: 4-byte big-endian length, message, …
)

// A Recording streams the requests of one recording file, so that a
// recording larger than memory replays in constant memory.
type Recording struct {
	name   string
	signal string
	format int
	src    *bufio.Reader
	gz     io.Closer // the gzip reader, if the file is compressed
	file   io.Closer // the file Open opened
	// pending are Each's goroutines when it stopped early: they may be
	// blocked reading, until the file is closed.
	pending *sync.WaitGroup
	// limit, when positive, bounds the bytes read in all (Read* only).
	limit  int64
	count  *countingReader
	gzip   bool
	line   int // JSON: the line at the read position
	record int // protobuf: requests read
	read   int // requests returned
	done   bool
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Open opens a recording: OTLP JSON lines as the file exporter writes them
// (one request per line, the signal detected per line) or OTLP JSON
// documents (pretty-printed or not, one or more per file); with signal set
// (traces, metrics or logs) also OTLP protobuf, either one
// Export…ServiceRequest or the file exporter's length-prefixed requests.
// Each may be gzip-compressed (detected by its magic bytes).
func Open(path, signal string) (*Recording, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	r, err := NewRecording(path, f, signal)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return r, nil
}

// NewRecording reads a recording from src like Open; name is used in errors.
func NewRecording(name string, src io.Reader, signal string) (*Recording, error) {
	return newRecording(name, src, signal, 0)
}

func newRecording(name string, src io.Reader, signal string, limit int64) (*Recording, error) {
	switch signal {
	case "", "traces", "metrics", "logs":
	default:
		return nil, &InputError{File: name, Err: fmt.Errorf("signal %q: want traces, metrics or logs", signal)}
	}
	r := &Recording{name: name, signal: signal, limit: limit, line: 1}
	// What limit counts is what the reader sees: the file, or what gzip
	// inflates. Small in-memory recordings get small buffers.
	size := 1 << 20
	if b, ok := src.(*bytes.Reader); ok {
		size = max(4096, min(size, int(b.Size())))
	}
	counted := func(src io.Reader) io.Reader {
		if limit <= 0 {
			return src
		}
		r.count = &countingReader{r: src}
		return r.count
	}
	br := bufio.NewReaderSize(counted(src), size)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &InputError{File: name, Err: fmt.Errorf("gzip: %v", err)}
		}
		zr.Multistream(true)
		r.gz = zr
		r.gzip = true
		br = bufio.NewReaderSize(counted(zr), 1<<20)
	}
	r.src = br
	// A UTF-8 byte order mark (some editors write one) is not part of the
	// JSON.
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xef, 0xbb, 0xbf}) {
		br.Discard(3)
	}
	// The first byte that is not JSON white space tells JSON from
	// protobuf. The very first byte tells one protobuf request (field 1,
	// 0x0a) from the file exporter's length-prefixed ones (the high byte of
	// a length, which is 0x0a only past 160 MiB).
	first, err := br.Peek(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, r.readErr(err)
	}
	if len(first) == 0 {
		return r, nil // empty: Next says so
	}
	firstByte := first[0]
	for n := 1; ; n *= 2 {
		buf, err := br.Peek(min(n, br.Size()))
		if off := skipSpace(buf, 0); off < len(buf) {
			if buf[off] != '{' {
				break
			}
			// "\n{" is also how a protobuf request may start (field 1,
			// 123 bytes long): with a signal, protobuf framing decides.
			if signal == "" || firstByte != 0x0a {
				return r, nil
			}
			all, err := br.Peek(br.Size())
			if !looksLikeProto(all, err != nil) {
				return r, nil
			}
			break
		}
		if err != nil || len(buf) == br.Size() {
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, r.readErr(err)
			}
			return r, nil // white space only: Next says there is no data
		}
	}
	if signal == "" {
		return r, nil // JSON, and Next reports what is not
	}
	r.format = formatProtoFrames
	if firstByte == 0x0a {
		r.format = formatProto
	}
	return r, nil
}

func (r *Recording) readErr(err error) error {
	if r.gzip && !strings.HasPrefix(err.Error(), "gzip: ") {
		return &InputError{File: r.name, Err: fmt.Errorf("gzip: %v", err)}
	}
	return &InputError{File: r.name, Err: err}
}

// Close closes the file, once Each's goroutines are done with it.
func (r *Recording) Close() error {
	var errs []error
	if r.file != nil {
		errs = append(errs, r.file.Close()) // unblocks a pending read
		r.file = nil
	}
	if r.pending != nil {
		r.pending.Wait()
		r.pending = nil
	}
	if r.gz != nil {
		errs = append(errs, r.gz.Close())
		r.gz = nil
	}
	return errors.Join(errs...)
}

// request is one undecoded request of a recording.
type request struct {
	data   []byte
	line   int
	signal string // JSON: from its top-level key; "" if none or several
	keys   []string
	proto  bool
}

// next returns the next undecoded request, or io.EOF.
func (r *Recording) next() (request, error) {
	if r.done {
		return request{}, io.EOF
	}
	var (
		q   request
		err error
	)
	switch r.format {
	case formatJSON:
		q, err = r.nextJSON()
	case formatProto:
		q, err = r.nextProto()
	default:
		q, err = r.nextFrame()
	}
	if err == nil && r.count != nil && r.count.n > r.limit {
		err = r.tooLarge()
	}
	if errors.Is(err, io.EOF) {
		r.done = true
		if r.read == 0 {
			return q, &InputError{File: r.name, Err: errors.New("no OTLP data in the file")}
		}
		return q, io.EOF
	}
	if err != nil {
		r.done = true
		return q, err
	}
	r.read++
	return q, nil
}

func (r *Recording) tooLarge() error {
	if r.gzip {
		return &InputError{File: r.name, Err: fmt.Errorf("gzip: decompresses to more than %d MiB: not read (split the recording, or replay it with otelcfg simulate, which streams)", r.limit>>20)}
	}
	return &InputError{File: r.name, Err: fmt.Errorf("larger than %d MiB: not read (split the recording, or replay it with otelcfg simulate, which streams)", r.limit>>20)}
}

// nextJSON cuts the next top-level JSON value out of the stream, noting
// its top-level keys; it does not parse it (the decoders do, in parallel).
func (r *Recording) nextJSON() (request, error) {
	// Skip white space between values.
	for {
		buf, err := r.peek()
		if len(buf) == 0 {
			return request{}, err
		}
		off := skipSpace(buf, 0)
		r.line += bytes.Count(buf[:off], newline)
		r.src.Discard(off)
		if off < len(buf) {
			break
		}
	}
	q := request{line: r.line}
	var (
		s       jsonScan
		objects int
	)
	for {
		buf, err := r.peek()
		if len(buf) == 0 {
			if err == nil || errors.Is(err, io.EOF) {
				return q, &InputError{File: r.name, Line: q.line, Err: errors.New("not OTLP JSON: unexpected end of JSON input")}
			}
			return q, err
		}
		if len(q.data) == 0 && buf[0] != '{' {
			err := errors.New("not OTLP JSON: expected an object")
			if r.signal == "" && r.read == 0 {
				err = errors.New("not OTLP JSON: expected an object (for OTLP protobuf give the signal: --signal traces|metrics|logs)")
			}
			return q, &InputError{File: r.name, Line: q.line, Err: err}
		}
		end, n := s.scan(buf)
		objects += n
		if len(q.data)+end > MaxRequestBytes {
			return q, &InputError{File: r.name, Line: q.line, Err: fmt.Errorf("a request larger than %d MiB: not read (split it into smaller requests)", MaxRequestBytes>>20)}
		}
		if s.maxDepth > MaxRequestDepth {
			return q, &InputError{File: r.name, Line: q.line, Err: fmt.Errorf("not OTLP JSON: nested more than %d levels deep", MaxRequestDepth)}
		}
		if objects > MaxRequestObjects {
			return q, &InputError{File: r.name, Line: q.line, Err: fmt.Errorf("more than %d JSON objects in one request: not read (split it into smaller requests)", MaxRequestObjects)}
		}
		q.data = append(q.data, buf[:end]...)
		r.line += bytes.Count(buf[:end], newline)
		r.src.Discard(end)
		if s.done {
			break
		}
	}
	q.keys = s.keys
	for _, k := range s.keys {
		sig := keySignal[k]
		if sig == "" {
			continue
		}
		if q.signal != "" {
			q.signal = "" // two signals: decode says so
			break
		}
		q.signal = sig
	}
	return q, nil
}

var newline = []byte{'\n'}

// peek returns what is buffered, filling the buffer when it is empty.
func (r *Recording) peek() ([]byte, error) {
	if r.count != nil && r.count.n > r.limit {
		return nil, r.tooLarge()
	}
	if r.src.Buffered() == 0 {
		if _, err := r.src.Peek(1); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, r.readErr(err)
		}
	}
	buf, _ := r.src.Peek(r.src.Buffered())
	return buf, nil
}

// keySignal maps the top-level key of an OTLP request to its signal.
var keySignal = map[string]string{
	"resourceSpans":    "traces",
	"resourceMetrics":  "metrics",
	"resourceLogs":     "logs",
	"resourceProfiles": "profiles",
}

// jsonScan finds where a JSON value starting with '{' ends, across chunks,
// and collects its top-level keys. It checks only what it needs (strings
// and nesting); the decoder validates the value.
type jsonScan struct {
	depth    int
	inString bool
	escape   bool
	wantKey  bool // at depth 1, the next string is a key
	inKey    bool
	key      []byte
	keys     []string
	done     bool
	maxDepth int
}

// scan consumes buf up to the end of the value and returns how many bytes
// it took and how many objects ('{') it saw.
func (s *jsonScan) scan(buf []byte) (end, objects int) {
	// The next quote at or after i (-1: none in buf; -2: not looked for
	// yet), kept so that a string full of escapes is scanned once.
	nextQuote := -2
	for i := 0; i < len(buf); i++ {
		c := buf[i]
		if s.inString {
			if s.escape {
				s.escape = false
				if s.inKey {
					s.key = append(s.key, c)
				}
				continue
			}
			if !s.inKey {
				// Most of a request is string content: jump to the next
				// quote or backslash.
				if nextQuote == -2 || (nextQuote >= 0 && nextQuote < i) {
					nextQuote = indexFrom(buf, i, '"')
				}
				end := len(buf)
				if nextQuote >= 0 {
					end = nextQuote
				}
				if b := bytes.IndexByte(buf[i:end], '\\'); b >= 0 {
					i += b
				} else if nextQuote >= 0 {
					i = nextQuote
				} else {
					return len(buf), objects
				}
				c = buf[i]
			}
			switch c {
			case '\\':
				s.escape = true
			case '"':
				s.inString = false
				if s.inKey {
					s.inKey = false
					s.keys = append(s.keys, unescapeKey(s.key))
				}
				continue
			}
			if s.inKey && len(s.key) < 64 {
				s.key = append(s.key, c)
			}
			continue
		}
		switch c {
		case '"':
			s.inString = true
			if s.depth == 1 && s.wantKey {
				s.wantKey, s.inKey, s.key = false, true, s.key[:0]
			}
		case '{':
			objects++
			s.depth++
			s.maxDepth = max(s.maxDepth, s.depth)
			if s.depth == 1 {
				s.wantKey = true
			}
		case '[':
			s.depth++
			s.maxDepth = max(s.maxDepth, s.depth)
		case '}', ']':
			s.depth--
			if s.depth <= 0 {
				s.done = true
				return i + 1, objects
			}
		case ',':
			if s.depth == 1 {
				s.wantKey = true
			}
		}
	}
	return len(buf), objects
}

// unescapeKey decodes a key's JSON escapes ("resource\\u0053pans").
func unescapeKey(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var k string
	if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &k) != nil {
		return string(raw)
	}
	return k
}

// indexFrom is the index of the first c in b at or after from, or -1.
func indexFrom(b []byte, from int, c byte) int {
	if j := bytes.IndexByte(b[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

// nextProto reads the whole (decompressed) file as one request.
func (r *Recording) nextProto() (request, error) {
	if r.record > 0 {
		return request{}, io.EOF
	}
	data, err := io.ReadAll(io.LimitReader(r.src, int64(MaxRequestBytes)+1))
	if err != nil {
		return request{}, r.readErr(err)
	}
	if len(data) > MaxRequestBytes {
		return request{}, &InputError{File: r.name, Err: fmt.Errorf("larger than %d MiB: not read (write it as the file exporter's length-prefixed requests, which are streamed)", MaxRequestBytes>>20)}
	}
	r.record++
	return request{data: data, line: 0, signal: r.signal, proto: true}, nil
}

// nextFrame reads one request of the file exporter's proto format: a
// 4-byte big-endian length, then the message.
func (r *Recording) nextFrame() (request, error) {
	var size [4]byte
	n, err := io.ReadFull(r.src, size[:])
	if n == 0 && errors.Is(err, io.EOF) {
		return request{}, io.EOF
	}
	r.record++
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return request{}, &InputError{File: r.name, Line: r.record, Err: fmt.Errorf("request %d: truncated length prefix", r.record)}
	}
	if err != nil {
		return request{}, r.readErr(err)
	}
	l := binary.BigEndian.Uint32(size[:])
	if l == 0 {
		return request{}, &InputError{File: r.name, Line: r.record, Err: fmt.Errorf("request %d is empty: not the file exporter's proto format (4-byte big-endian length, then the request)?", r.record)}
	}
	if int64(l) > int64(MaxRequestBytes) {
		return request{}, &InputError{File: r.name, Line: r.record, Err: fmt.Errorf("request %d: %d bytes, more than %d MiB: not read", r.record, l, MaxRequestBytes>>20)}
	}
	// Grown as the bytes arrive: a length prefix alone does not allocate.
	var data bytes.Buffer
	data.Grow(min(int(l), 1<<20))
	if n, err := io.CopyN(&data, r.src, int64(l)); err != nil {
		if errors.Is(err, io.EOF) {
			return request{}, &InputError{File: r.name, Line: r.record, Err: fmt.Errorf("request %d: truncated: %d bytes announced, %d there", r.record, l, n)}
		}
		return request{}, r.readErr(err)
	}
	return request{data: data.Bytes(), line: r.record, signal: r.signal, proto: true}, nil
}

// Next reads and decodes the next request; it returns io.EOF after the
// last one.
func (r *Recording) Next() (Batch, error) {
	q, err := r.next()
	if err != nil {
		return Batch{}, err
	}
	return r.decode(q)
}

// decode turns a request into a batch; it is safe to call concurrently.
func (r *Recording) decode(q request) (Batch, error) {
	var (
		b   Batch
		err error
	)
	if q.proto {
		b, err = decodeProto(q.data, q.signal)
	} else {
		b, err = decodeJSON(q)
	}
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return b, err
		}
		return b, &InputError{File: r.name, Line: q.line, Err: err}
	}
	if r.signal != "" && q.proto {
		// Protobuf carries no signal of its own: an empty request is most
		// likely the wrong --signal.
		if b.Items() == 0 && r.format == formatProto {
			return b, &InputError{File: r.name, Err: fmt.Errorf("no %s in the OTLP protobuf request", r.signal)}
		}
	}
	b.File, b.Line = r.name, q.line
	return b, nil
}

func decodeJSON(q request) (b Batch, err error) {
	var found []string
	for _, k := range q.keys {
		if keySignal[k] != "" {
			found = append(found, k)
		}
	}
	if len(found) != 1 {
		if err := syntaxError(q); err != nil {
			return b, err
		}
		if len(found) == 0 {
			return b, errors.New("not an OTLP request: no resourceSpans, resourceMetrics or resourceLogs")
		}
		return b, fmt.Errorf("not an OTLP request: both %s and %s", found[0], found[1])
	}
	b, err = unmarshalJSON(q)
	if err != nil {
		// Say where the JSON is broken if it is; pdata's message otherwise.
		if serr := syntaxError(q); serr != nil {
			return b, serr
		}
		return b, err
	}
	return b, nil
}

// syntaxError says where q is not valid JSON, or returns nil. It is only
// asked once decoding has failed: checking every request would cost a
// sixth of a replay.
func syntaxError(q request) error {
	if json.Valid(q.data) {
		return nil
	}
	var raw json.RawMessage
	err := json.Unmarshal(q.data, &raw)
	msg := fmt.Sprintf("not OTLP JSON: %v", err)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if l := bytes.Count(q.data[:min(int(se.Offset), len(q.data))], newline); l > 0 {
			msg += fmt.Sprintf(" (near line %d)", q.line+l)
		}
	}
	return errors.New(msg)
}

func unmarshalJSON(q request) (b Batch, err error) {
	// pdata's decoders must not see hostile input panic the process.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid OTLP JSON: %v", r)
		}
	}()
	switch q.signal {
	case "traces":
		b.Signal = "traces"
		b.Traces, err = (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(q.data)
	case "metrics":
		b.Signal = "metrics"
		b.Metrics, err = (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(q.data)
	case "logs":
		b.Signal = "logs"
		b.Logs, err = (&plog.JSONUnmarshaler{}).UnmarshalLogs(q.data)
	default:
		return b, errors.New("profiles are not supported yet")
	}
	if err != nil {
		return b, fmt.Errorf("invalid OTLP JSON (%s): %v", b.Signal, err)
	}
	return b, nil
}

// decodeProto reads data as one OTLP protobuf request of signal.
func decodeProto(data []byte, signal string) (b Batch, err error) {
	// pdata's decoder recurses once per level of nested attribute values:
	// millions of levels (a few MiB) exhaust the goroutine stack, which
	// no recover catches. 10,000 levels need at least 20 KB.
	if len(data) > 16<<10 {
		if deep, _ := protoTooDeep(data, 0); deep {
			return b, fmt.Errorf("invalid OTLP protobuf (%s): nested more than %d levels deep", signal, MaxRequestDepth)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid OTLP protobuf (%s): %v", signal, r)
		}
	}()
	b = Batch{Signal: signal}
	switch signal {
	case "traces":
		b.Traces, err = (&ptrace.ProtoUnmarshaler{}).UnmarshalTraces(data)
	case "metrics":
		b.Metrics, err = (&pmetric.ProtoUnmarshaler{}).UnmarshalMetrics(data)
	case "logs":
		b.Logs, err = (&plog.ProtoUnmarshaler{}).UnmarshalLogs(data)
	}
	if err != nil {
		return b, fmt.Errorf("invalid OTLP protobuf (%s): %v", signal, err)
	}
	return b, nil
}

// looksLikeProto reports whether buf, the start of a file (all of it when
// whole), is a sequence of field-1 length-delimited protobuf fields, as an
// Export…ServiceRequest is.
func looksLikeProto(buf []byte, whole bool) bool {
	fields := 0
	for len(buf) > 0 {
		if buf[0] != 0x0a {
			return false
		}
		l, n := binary.Uvarint(buf[1:])
		if n <= 0 {
			return !whole && len(buf) < 11 && fields > 0
		}
		end := 1 + n + int(min(l, uint64(len(buf))))
		if l > uint64(len(buf)-1-n) {
			return !whole // the field goes on past what was read
		}
		buf = buf[end:]
		fields++
	}
	return fields > 0
}

// protoTooDeep reports whether b, read as protobuf wire format, nests
// messages more than MaxRequestDepth deep below depth; ok is whether b
// parses as fields at all. A length-delimited field counts as a message
// when its payload parses as fields. Each byte is read once (a payload is
// read by the level it belongs to), so this is linear in len(b).
func protoTooDeep(b []byte, depth int) (deep, ok bool) {
	if depth > MaxRequestDepth {
		return len(b) > 0 && protoFields(b, nil), true
	}
	ok = protoFields(b, func(payload []byte) bool {
		deep, _ = protoTooDeep(payload, depth+1)
		return deep
	})
	return deep, ok
}

// protoFields reports whether b parses as protobuf fields (one level),
// calling payload, when not nil, with each length-delimited field's bytes;
// it stops early when payload returns true.
func protoFields(b []byte, payload func([]byte) bool) bool {
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 || tag>>3 == 0 {
			return false
		}
		b = b[n:]
		var skip uint64
		switch tag & 7 {
		case 0:
			if _, n = binary.Uvarint(b); n <= 0 {
				return false
			}
			skip = uint64(n)
		case 1:
			skip = 8
		case 5:
			skip = 4
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return false
			}
			b = b[n:]
			if payload != nil && payload(b[:l]) {
				return true
			}
			skip = l
		default:
			return false // groups are not in OTLP
		}
		if skip > uint64(len(b)) {
			return false
		}
		b = b[skip:]
	}
	return true
}

// ReadFile reads a whole recording (see Open) of at most MaxRecordingBytes.
func ReadFile(path string) ([]Batch, error) { return ReadFileAs(path, "") }

// ReadFileAs is ReadFile that also reads OTLP protobuf of signal.
func ReadFileAs(path, signal string) ([]Batch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	defer f.Close()
	return readAll(path, f, signal)
}

// ReadAs reads a whole recording held in data like ReadFileAs; name is
// used in errors.
func ReadAs(name string, data []byte, signal string) ([]Batch, error) {
	return readAll(name, bytes.NewReader(data), signal)
}

// Read reads a whole JSON recording held in data; name is used in errors.
func Read(name string, data []byte) ([]Batch, error) { return ReadAs(name, data, "") }

func readAll(name string, src io.Reader, signal string) ([]Batch, error) {
	r, err := newRecording(name, src, signal, int64(MaxRecordingBytes))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []Batch
	for {
		b, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
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

// DataPoint is what every kind of metric data point has.
type DataPoint interface {
	Attributes() pcommon.Map
	StartTimestamp() pcommon.Timestamp
	Timestamp() pcommon.Timestamp
}

// dataPoints returns a metric's data points, whatever its type.
func DataPoints(m pmetric.Metric) []DataPoint {
	var out []DataPoint
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		for _, dp := range m.Gauge().DataPoints().All() {
			out = append(out, dp)
		}
	case pmetric.MetricTypeSum:
		for _, dp := range m.Sum().DataPoints().All() {
			out = append(out, dp)
		}
	case pmetric.MetricTypeHistogram:
		for _, dp := range m.Histogram().DataPoints().All() {
			out = append(out, dp)
		}
	case pmetric.MetricTypeExponentialHistogram:
		for _, dp := range m.ExponentialHistogram().DataPoints().All() {
			out = append(out, dp)
		}
	case pmetric.MetricTypeSummary:
		for _, dp := range m.Summary().DataPoints().All() {
			out = append(out, dp)
		}
	}
	return out
}

package simulate

import (
	"bufio"
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"go.opentelemetry.io/collector/pdata/pmetric"
)

// spillBytes is how many bytes of exporter output a capture holds before
// it writes them, sorted, to a temporary file; the runs are merged at the
// end. Output stays sorted (and so the same across runs) while memory
// stays bounded whatever the size of the recording.
var spillBytes = 8 << 20

// capture collects the OTLP JSON lines one exporter receives for one signal.
type capture struct {
	lines [][]byte
	size  int
	// Spilling (only when the lines go to a file): sorted runs on disk.
	spill bool
	dir   string
	runs  []string
}

func (c *capture) add(lines [][]byte) error {
	for _, l := range lines {
		c.lines = append(c.lines, l)
		c.size += len(l) + 1
	}
	if c.spill && c.size >= spillBytes {
		return c.writeRun()
	}
	return nil
}

func (c *capture) writeRun() error {
	if c.dir == "" {
		dir, err := os.MkdirTemp("", "otelcfg-simulate-")
		if err != nil {
			return fmt.Errorf("capturing exporter output: %w", err)
		}
		c.dir = dir
	}
	p := filepath.Join(c.dir, fmt.Sprintf("run-%d", len(c.runs)))
	slices.SortFunc(c.lines, bytes.Compare)
	if err := writeLines(p, c.lines); err != nil {
		return err
	}
	c.runs = append(c.runs, p)
	c.lines, c.size = nil, 0
	return nil
}

// sorted returns the lines sorted (nothing must have been spilled).
func (c *capture) sorted() [][]byte {
	slices.SortFunc(c.lines, bytes.Compare)
	return c.lines
}

// close removes the runs.
func (c *capture) close() {
	if c.dir != "" {
		os.RemoveAll(c.dir)
		c.dir, c.runs = "", nil
	}
}

func writeLines(path string, lines [][]byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, l := range lines {
		w.Write(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// mergeFanIn bounds the runs merged at once: open files and read buffers.
var mergeFanIn = 64

// writeTo writes every line, sorted, to the file at path.
func (c *capture) writeTo(path string) error {
	if len(c.runs) == 0 {
		return writeLines(path, c.sorted())
	}
	if len(c.lines) > 0 {
		if err := c.writeRun(); err != nil {
			return err
		}
	}
	// Merge in passes of at most mergeFanIn runs, then into path.
	runs := c.runs
	for pass := 0; len(runs) > mergeFanIn; pass++ {
		var next []string
		for i := 0; i < len(runs); i += mergeFanIn {
			p := filepath.Join(c.dir, fmt.Sprintf("merge-%d-%d", pass, len(next)))
			if err := mergeRuns(p, runs[i:min(i+mergeFanIn, len(runs))]); err != nil {
				return err
			}
			next = append(next, p)
		}
		runs = next
	}
	return mergeRuns(path, runs)
}

// mergeRuns merges sorted files of lines into path.
func mergeRuns(path string, runs []string) (err error) {
	h := &runHeap{}
	for _, p := range runs {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		r := &sortedRun{r: bufio.NewReaderSize(f, 64<<10)}
		if ok, err := r.next(); err != nil {
			return err
		} else if ok {
			h.items = append(h.items, r)
		}
	}
	heap.Init(h)
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(out, 1<<20)
	for h.Len() > 0 {
		r := h.items[0]
		w.Write(r.line)
		w.WriteByte('\n')
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return w.Flush()
}

// sortedRun is one sorted file being merged, at its current line.
type sortedRun struct {
	r    *bufio.Reader
	line []byte
}

// next reads the next line (without its newline); false at the end.
func (r *sortedRun) next() (bool, error) {
	line, err := r.r.ReadBytes('\n')
	if len(line) > 0 && line[len(line)-1] == '\n' {
		r.line = line[:len(line)-1]
		return true, nil
	}
	if err == io.EOF {
		return false, nil
	}
	if err == nil {
		err = errors.New("a run ends without a newline")
	}
	return false, err
}

type runHeap struct{ items []*sortedRun }

func (h *runHeap) Len() int           { return len(h.items) }
func (h *runHeap) Less(i, j int) bool { return bytes.Compare(h.items[i].line, h.items[j].line) < 0 }
func (h *runHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *runHeap) Push(x any)         { h.items = append(h.items, x.(*sortedRun)) }
func (h *runHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// lineCapture marshals what an exporter receives, or a pipeline stage
// hands on (Options.Capture), into a capture, as it arrives: the data is
// the receiver's only while it is being consumed.
type lineCapture struct {
	mu  sync.Mutex
	c   capture
	err error // the first marshalling or spilling error
}

// record marshals d and keeps its lines.
func (l *lineCapture) record(d any) {
	if md, ok := d.(pmetric.Metrics); ok {
		d = clone(md) // data points are sorted in place: the data may be shared
	}
	lines, err := resourceLines(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil {
		err = l.c.add(lines)
	}
	if err != nil && l.err == nil {
		l.err = err
	}
}

// wrap records what passes before handing it on: downstream may change it.
func (l *lineCapture) wrap(next flow) flow {
	return func(ctx context.Context, d any) error {
		l.record(d)
		return next(ctx, d)
	}
}

func (l *lineCapture) sorted() ([][]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.sorted(), l.err
}

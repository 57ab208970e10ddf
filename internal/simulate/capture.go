package simulate

import (
	"bufio"
	"bytes"
	"container/heap"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// spillBytes is how many bytes of exporter output a capture holds before
// it writes them, sorted, to a temporary file; the runs are merged at the
// end. Output stays sorted (and so the same across runs) while memory
// stays bounded whatever the size of the recording.
var spillBytes = 32 << 20

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
	return mergeRuns(path, c.runs)
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

// mergeRuns merges sorted files of lines into path.
func mergeRuns(path string, runs []string) (err error) {
	h := &runHeap{}
	for _, p := range runs {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		s := bufio.NewScanner(f)
		s.Buffer(make([]byte, 0, 1<<20), MaxRequestBytes*4)
		if s.Scan() {
			h.items = append(h.items, s)
		} else if err := s.Err(); err != nil {
			return err
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
		s := h.items[0]
		w.Write(s.Bytes())
		w.WriteByte('\n')
		if s.Scan() {
			heap.Fix(h, 0)
			continue
		}
		if err := s.Err(); err != nil {
			return err
		}
		heap.Pop(h)
	}
	return w.Flush()
}

type runHeap struct{ items []*bufio.Scanner }

func (h *runHeap) Len() int { return len(h.items) }
func (h *runHeap) Less(i, j int) bool {
	return bytes.Compare(h.items[i].Bytes(), h.items[j].Bytes()) < 0
}
func (h *runHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *runHeap) Push(x any)    { h.items = append(h.items, x.(*bufio.Scanner)) }
func (h *runHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

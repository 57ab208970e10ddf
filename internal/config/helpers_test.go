package config

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// at follows a path like "receivers.otlp" or "service.extensions[1]" from n;
// keys may contain "/" but not "." or "[".
func at(t *testing.T, n *Node, path string) *Node {
	t.Helper()
	for _, part := range strings.Split(path, ".") {
		key, idx, hasIdx := strings.Cut(part, "[")
		if key != "" {
			next := n.Get(key)
			if next == nil {
				t.Fatalf("%s: no key %q", path, key)
			}
			n = next
		}
		if hasIdx {
			i, _ := strconv.Atoi(strings.TrimSuffix(idx, "]"))
			if n.Kind != SeqNode || i >= len(n.Items) {
				t.Fatalf("%s: no item %d", path, i)
			}
			n = n.Items[i]
		}
	}
	return n
}

// keyPos returns the position of the last key of path.
func keyPos(t *testing.T, n *Node, path string) Pos {
	t.Helper()
	parent, key := "", path
	if i := strings.LastIndex(path, "."); i >= 0 {
		parent, key = path[:i], path[i+1:]
	}
	if parent != "" {
		n = at(t, n, parent)
	}
	e := n.Entry(key)
	if e == nil {
		t.Fatalf("%s: no key %q", path, key)
	}
	return e.KeyPos
}

func lc(p Pos) string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) }

func load(t *testing.T, src string, opts Options) []*Document {
	t.Helper()
	docs, err := LoadBytes("f.yaml", []byte(src), opts)
	if err != nil {
		t.Fatalf("LoadBytes: %v", err)
	}
	return docs
}

func load1(t *testing.T, src string, opts Options) *Document {
	t.Helper()
	docs := load(t, src, opts)
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	return docs[0]
}

// codes lists the problem codes of d, with positions.
func codes(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, string(p.Code)+"@"+lc(p.Pos))
	}
	return out
}

// wantLimit checks that err is a *LimitError of kind at line:col ("" for
// no position) with the given limit.
func wantLimit(t *testing.T, err error, kind LimitKind, at string, limit int64) {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("err %v, want a *LimitError", err)
	}
	got := ""
	if le.Pos.Line > 0 {
		got = lc(le.Pos)
	}
	if le.Kind != kind || got != at || le.Limit != limit {
		t.Errorf("limit error %s %q %d (%v), want %s %q %d", le.Kind, got, le.Limit, err, kind, at, limit)
	}
}

func problemsWith(ps []Problem, code string) []Problem {
	var out []Problem
	for _, p := range ps {
		if string(p.Code) == code {
			out = append(out, p)
		}
	}
	return out
}

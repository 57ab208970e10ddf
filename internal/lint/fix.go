package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// ApplyFixes applies the edits of findings' fixes that belong to file to
// data and returns the new text and how many findings were fixed. An edit
// whose Old text is not found at its position, or that overlaps another, is
// skipped with its whole fix, so a fix is applied entirely or not at all.
func ApplyFixes(file string, data []byte, fs []Finding) ([]byte, int) {
	lineStarts := []int{0}
	for i, b := range data {
		if b == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	type span struct {
		off int
		e   Edit
	}
	var spans []span
	taken := map[int]bool{} // byte offsets already edited
	fixed := 0
	for _, f := range fs {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		var mine []span
		ok := true
		for _, e := range f.Fix.Edits {
			off, good := offsetOf(data, lineStarts, e)
			if e.Pos.File != file || !good {
				ok = false
				break
			}
			mine = append(mine, span{off, e})
		}
		if !ok {
			continue
		}
		// Several findings may fix the same spot (e.g. a reference shared by
		// two renames): keep the first, skip a fix that collides.
		for _, s := range mine {
			for i := s.off; i < s.off+len(s.e.Old); i++ {
				if taken[i] {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		for _, s := range mine {
			for i := s.off; i < s.off+len(s.e.Old); i++ {
				taken[i] = true
			}
		}
		spans = append(spans, mine...)
		fixed++
	}
	if fixed == 0 {
		return data, 0
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].off > spans[j].off })
	out := append([]byte(nil), data...)
	for _, s := range spans {
		out = append(out[:s.off], append([]byte(s.e.New), out[s.off+len(s.e.Old):]...)...)
	}
	return out, fixed
}

// offsetOf finds the byte offset of an edit's line and (rune) column and
// checks that Old stands there.
func offsetOf(data []byte, lineStarts []int, e Edit) (int, bool) {
	if e.Pos.Line < 1 || e.Pos.Line > len(lineStarts) || e.Old == "" {
		return 0, false
	}
	off := lineStarts[e.Pos.Line-1]
	for col := 1; col < e.Pos.Col; col++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	if !bytes.HasPrefix(data[off:], []byte(e.Old)) {
		return 0, false
	}
	return off, true
}

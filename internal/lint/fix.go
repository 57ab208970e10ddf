package lint

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/config"
)

// EditOp says how an Edit selects the text it changes. Every op starts by
// checking that Old stands at Pos, so a stale or misplaced edit is skipped
// (with its whole fix) rather than applied somewhere wrong; the ops beyond
// Replace then find the YAML node's extent in the text itself, by
// indentation, so a rule needs only the positions the loader gives.
type EditOp uint8

const (
	// Replace: Old, which stands at Pos, becomes New. Old may span lines.
	Replace EditOp = iota
	// ReplaceScalar: the scalar at Pos, whose value is Old (plain, 'single'
	// or "double" quoted, on one line), is written as New in the same style
	// (double quoted if New cannot be written plain).
	ReplaceScalar
	// DeleteEntry: the block-mapping entry whose key Old starts at Pos (the
	// key first on its line) is deleted with its value: its line and the
	// following lines indented deeper, including comments among them.
	// Comments and blank lines after its last line stay.
	DeleteEntry
	// DeleteItem: the sequence item at Pos, whose text starts with Old. An
	// item of a block sequence (`- x`) goes with its lines; an item of a
	// one-line flow sequence (`[a, x]`) goes with one separating comma.
	DeleteItem
	// AddEntries: New (YAML lines, indented relative to each other) is added
	// to the map that is the value of the block entry whose key Old starts
	// at Pos, after its last entry. An empty value (`key:`, `key: {}`,
	// `key: null`) becomes a block map.
	AddEntries
	// InsertAfter: New (YAML lines, indented relative to each other) is
	// inserted after the block entry whose key Old starts at Pos (after its
	// value's lines), at the key's indentation.
	InsertAfter
)

// Convenience constructors for rules.

// ReplaceEdit replaces old at pos with new.
func ReplaceEdit(pos config.Pos, old, new string) Edit { return Edit{Pos: pos, Old: old, New: new} }

// ScalarEdit rewrites the scalar at pos from value old to value new.
func ScalarEdit(pos config.Pos, old, new string) Edit {
	return Edit{Op: ReplaceScalar, Pos: pos, Old: old, New: new}
}

// DeleteEntryEdit deletes the block entry whose key is at pos.
func DeleteEntryEdit(pos config.Pos, key string) Edit {
	return Edit{Op: DeleteEntry, Pos: pos, Old: key}
}

// DeleteItemEdit deletes the sequence item at pos, whose text starts with old.
func DeleteItemEdit(pos config.Pos, old string) Edit { return Edit{Op: DeleteItem, Pos: pos, Old: old} }

// AddEntriesEdit adds the YAML lines of yaml to the map under key at pos.
func AddEntriesEdit(pos config.Pos, key, yaml string) Edit {
	return Edit{Op: AddEntries, Pos: pos, Old: key, New: yaml}
}

// InsertAfterEdit inserts the YAML lines of yaml after the entry of key at pos.
func InsertAfterEdit(pos config.Pos, key, yaml string) Edit {
	return Edit{Op: InsertAfter, Pos: pos, Old: key, New: yaml}
}

// ApplyFixes applies the fixes of findings that belong to file to data and
// returns the new text and the findings whose fixes were applied, in the
// order given. A fix is applied entirely or not at all: it is skipped when
// one of its edits does not match the text, or when an edit overlaps an
// edit of a fix applied before it (the same edit made by two fixes, such as
// deleting a component both fix, is made once and is no collision).
func ApplyFixes(file string, data []byte, fs []Finding) ([]byte, []Finding) {
	t := newText(data)
	var accepted []piece
	var applied []Finding
	for _, f := range fs {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		mine, ok := t.resolveAll(file, f.Fix.Edits)
		if !ok || overlapping(mine) {
			continue
		}
		var add []piece
		for _, p := range mine {
			dup, clash := false, false
			for _, a := range accepted {
				if a.same(p) {
					dup = true
				} else if a.overlaps(p) {
					clash = true
				}
			}
			if clash {
				ok = false
				break
			}
			if !dup {
				add = append(add, p)
			}
		}
		if !ok {
			continue
		}
		accepted = append(accepted, add...)
		applied = append(applied, f)
	}
	if len(applied) == 0 {
		return data, nil
	}
	final := expandFlowDeletions(accepted)
	sort.SliceStable(final, func(i, j int) bool {
		if final[i].off != final[j].off {
			return final[i].off < final[j].off
		}
		return final[i].end < final[j].end // an insertion before a replacement at the same offset
	})
	if overlapping(final) {
		return data, nil // cannot happen with the checks above; never write a garbled file
	}
	var out bytes.Buffer
	at := 0
	for _, p := range final {
		out.Write(data[at:p.off])
		out.WriteString(p.new)
		at = p.end
	}
	out.Write(data[at:])
	return out.Bytes(), applied
}

// piece is a resolved edit: bytes [off, end) of the text become new
// (off == end inserts).
type piece struct {
	off, end int
	new      string
	// list is set for the deletion of item of a flow sequence; its
	// separators are dealt with once every deletion is known.
	list *flowList
	item int
}

func (p piece) same(q piece) bool { return p.off == q.off && p.end == q.end && p.new == q.new }

func (p piece) overlaps(q piece) bool {
	switch {
	case p.off == p.end && q.off == q.end:
		return p.off == q.off
	case p.off == p.end:
		return q.off < p.off && p.off < q.end
	case q.off == q.end:
		return p.off < q.off && q.off < p.end
	}
	return p.off < q.end && q.off < p.end
}

func overlapping(ps []piece) bool {
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].overlaps(ps[j]) {
				return true
			}
		}
	}
	return false
}

// flowList is a one-line flow sequence: offsets of its brackets and of its
// items.
type flowList struct {
	open, close int
	items       [][2]int
}

// expandFlowDeletions turns the deletions of flow-sequence items (which
// claim only the items' text) into deletions that also take the commas
// between them, list by list, so that the kept items stay joined by their
// original separators: `[a, b, c]` less b and c is `[a]`, less all is `[]`.
func expandFlowDeletions(ps []piece) []piece {
	var out []piece
	lists := map[int]*flowList{}
	gone := map[int]map[int]bool{}
	for _, p := range ps {
		if p.list == nil {
			out = append(out, p)
			continue
		}
		lists[p.list.open] = p.list
		if gone[p.list.open] == nil {
			gone[p.list.open] = map[int]bool{}
		}
		gone[p.list.open][p.item] = true
	}
	opens := make([]int, 0, len(lists))
	for o := range lists {
		opens = append(opens, o)
	}
	sort.Ints(opens)
	for _, o := range opens {
		l, del := lists[o], gone[o]
		if len(del) == len(l.items) {
			out = append(out, piece{off: l.open + 1, end: l.close})
			continue
		}
		for i := 0; i < len(l.items); {
			if !del[i] {
				i++
				continue
			}
			j := i
			for j+1 < len(l.items) && del[j+1] {
				j++
			}
			if i == 0 { // a leading run takes the commas after it
				out = append(out, piece{off: l.items[0][0], end: l.items[j+1][0]})
			} else { // any other run takes the commas before it
				out = append(out, piece{off: l.items[i-1][1], end: l.items[j][1]})
			}
			i = j + 1
		}
	}
	return out
}

// text is a file's bytes and where its lines start.
type text struct {
	data  []byte
	lines []int
	eol   string
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}, eol: "\n"}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	if bytes.Contains(data, []byte("\r\n")) {
		t.eol = "\r\n"
	}
	return t
}

// line returns line i (0-based) without its line break.
func (t *text) line(i int) string {
	end := len(t.data)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	return strings.TrimSuffix(string(t.data[t.lines[i]:end]), "\r")
}

// lineEnd returns the offset after line i's line break (or the end of text).
func (t *text) lineEnd(i int) int {
	if i+1 < len(t.lines) {
		return t.lines[i+1]
	}
	return len(t.data)
}

func (t *text) lineOf(off int) int { return sort.SearchInts(t.lines, off+1) - 1 }

// offset finds the byte offset of pos (its column counts runes).
func (t *text) offset(pos config.Pos) (int, bool) {
	if pos.Line < 1 || pos.Line > len(t.lines) {
		return 0, false
	}
	off := t.lines[pos.Line-1]
	for col := 1; col < pos.Col; col++ {
		if off >= len(t.data) || t.data[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(t.data[off:])
		off += size
	}
	return off, off < len(t.data)
}

func (t *text) resolveAll(file string, edits []Edit) ([]piece, bool) {
	var out []piece
	for _, e := range edits {
		if e.Pos.File != file {
			return nil, false
		}
		ps, ok := t.resolve(e)
		if !ok {
			return nil, false
		}
		out = append(out, ps...)
	}
	return out, true
}

func (t *text) resolve(e Edit) ([]piece, bool) {
	off, ok := t.offset(e.Pos)
	if !ok || e.Old == "" {
		return nil, false
	}
	// Old stands at Pos, except for a scalar, whose Old is its value
	// (checked once its quoting is known).
	if e.Op != ReplaceScalar && !bytes.HasPrefix(t.data[off:], []byte(e.Old)) {
		return nil, false
	}
	switch e.Op {
	case Replace:
		return []piece{{off: off, end: off + len(e.Old), new: e.New}}, true
	case ReplaceScalar:
		return t.replaceScalar(off, e)
	case DeleteEntry:
		ind, ok := t.blockKey(off, e.Old)
		if !ok {
			return nil, false
		}
		l := t.lineOf(off)
		return []piece{{off: t.lines[l], end: t.nodeEnd(l, ind, true)}}, true
	case DeleteItem:
		return t.deleteItem(off, e.Old)
	case AddEntries:
		return t.addEntries(off, e)
	case InsertAfter:
		ind, ok := t.blockKey(off, e.Old)
		if !ok {
			return nil, false
		}
		end := t.nodeEnd(t.lineOf(off), ind, true)
		return []piece{{off: end, end: end, new: t.lead(end) + t.indentLines(e.New, ind)}}, true
	}
	return nil, false
}

// lead is the line break an insertion at off needs first: none, unless off
// is the end of a text without a final line break.
func (t *text) lead(off int) string {
	if off == len(t.data) && off > 0 && t.data[off-1] != '\n' {
		return t.eol
	}
	return ""
}

// indentLines indents every line of s by ind spaces and ends each with the
// text's line break.
func (t *text) indentLines(s string, ind int) string {
	var b strings.Builder
	pad := strings.Repeat(" ", ind)
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if strings.TrimSpace(l) != "" {
			b.WriteString(pad + l)
		}
		b.WriteString(t.eol)
	}
	return b.String()
}

// blockKey checks that the key at off is the first thing on its line and
// is followed by a colon, and returns its indentation.
func (t *text) blockKey(off int, key string) (int, bool) {
	if strings.ContainsAny(key, "\r\n") {
		return 0, false
	}
	start := t.lines[t.lineOf(off)]
	if strings.TrimLeft(string(t.data[start:off]), " ") != "" {
		return 0, false
	}
	rest := strings.TrimLeft(string(t.data[off+len(key):t.lineEnd(t.lineOf(off))]), " ")
	if !strings.HasPrefix(rest, ":") {
		return 0, false
	}
	return off - start, true
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// nodeEnd returns the end of the block node that starts on line l at
// indentation ind: the end of the last following line indented deeper
// (with compactSeq, also `- ` lines at ind: a key's sequence value may sit
// at the key's own indentation). Blank lines and comments at ind or less
// belong to it only when more of it follows.
func (t *text) nodeEnd(l, ind int, compactSeq bool) int {
	last := l
	for i := l + 1; i < len(t.lines); i++ {
		s := t.line(i)
		trimmed := strings.TrimLeft(s, " ")
		in := indentOf(s)
		if strings.TrimSpace(s) == "" || strings.HasPrefix(trimmed, "#") && in <= ind {
			continue
		}
		if in > ind || compactSeq && in == ind && (trimmed == "-" || strings.HasPrefix(trimmed, "- ")) {
			last = i
			continue
		}
		break
	}
	return t.lineEnd(last)
}

// replaceScalar rewrites the one-line scalar at off whose value is e.Old.
func (t *text) replaceScalar(off int, e Edit) ([]piece, bool) {
	lineEnd := t.lineEnd(t.lineOf(off))
	rest := string(t.data[off:lineEnd])
	rest = strings.TrimRight(rest, "\r\n")
	if rest == "" {
		return nil, false
	}
	var tok string
	switch rest[0] {
	case '"':
		i := 1
		for ; i < len(rest) && rest[i] != '"'; i++ {
			if rest[i] == '\\' {
				i++
			}
		}
		if i >= len(rest) {
			return nil, false
		}
		tok = rest[:i+1]
	case '\'':
		i := 1
		for ; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				break
			}
		}
		if i >= len(rest) {
			return nil, false
		}
		tok = rest[:i+1]
	default:
		// A plain scalar: the value itself, ended by the line, a comment or
		// (in a flow collection) a separator.
		tok = e.Old
		if !strings.HasPrefix(rest, tok) {
			return nil, false
		}
		after := strings.TrimLeft(rest[len(tok):], " ")
		if after != "" && !strings.ContainsAny(after[:1], "#,]}") {
			return nil, false
		}
		if t.continues(off) {
			return nil, false // a multi-line plain scalar
		}
	}
	var v string
	if err := yaml.Unmarshal([]byte(tok), &v); err != nil || v != e.Old {
		return nil, false
	}
	return []piece{{off: off, end: off + len(tok), new: scalarText(e.New, tok[0])}}, true
}

// continues reports whether the line after off's line continues a plain
// scalar (is indented deeper than the line and is not a key or an item).
func (t *text) continues(off int) bool {
	l := t.lineOf(off)
	if l+1 >= len(t.lines) {
		return false
	}
	next := t.line(l + 1)
	trimmed := strings.TrimSpace(next)
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return false
	}
	return indentOf(next) > indentOf(t.line(l)) && !strings.Contains(trimmed, ": ") && !strings.HasSuffix(trimmed, ":") && !strings.HasPrefix(trimmed, "- ")
}

// scalarText writes v as a YAML scalar in the style of the scalar it
// replaces (its first byte), double quoted when it cannot be plain.
func scalarText(v string, style byte) string {
	switch style {
	case '\'':
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case '"':
		return doubleQuote(v)
	}
	var back string
	if yaml.Unmarshal([]byte(v), &back) == nil && back == v && v != "" &&
		!strings.ContainsAny(v, "#,[]{}\n") && strings.TrimSpace(v) == v {
		var n yaml.Node
		if yaml.Unmarshal([]byte(v), &n) == nil && len(n.Content) == 1 && n.Content[0].Tag == "!!str" {
			return v
		}
	}
	return doubleQuote(v)
}

func doubleQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// deleteItem resolves the deletion of the sequence item at off.
func (t *text) deleteItem(off int, old string) ([]piece, bool) {
	l := t.lineOf(off)
	prefix := string(t.data[t.lines[l]:off])
	if trimmed := strings.TrimRight(prefix, " "); strings.TrimLeft(trimmed, " ") == "-" && len(trimmed) < len(prefix) {
		dash := indentOf(prefix)
		return []piece{{off: t.lines[l], end: t.nodeEnd(l, dash, false)}}, true
	}
	// A flow sequence: try the brackets before the item, nearest first,
	// until one parses to a list that has an item here.
	for open := off - 1; open >= t.lines[l]; open-- {
		if t.data[open] != '[' {
			continue
		}
		fl, ok := t.parseFlow(open)
		if !ok {
			continue
		}
		for i, it := range fl.items {
			if it[0] == off && strings.HasPrefix(string(t.data[it[0]:it[1]]), old) {
				return []piece{{off: it[0], end: it[1], list: fl, item: i}}, true
			}
		}
	}
	return nil, false
}

// parseFlow reads the one-line flow sequence that opens at open.
func (t *text) parseFlow(open int) (*flowList, bool) {
	end := t.lineEnd(t.lineOf(open))
	fl := &flowList{open: open}
	i := open + 1
	skip := func() {
		for i < end && t.data[i] == ' ' {
			i++
		}
	}
	skip()
	if i < end && t.data[i] == ']' {
		fl.close = i
		return fl, true
	}
	for i < end {
		skip()
		start := i
		if i >= end || !t.skipFlowItem(&i, end) {
			return nil, false
		}
		itemEnd := i
		for itemEnd > start && t.data[itemEnd-1] == ' ' {
			itemEnd--
		}
		if itemEnd == start {
			return nil, false
		}
		fl.items = append(fl.items, [2]int{start, itemEnd})
		skip()
		if i >= end {
			return nil, false
		}
		switch t.data[i] {
		case ',':
			i++
		case ']':
			fl.close = i
			return fl, true
		default:
			return nil, false
		}
	}
	return nil, false
}

// skipFlowItem moves *i past one flow item (quoted, nested or plain).
func (t *text) skipFlowItem(i *int, end int) bool {
	d := t.data
	switch d[*i] {
	case '"', '\'':
		q := d[*i]
		for *i++; *i < end; *i++ {
			if q == '"' && d[*i] == '\\' {
				*i++
				continue
			}
			if d[*i] == q {
				if q == '\'' && *i+1 < end && d[*i+1] == '\'' {
					*i++
					continue
				}
				*i++
				return true
			}
		}
		return false
	case '[', '{':
		depth := 0
		for ; *i < end; *i++ {
			switch d[*i] {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					*i++
					return true
				}
			}
		}
		return false
	}
	for *i < end && d[*i] != ',' && d[*i] != ']' && d[*i] != '\n' && d[*i] != '\r' {
		if d[*i] == '#' && *i > 0 && d[*i-1] == ' ' {
			return false // a comment: the list goes on over lines
		}
		*i++
	}
	return true
}

// addEntries resolves AddEntries: lines added to the map under a block key.
func (t *text) addEntries(off int, e Edit) ([]piece, bool) {
	ind, ok := t.blockKey(off, e.Old)
	if !ok {
		return nil, false
	}
	l := t.lineOf(off)
	lineText := t.line(l)
	colon := off - t.lines[l] + len(e.Old)
	colon += strings.Index(lineText[colon:], ":")
	value := lineText[colon+1:]
	if i := strings.Index(value, " #"); i >= 0 {
		value = value[:i]
	}
	switch strings.TrimSpace(value) {
	case "":
		end := t.nodeEnd(l, ind, true)
		child := ind + 2
		for i := l + 1; i < len(t.lines) && t.lines[i] < end; i++ {
			s := t.line(i)
			if tr := strings.TrimSpace(s); tr != "" && !strings.HasPrefix(tr, "#") {
				if strings.HasPrefix(tr, "-") {
					return nil, false // a sequence, not a map
				}
				child = indentOf(s)
				break
			}
		}
		if end == t.lines[l] || end <= t.lineEnd(l) {
			end = t.lineEnd(l) // nothing below the key: add right after it
		}
		return []piece{{off: end, end: end, new: t.lead(end) + t.indentLines(e.New, child)}}, true
	case "{}", "~", "null", "Null", "NULL":
		// `key: {}` becomes `key:` with the entries below it; a comment
		// after the value stays on the key's line.
		vStart := t.lines[l] + colon + 1
		vEnd := vStart + len(strings.TrimRight(value, " "))
		end := t.lineEnd(l)
		return []piece{
			{off: vStart, end: vEnd},
			{off: end, end: end, new: t.lead(end) + t.indentLines(e.New, ind+2)},
		}, true
	}
	return nil, false
}

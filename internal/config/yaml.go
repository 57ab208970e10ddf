package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// rawDoc is one YAML document of a file before kind detection.
type rawDoc struct {
	index    int
	node     *Node // nil when the document failed to parse
	problems []Problem
	limit    *LimitError // set when reading stopped at a limit
}

var (
	yamlLineRE      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// checkText rejects input that is not YAML text at all, with a message that
// says what was found.
func checkText(path string, data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &InputError{Path: path, Err: fmt.Errorf("binary data (NUL byte at offset %d): not a YAML file", i)}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8Offset(data)], []byte("\n"))
		return &InputError{Path: path, Err: fmt.Errorf("invalid UTF-8 at line %d: not a YAML text file", line)}
	}
	return nil
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// parseYAML splits data into documents and converts each to a Node tree.
// Syntax errors become problems of the failing document; parsing stops there
// because the YAML stream cannot be resynchronised.
// base carries the file name, limits and the offset of embedded text.
func parseYAML(data []byte, base converter) []rawDoc {
	// yaml.v3 builds a whole document before the node limit can be checked,
	// at a few hundred bytes per node: an 8 MiB "[1,1,1,...]" or "{a,a,a,...}"
	// would take gigabytes. Every YAML node but the first needs a comma, a
	// bracket, a brace or a line break (a key and its value share one), so
	// more of those than the node limit is refused before parsing.
	if off := tooManySeparators(data, base.lim.MaxNodes); off >= 0 {
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
		return []rawDoc{{limit: base.limitError(&yaml.Node{Line: line, Column: col}, LimitNodes, int64(base.lim.MaxNodes))}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []rawDoc
	for i := 0; ; i++ {
		var yn yaml.Node
		err := dec.Decode(&yn)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			docs = append(docs, rawDoc{index: i, problems: []Problem{base.syntaxProblem(err, data)}})
			break
		}
		c := base
		n := c.convert(&yn, 0)
		if c.stopped {
			// Over a limit the tree is partial: checking it would report
			// what is missing, not what is wrong. Only the limit is reported.
			n = nil
		}
		docs = append(docs, rawDoc{index: i, node: n, problems: c.problems, limit: c.limit})
	}
	return docs
}

// tooManySeparators returns the offset of the (max+1)th comma, '[', '{'
// or line break in data, or -1 when there are not that many.
func tooManySeparators(data []byte, max int) int {
	if max <= 0 {
		return -1
	}
	n := 0
	for i, b := range data {
		switch b {
		case ',', '[', '{', '\n':
			n++
			if n > max {
				return i
			}
		}
	}
	return -1
}

func (c *converter) syntaxProblem(err error, data []byte) Problem {
	msg := err.Error()
	line, col := 1, 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		// yaml.v3 gives no line for this one; the first use of the alias is
		// where the user has to look.
		line, col = aliasPos(data, m[1])
		msg = strings.TrimPrefix(msg, "yaml: ")
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return Problem{Code: CodeYAMLSyntax, Pos: c.pos(&yaml.Node{Line: line, Column: col}),
		Message: "invalid YAML: " + msg + "; fix the syntax (a YAML-aware editor shows where)"}
}

// aliasPos finds the first "*name" in data (1-based line and column), or
// 1:1 when it cannot be found.
func aliasPos(data []byte, name string) (line, col int) {
	i := bytes.Index(data, []byte("*"+name))
	if i < 0 {
		return 1, 1
	}
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return 1 + bytes.Count(data[:i], []byte("\n")), 1 + utf8.RuneCount(data[start:i])
}

// converter turns yaml.Node trees into Node trees, expanding aliases within
// the limits and reporting duplicate keys.
type converter struct {
	file  string
	lim   Limits
	nodes int
	// line and colShift map positions of an embedded block scalar (`|`) to
	// the file: string line 1 is file line `line`, and every column moves
	// right by the indentation the block strips. line 0 means no mapping.
	line, colShift int
	// unmapped is set when the caller replaces every position with the one
	// of the enclosing string (quoted or folded embedded configs), so
	// messages must not quote line numbers of the string as file lines.
	unmapped    bool
	problems    []Problem
	keyProblems int
	stopped     bool
	limit       *LimitError // why it stopped, when a limit stopped it
	expanding   map[*yaml.Node]bool
}

func (c *converter) pos(y *yaml.Node) Pos {
	line, col := y.Line, y.Column
	if c.line > 0 {
		line += c.line - 1
		col += c.colShift
	}
	return Pos{File: c.file, Line: line, Col: col}
}

func (c *converter) limitError(y *yaml.Node, kind LimitKind, limit int64) *LimitError {
	return &LimitError{Path: c.file, Pos: c.pos(y), Kind: kind, Limit: limit}
}

// stopAtLimit stops reading because a limit was reached.
func (c *converter) stopAtLimit(y *yaml.Node, kind LimitKind, limit int) *Node {
	if !c.stopped {
		c.stopped = true
		c.limit = c.limitError(y, kind, int64(limit))
	}
	return &Node{Kind: NullNode, Pos: c.pos(y)}
}

func (c *converter) stop(y *yaml.Node, msg string) *Node {
	if !c.stopped {
		c.stopped = true
		c.problems = append(c.problems, Problem{Code: CodeYAMLSyntax, Pos: c.pos(y), Message: msg})
	}
	return &Node{Kind: NullNode, Pos: c.pos(y)}
}

func (c *converter) convert(y *yaml.Node, depth int) *Node {
	if c.stopped {
		return &Node{Kind: NullNode, Pos: c.pos(y)}
	}
	c.nodes++
	if c.nodes > c.lim.MaxNodes {
		return c.stopAtLimit(y, LimitNodes, c.lim.MaxNodes)
	}
	if depth > c.lim.MaxDepth {
		return c.stopAtLimit(y, LimitDepth, c.lim.MaxDepth)
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &Node{Kind: NullNode, Pos: c.pos(y)}
		}
		return c.convert(y.Content[0], depth)
	case yaml.AliasNode:
		if c.expanding == nil {
			c.expanding = map[*yaml.Node]bool{}
		}
		if c.expanding[y.Alias] {
			return c.stop(y, "recursive YAML alias: the anchor contains itself")
		}
		c.expanding[y.Alias] = true
		n := c.convert(y.Alias, depth+1) // a fresh tree for every use
		delete(c.expanding, y.Alias)
		// Report the alias where it is used, except for a block scalar: an
		// embedded config in it maps its lines from the scalar's own
		// position, which must stay where the text is.
		if !n.Literal {
			n.Pos = c.pos(y)
		}
		return n
	case yaml.ScalarNode:
		if y.ShortTag() == "!!null" {
			return &Node{Kind: NullNode, Tag: "!!null", Value: y.Value, Pos: c.pos(y)}
		}
		return &Node{Kind: ScalarNode, Tag: y.ShortTag(), Value: y.Value, Pos: c.pos(y), Literal: y.Style&yaml.LiteralStyle != 0}
	case yaml.SequenceNode:
		n := &Node{Kind: SeqNode, Pos: c.pos(y), Items: make([]*Node, 0, len(y.Content))}
		for _, it := range y.Content {
			if c.stopped {
				break // over a limit: the rest is not read (one problem says so)
			}
			n.Items = append(n.Items, c.convert(it, depth+1))
		}
		return n
	case yaml.MappingNode:
		n := &Node{Kind: MapNode, Pos: c.pos(y)}
		seen := map[string]Pos{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(y.Content) && !c.stopped; i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			// Keys count against the node limit too: duplicate keys are
			// never converted, and each one is a problem to report.
			if c.nodes++; c.nodes > c.lim.MaxNodes {
				c.stopAtLimit(k, LimitNodes, c.lim.MaxNodes)
				break
			}
			if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if k.Kind != yaml.ScalarNode {
				c.keyProblem(k, Problem{Code: CodeYAMLSyntax, Pos: c.pos(k), Message: "map key is not a plain value (a list or map used as a key); collector config keys are strings"})
				continue
			}
			kp := c.pos(k)
			if first, dup := seen[k.Value]; dup {
				c.duplicate(k, kp, first)
				continue
			}
			seen[k.Value] = kp
			n.Entries = append(n.Entries, &Entry{Key: k.Value, KeyPos: kp, Value: c.convert(v, depth+1)})
		}
		for _, v := range merges {
			c.mergeKey(n, v, seen, depth)
		}
		return n
	}
	return &Node{Kind: NullNode, Pos: c.pos(y)}
}

func (c *converter) duplicate(k *yaml.Node, at, first Pos) {
	where := fmt.Sprintf("at line %d", first.Line)
	if c.unmapped {
		where = fmt.Sprintf("at line %d of the string", first.Line)
	}
	c.keyProblem(k, Problem{Code: CodeDuplicateKey, Pos: at,
		Message: fmt.Sprintf("key %q is already defined %s; the collector rejects duplicate keys: merge the two entries", k.Value, where)})
}

// maxKeyProblems bounds the key problems reported for one document: a
// hostile map of a million duplicate keys must not become a million
// findings (gigabytes of report).
const maxKeyProblems = 1000

// keyProblem records a problem with a map key, and stops reading the
// document after maxKeyProblems of them.
func (c *converter) keyProblem(k *yaml.Node, p Problem) {
	if c.keyProblems++; c.keyProblems > maxKeyProblems {
		c.stop(k, fmt.Sprintf("more than %d duplicate or non-plain map keys: refusing to read further", maxKeyProblems))
		return
	}
	c.problems = append(c.problems, p)
}

// mergeKey applies a YAML merge key (<<: *anchor): keys not set explicitly
// (nor by an earlier merge) are taken from the merged map(s).
func (c *converter) mergeKey(n *Node, v *yaml.Node, seen map[string]Pos, depth int) {
	src := c.convert(v, depth+1)
	var maps []*Node
	switch src.Kind {
	case MapNode:
		maps = []*Node{src}
	case SeqNode:
		maps = src.Items
	}
	for _, m := range maps {
		for _, e := range m.Entries {
			if _, ok := seen[e.Key]; ok {
				continue
			}
			seen[e.Key] = e.KeyPos
			n.Entries = append(n.Entries, e)
		}
	}
}

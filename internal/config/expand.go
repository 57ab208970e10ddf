package config

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// envNameRE is the collector's rule for environment variable names.
var envNameRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// schemeRE is the collector's URI scheme syntax (at least 2 characters).
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+$`)

// maxRefDepth bounds nested providers and variables whose values hold
// references again, so a variable that refers to itself cannot loop.
const maxRefDepth = 8

// ref is one ${...} reference inside a scalar.
type ref struct {
	start, end int    // byte range in the scalar, including ${ and }
	scheme     string // "env" for ${VAR}
	body       string // what follows "scheme:"
}

// scanRefs finds the outermost ${...} references in s, honouring the $$
// escape: an odd number of $ before ${ makes it text. An unterminated ${
// is text, as in the collector.
func scanRefs(s string) []ref {
	var out []ref
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		if s[i+1] == '$' { // $$ is a literal $
			i++
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		j := closingBrace(s, i+1)
		if j < 0 {
			break
		}
		out = append(out, newRef(s, i, j))
		i = j
	}
	return out
}

// closingBrace returns the index of the } matching the { at open, or -1.
func closingBrace(s string, open int) int {
	depth := 0
	for j := open; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// newRef splits the reference s[start:end+1] into scheme and body.
// ${NAME} uses the default scheme env; anything before the first colon
// outside nested references is a scheme, so ${NAME:-x} asks for a scheme
// "NAME" (the collector fails on it).
func newRef(s string, start, end int) ref {
	inner := s[start+2 : end]
	r := ref{start: start, end: end + 1, scheme: "env", body: inner}
	if k := topLevelColon(inner); k >= 0 {
		r.scheme, r.body = inner[:k], inner[k+1:]
	}
	return r
}

// topLevelColon is the index of the first ':' in s that is not inside a
// nested ${...}, or -1. The collector expands nested references first, so
// their colons never separate the outer scheme.
func topLevelColon(s string) int {
	refs := scanRefs(s)
	for i := 0; i < len(s); i++ {
		for len(refs) > 0 && refs[0].end <= i {
			refs = refs[1:]
		}
		if len(refs) > 0 && i >= refs[0].start {
			i = refs[0].end - 1
			continue
		}
		if s[i] == ':' {
			return i
		}
	}
	return -1
}

// stripRefs returns s without the references refs (found in s).
func stripRefs(s string, refs []ref) string {
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(s[last:r.start])
		last = r.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// expand records env references of d.Config, substitutes the values given
// in opts.Env, and resolves file: and yaml: providers. What cannot be
// resolved offline is recorded as a problem, never dropped silently.
func expand(d *Document, opts Options, lim Limits) {
	e := &expander{doc: d, opts: opts, lim: lim, dir: filepath.Dir(d.File)}
	d.Config = e.walk(d.Config, d.ConfigPath, 0)
}

type expander struct {
	doc  *Document
	opts Options
	lim  Limits
	dir  string
	// inValue is set while expanding the value of a variable: references
	// found there are not in the user's config, so they are not recorded.
	inValue bool
	// tooDeep is set when expansion hit maxRefDepth, so that every level
	// of the chain gives up instead of substituting a partial result.
	tooDeep bool
}

// JoinPath appends key to a YAML path ("service.pipelines" + "traces").
// Paths name keys with dots and list items with [i]; see IndexPath.
func JoinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

// IndexPath appends list index i to a YAML path ("receivers[1]").
func IndexPath(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// walk expands every string scalar under n. Only values are expanded,
// never keys, as in the collector.
func (e *expander) walk(n *Node, path string, depth int) *Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case MapNode:
		splitDelimitedKeys(n)
		for _, en := range n.Entries {
			en.Value = e.walk(en.Value, JoinPath(path, en.Key), depth)
		}
	case SeqNode:
		for i, it := range n.Items {
			n.Items[i] = e.walk(it, IndexPath(path, i), depth)
		}
	case ScalarNode:
		if n.Tag == "!!str" && strings.Contains(n.Value, "${") {
			return e.scalar(n, path, depth)
		}
	}
	return n
}

// scalar expands the references of one string. A reference that is the
// whole value is replaced by a typed value (or, for file: and yaml:, by the
// YAML it names); one inside a longer string is substituted as text.
func (e *expander) scalar(n *Node, path string, depth int) *Node {
	var b strings.Builder
	last := 0
	for _, r := range scanRefs(n.Value) {
		whole := r.start == 0 && r.end == len(n.Value)
		if whole && (r.scheme == "file" || r.scheme == "yaml") && !strings.Contains(r.body, "$") {
			if repl := e.provider(n, r, path, depth); repl != nil {
				return repl
			}
			continue
		}
		val, ok := e.resolve(n, r, path, depth)
		if !ok {
			continue
		}
		if whole {
			return e.typed(n, val, path, depth)
		}
		b.WriteString(n.Value[last:r.start])
		b.WriteString(val)
		last = r.end
	}
	if last == 0 {
		return n
	}
	b.WriteString(n.Value[last:])
	return withValue(n, b.String())
}

// resolve checks one reference (recording env references and problems)
// and returns its value when opts.Env gives one.
func (e *expander) resolve(n *Node, r ref, path string, depth int) (string, bool) {
	// Nested references are expanded first by the collector; they are
	// checked here, and the outer one is only checked where it is static.
	inner := scanRefs(r.body)
	for _, ir := range inner {
		e.resolve(n, ir, path, depth)
	}
	text := n.Value[r.start:r.end]
	if strings.Contains(stripRefs(r.body, inner), "$") {
		e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("%s: the collector refuses a $ inside a reference (\"contains unsupported characters ('$')\") and fails at start-up", text))
		return "", false
	}
	switch {
	case r.scheme == "env":
		return e.env(n, r, text, path, depth)
	case strings.Contains(r.scheme, "$"):
		e.problem(CodeProviderUnchecked, n.Pos, path, fmt.Sprintf("%s: the scheme comes from another reference: not checked", text))
	case !schemeRE.MatchString(r.scheme):
		e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("%s is not a valid reference (a scheme is a letter followed by letters, digits, +, - or .): the collector fails at start-up with \"invalid uri\"", text)+defaultHint(r))
	case len(inner) > 0:
		e.problem(CodeProviderUnchecked, n.Pos, path, fmt.Sprintf("%s depends on other references: its value is not checked", text))
	case r.scheme == "file" || r.scheme == "yaml":
		e.problem(CodeProviderUnchecked, n.Pos, path, fmt.Sprintf("%s: provider used inside a longer string: its value is not checked", r.scheme))
	case knownRemoteSchemes[r.scheme]:
		e.problem(CodeProviderUnchecked, n.Pos, path, fmt.Sprintf("%s is resolved by the collector at start-up: otelcfg works offline and does not check its value", text))
	default:
		e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("%s: the collector has no config provider for scheme %q and fails at start-up", text, r.scheme)+defaultHint(r))
	}
	return "", false
}

// defaultHint explains ${NAME:-default}: without env: the collector reads
// NAME as a scheme.
func defaultHint(r ref) string {
	if envNameRE.MatchString(r.scheme) && strings.HasPrefix(r.body, "-") {
		return fmt.Sprintf("; a default needs the env scheme: write ${env:%s:%s}", r.scheme, r.body)
	}
	return ""
}

// knownRemoteSchemes are providers that fetch at start-up (the core http
// and https ones and those of the contrib distribution).
var knownRemoteSchemes = map[string]bool{"http": true, "https": true, "s3": true, "secretsmanager": true, "googlesecretmanager": true, "aes": true}

// env records an env reference and returns the value --env gives it,
// itself expanded (the collector expands results again).
func (e *expander) env(n *Node, r ref, text, path string, depth int) (string, bool) {
	name, def, hasDef := r.body, "", false
	if k := strings.Index(name, ":-"); k >= 0 {
		name, def, hasDef = name[:k], name[k+2:], true
	}
	if strings.Contains(name, "${") {
		e.problem(CodeProviderUnchecked, n.Pos, path, fmt.Sprintf("%s: the variable name comes from another reference: not checked", text))
		return "", false
	}
	if !envNameRE.MatchString(name) {
		e.problem(CodeInvalidEnvReference, n.Pos, path, fmt.Sprintf("%q is not a valid environment variable name in %s; names are letters, digits and _", name, text))
		return "", false
	}
	val, given := e.opts.Env[name]
	if !e.inValue {
		e.doc.Env = append(e.doc.Env, EnvRef{Name: name, Default: def, HasDefault: hasDef, Resolved: given, Pos: n.Pos, Path: path})
	}
	if !given || !strings.Contains(val, "${") {
		return val, given
	}
	return e.expandValue(n, val, text, path, depth)
}

// expandValue expands references inside the value of a variable, as the
// collector expands results again until nothing changes.
func (e *expander) expandValue(n *Node, val, text, path string, depth int) (string, bool) {
	if depth >= maxRefDepth {
		if !e.tooDeep {
			e.tooDeep = true
			e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("%s: values hold references more than %d levels deep (a variable that refers to itself?): the collector fails with \"too many recursive expansions\"", text, maxRefDepth))
		}
		return "", false
	}
	outer := e.inValue
	e.inValue = true
	inner := e.scalar(&Node{Kind: ScalarNode, Tag: "!!str", Value: val, Pos: n.Pos}, path, depth+1)
	e.inValue = outer
	if !outer {
		defer func() { e.tooDeep = false }() // the chain is done
	}
	if e.tooDeep || inner.Kind != ScalarNode { // a structure cannot be text
		return "", false
	}
	return inner.Value, true
}

// typed turns the value of a whole-value reference into a node the way the
// collector does: the text is parsed as YAML and keeps its type (5 is an
// int, a map stays a map); "" is null; invalid YAML stays a string.
func (e *expander) typed(n *Node, val, path string, depth int) *Node {
	if checkText("", []byte(val)) != nil {
		return withValue(n, val)
	}
	raws := parseYAML([]byte(val), converter{file: n.Pos.File, lim: e.lim, unmapped: true})
	if len(raws) == 0 { // "" or only comments: YAML null
		return &Node{Kind: NullNode, Tag: "!!null", Pos: n.Pos, Origin: n.Origin}
	}
	if len(raws) > 1 || raws[0].node == nil || len(raws[0].problems) > 0 {
		return withValue(n, val)
	}
	v := raws[0].node
	v.SetOrigin(n.Origin, n.Pos)
	if v.Kind == ScalarNode && v.Tag == "!!str" {
		v.Value = val // a string field gets the text as written
	}
	if v.Kind == MapNode || v.Kind == SeqNode {
		return e.walk(v, path, depth+1)
	}
	return v
}

// withValue returns a copy of string scalar n holding val.
func withValue(n *Node, val string) *Node {
	c := *n
	c.Value = val
	return &c
}

// provider resolves a whole-value ${file:PATH} or ${yaml:...} to the YAML it
// names, keeping the positions of the file it comes from.
func (e *expander) provider(n *Node, r ref, path string, depth int) *Node {
	if depth >= maxRefDepth {
		e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("providers nested more than %d levels deep: stopped resolving", maxRefDepth))
		return nil
	}
	var file string
	var data []byte
	switch r.scheme {
	case "file":
		file = r.body
		if !filepath.IsAbs(file) {
			file = filepath.Join(e.dir, file)
		}
		var err error
		data, err = readRegularFile(file, e.lim.MaxBytes)
		if err != nil {
			e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("${file:%s}: cannot read %s: %v; the collector fails at start-up", r.body, file, unwrapPathError(err)))
			return nil
		}
	case "yaml":
		file = e.doc.File
		data = []byte(r.body)
	}
	if err := checkText(file, data); err != nil {
		e.problem(CodeProviderError, n.Pos, path, fmt.Sprintf("${%s:%s}: %v", r.scheme, r.body, err))
		return nil
	}
	base := converter{file: file, lim: e.lim}
	raws := parseYAML(data, base)
	if len(raws) == 0 {
		return &Node{Kind: NullNode, Pos: n.Pos}
	}
	for _, p := range raws[0].problems {
		if r.scheme == "yaml" {
			p.Pos = n.Pos
		}
		e.doc.Problems = append(e.doc.Problems, p)
	}
	out := raws[0].node
	if out == nil {
		return nil
	}
	if r.scheme == "yaml" {
		out.SetOrigin("", n.Pos)
	}
	return e.walk(out, path, depth+1)
}

func (e *expander) problem(code Code, pos Pos, path, msg string) {
	e.doc.Problems = append(e.doc.Problems, Problem{Code: code, Pos: pos, Path: path, Message: msg})
}

// ParseEnvFile reads KEY=VALUE lines (blank lines and # comments ignored,
// optional "export ", optional quotes) as docker and systemd env files do.
func ParseEnvFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &InputError{Path: path, Err: unwrapPathError(err)}
	}
	env := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !envNameRE.MatchString(k) {
			return nil, &InputError{Path: path, Err: fmt.Errorf("line %d: want KEY=VALUE, got %q", i+1, line)}
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		env[k] = v
	}
	return env, nil
}

// readRegularFile reads a regular file of at most max bytes. Devices and
// pipes (/dev/zero, a FIFO) are refused: they may never end.
func readRegularFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d MiB", max>>20)
	}
	return data, nil
}

// splitDelimitedKeys nests keys written with the collector's key delimiter,
// as its config map does: `service::pipelines: {...}` is `service: {pipelines: {...}}`,
// merged with a `service` key written out.
func splitDelimitedKeys(n *Node) {
	has := false
	for _, e := range n.Entries {
		has = has || strings.Contains(e.Key, "::")
	}
	if !has {
		return
	}
	entries := n.Entries
	n.Entries = nil
	for _, e := range entries {
		parts := strings.Split(e.Key, "::")
		if len(parts) == 1 {
			Merge(n, &Node{Kind: MapNode, Pos: n.Pos, Entries: []*Entry{e}})
			continue
		}
		v := e.Value
		for i := len(parts) - 1; i >= 1; i-- {
			v = &Node{Kind: MapNode, Pos: e.KeyPos, Entries: []*Entry{{Key: parts[i], KeyPos: e.KeyPos, Value: v}}}
		}
		Merge(n, &Node{Kind: MapNode, Pos: n.Pos, Entries: []*Entry{{Key: parts[0], KeyPos: e.KeyPos, Value: v}}})
	}
}

// Reference is one ${...} reference in a string: Text[Start:End] is the
// whole "${scheme:body}" (Scheme is "env" for ${NAME}).
type Reference struct {
	Start, End   int
	Scheme, Body string
}

// References returns the outermost references of s as the collector finds
// them ($$ escapes a $, an unterminated ${ is text), for code that rewrites
// what the loader left unresolved.
func References(s string) []Reference {
	var out []Reference
	for _, r := range scanRefs(s) {
		out = append(out, Reference{Start: r.start, End: r.end, Scheme: r.scheme, Body: r.body})
	}
	return out
}

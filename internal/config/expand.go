package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// envNameRE is the collector's rule for environment variable names.
var envNameRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// ref is one ${...} reference inside a scalar.
type ref struct {
	start, end int    // byte range in the scalar, including ${ and }
	scheme     string // "env" for ${VAR}
	body       string // what follows "scheme:"
}

// scanRefs finds ${...} references in s, honouring the $$ escape.
func scanRefs(s string) []ref {
	var out []ref
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		if s[i+1] == '$' { // $$ is a literal $
			i++
			continue
		}
		if s[i+1] != '{' {
			continue
		}
		depth, j := 0, i+1
		for ; j < len(s); j++ {
			if s[j] == '{' {
				depth++
			} else if s[j] == '}' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j >= len(s) {
			break // unterminated: the collector leaves it as text
		}
		inner := s[i+2 : j]
		r := ref{start: i, end: j + 1, scheme: "env", body: inner}
		// ${NAME} uses the default scheme env; anything before the first
		// colon is a scheme, so ${NAME:-x} asks for a scheme "NAME".
		if k := strings.Index(inner, ":"); k >= 0 {
			r.scheme, r.body = inner[:k], inner[k+1:]
		}
		out = append(out, r)
		i = j
	}
	return out
}

// expand records env references of d.Config, substitutes the values given
// in opts.Env, and resolves file: and yaml: providers. What cannot be
// resolved offline is recorded as a problem, never dropped silently.
func expand(d *Document, opts Options, lines []string, lim Limits) {
	e := &expander{doc: d, opts: opts, lim: lim, dir: filepath.Dir(d.File)}
	d.Config = e.walk(d.Config, d.ConfigPath, 0)
}

type expander struct {
	doc  *Document
	opts Options
	lim  Limits
	dir  string
}

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func (e *expander) walk(n *Node, path string, depth int) *Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case MapNode:
		for _, en := range n.Entries {
			en.Value = e.walk(en.Value, joinPath(path, en.Key), depth)
		}
	case SeqNode:
		for i, it := range n.Items {
			n.Items[i] = e.walk(it, fmt.Sprintf("%s[%d]", path, i), depth)
		}
	case ScalarNode:
		if n.Tag == "!!str" && strings.Contains(n.Value, "$") {
			return e.scalar(n, path, depth)
		}
	}
	return n
}

func (e *expander) scalar(n *Node, path string, depth int) *Node {
	refs := scanRefs(n.Value)
	var b strings.Builder
	last := 0
	changed := false
	for _, r := range refs {
		whole := r.start == 0 && r.end == len(n.Value)
		switch r.scheme {
		case "env":
			name, def, hasDef := r.body, "", false
			if k := strings.Index(name, ":-"); k >= 0 {
				name, def, hasDef = name[:k], name[k+2:], true
			}
			if !envNameRE.MatchString(name) {
				e.problem("invalid-env-reference", n.Pos, path, fmt.Sprintf("%q is not a valid environment variable name in %s; names are letters, digits and _", name, n.Value[r.start:r.end]))
				continue
			}
			val, given := e.opts.Env[name]
			e.doc.Env = append(e.doc.Env, EnvRef{Name: name, Default: def, HasDefault: hasDef, Resolved: given, Pos: n.Pos, Path: path})
			if given {
				b.WriteString(n.Value[last:r.start])
				b.WriteString(val)
				last, changed = r.end, true
			}
		case "file", "yaml":
			if !whole {
				e.problem("provider-unchecked", n.Pos, path, fmt.Sprintf("%s: provider used inside a longer string: its value is not checked", r.scheme))
				continue
			}
			if repl := e.provider(n, r, path, depth); repl != nil {
				return repl
			}
		case "http", "https", "s3", "secretsmanager", "googlesecretmanager", "aes":
			e.problem("provider-unchecked", n.Pos, path, fmt.Sprintf("${%s:%s} is resolved by the collector at start-up: otelcfg works offline and does not check its value", r.scheme, r.body))
		default:
			msg := fmt.Sprintf("${%s:%s}: the collector has no config provider for scheme %q and fails at start-up", r.scheme, r.body, r.scheme)
			if envNameRE.MatchString(r.scheme) && strings.HasPrefix(r.body, "-") {
				msg += fmt.Sprintf("; a default needs the env scheme: write ${env:%s:%s}", r.scheme, r.body)
			}
			e.problem("provider-error", n.Pos, path, msg)
		}
	}
	if changed {
		b.WriteString(n.Value[last:])
		c := *n
		c.Value = b.String()
		return &c
	}
	return n
}

// provider resolves a whole-value ${file:PATH} or ${yaml:...} to the YAML it
// names, keeping the positions of the file it comes from.
func (e *expander) provider(n *Node, r ref, path string, depth int) *Node {
	if depth > 8 {
		e.problem("provider-error", n.Pos, path, "providers nested more than 8 levels deep: stopped resolving")
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
		st, err := os.Stat(file)
		if err == nil && st.Size() > e.lim.MaxBytes {
			err = fmt.Errorf("larger than %d MiB", e.lim.MaxBytes>>20)
		}
		if err == nil {
			data, err = os.ReadFile(file)
		}
		if err != nil {
			e.problem("provider-error", n.Pos, path, fmt.Sprintf("${file:%s}: cannot read %s: %v; the collector fails at start-up", r.body, file, unwrapPathError(err)))
			return nil
		}
	case "yaml":
		file = e.doc.File
		data = []byte(r.body)
	}
	if err := checkText(file, data); err != nil {
		e.problem("provider-error", n.Pos, path, fmt.Sprintf("${%s:%s}: %v", r.scheme, r.body, err))
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

func (e *expander) problem(code string, pos Pos, path, msg string) {
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

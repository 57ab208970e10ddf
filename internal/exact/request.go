package exact

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// prepared is one document made ready for the check program.
type prepared struct {
	doc   *config.Document
	input ConfigInput
	// unresolved are the references the config holds that have no value
	// here: what the collector makes of them (null, or nothing inside a
	// string) is what is checked, so errors they cause are not the
	// config's but the environment's.
	unresolved []unresolvedRef
}

// unresolvedRef is one reference without a value.
type unresolvedRef struct {
	path []string // config-relative key path of the value holding it
	text string   // the reference as written, "${env:X}"
	name string   // the variable, "" for other providers
	// deployment is set for a variable the deployment defines (the Helm
	// chart's pod env, a CR's spec.env): it has a value where the
	// collector runs, just not here.
	deployment bool
}

var envName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// prepare turns doc.Config into the request config: plain JSON values,
// with the references the loader left unresolved made into what the
// collector makes of them. Values given with --env are already in the
// tree (the loader substituted them); a default (${env:X:-d}) is used when
// X has no value; an unset variable is null when it is the whole value and
// nothing inside a longer string, as in the collector. Whole-value
// references go to ConfigInput.Expanded, so that the engine hands them to
// the collector's own resolver, which types them exactly as it does.
func prepare(doc *config.Document, id string) *prepared {
	p := &prepared{doc: doc, input: ConfigInput{ID: id}}
	resolved := map[string]bool{}
	for _, r := range doc.Env {
		if r.Resolved {
			resolved[r.Path] = true
		}
	}
	deployment := map[string]bool{}
	for _, n := range doc.DefinedEnv {
		deployment[n] = true
	}
	w := &walker{p: p, resolved: resolved, deployment: deployment}
	if m, ok := w.value(doc.Config, nil, doc.ConfigPath).(map[string]any); ok {
		p.input.Config = m
	} else {
		p.input.Config = map[string]any{}
	}
	return p
}

type walker struct {
	p          *prepared
	resolved   map[string]bool // dotted paths of values the loader substituted
	deployment map[string]bool // variables the deployment defines
}

func joinDotted(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func extend(path []string, seg string) []string {
	return append(append(make([]string, 0, len(path)+1), path...), seg)
}

// value converts n; dotted is its path as the loader writes it (for
// Document.Env), path its segments.
func (w *walker) value(n *config.Node, path []string, dotted string) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case config.MapNode:
		m := make(map[string]any, len(n.Entries))
		for _, e := range n.Entries {
			m[e.Key] = w.value(e.Value, extend(path, e.Key), joinDotted(dotted, e.Key))
		}
		if w.resolved[dotted] && len(path) > 0 { // a variable whose value is a map
			return w.expanded(path, m)
		}
		return m
	case config.SeqNode:
		s := make([]any, len(n.Items))
		for i, it := range n.Items {
			s[i] = w.value(it, extend(path, strconv.Itoa(i)), fmt.Sprintf("%s[%d]", dotted, i))
		}
		if w.resolved[dotted] {
			return w.expanded(path, s)
		}
		return s
	case config.NullNode:
		return nil
	}
	if n.Tag == "" || n.Tag == "!!str" {
		if strings.Contains(n.Value, "${") {
			return w.references(n.Value, path)
		}
		return n.Value
	}
	if w.resolved[dotted] { // a whole-value variable the loader typed: 5, true
		w.p.input.Expanded = append(w.p.input.Expanded, ExpandedValue{Path: path, Text: n.Value})
		return ""
	}
	return scalar(n)
}

// expanded records a structure that came from a variable; the collector
// reads its text as YAML, and JSON is YAML.
func (w *walker) expanded(path []string, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	w.p.input.Expanded = append(w.p.input.Expanded, ExpandedValue{Path: path, Text: string(b)})
	return ""
}

// scalar converts a typed scalar. Floats are written with a fraction so
// that the engine decodes them as floats again; YAML's .inf and .nan,
// which JSON cannot hold, go through the collector's YAML reading.
func scalar(n *config.Node) any {
	v := n.Plain()
	f, ok := v.(float64)
	if !ok {
		return v
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return n.Value
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return json.Number(s)
}

// references replaces the references left in s by what the collector
// makes of them, and records those that have no value.
func (w *walker) references(s string, path []string) any {
	refs := config.References(s)
	if len(refs) == 0 {
		return s
	}
	if len(refs) == 1 && refs[0].Start == 0 && refs[0].End == len(s) {
		val, _ := w.reference(refs[0], s, path)
		w.p.input.Expanded = append(w.p.input.Expanded, ExpandedValue{Path: path, Text: val})
		return ""
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(s[last:r.Start])
		val, _ := w.reference(r, s, path)
		b.WriteString(val)
		last = r.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// reference returns the value of one reference the loader left: the
// default of ${env:X:-d}, else "" (and it is recorded as unresolved).
func (w *walker) reference(r config.Reference, s string, path []string) (string, bool) {
	text := s[r.Start:r.End]
	if r.Scheme == "env" {
		name, def, hasDef := strings.Cut(r.Body, ":-")
		if envName.MatchString(name) && !w.deployment[name] && hasDef && !strings.Contains(def, "${") {
			return def, true
		}
		if envName.MatchString(name) {
			w.p.unresolved = append(w.p.unresolved, unresolvedRef{path: path, text: text, name: name, deployment: w.deployment[name]})
			return "", false
		}
	}
	w.p.unresolved = append(w.p.unresolved, unresolvedRef{path: path, text: text})
	return "", false
}

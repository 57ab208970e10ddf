package scgen

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Attr is one row of the generated registry; internal/semconv.Attribute has
// the same fields (documented there).
type Attr struct {
	Name        string
	Type        string
	Stability   string
	Brief       string
	Deprecated  bool
	Replacement []string
	Note        string
	Enum        []string
	Since       string
	Template    bool
	Scope       string
	Source      string
}

// Source values.
const (
	SourceGo    = "otel-go"     // declared by the newest otel-go semconv package
	SourceNPM   = "npm"         // declared only by the npm package
	SourceGoOld = "otel-go-old" // declared only by older otel-go semconv packages
)

// Stats counts what Build produced.
type Stats struct {
	Total, Current, Deprecated, WithReplacement, WithEnum, Templates int
	FromGo, FromNPM, FromGoOld                                       int
	Resource, Span, ScopeConflicts                                   int
	NPMDeprecatedButCurrentInGo                                      []string
}

func (s Stats) String() string {
	return fmt.Sprintf("%d attributes: %d current, %d deprecated (%d with replacement), %d with enum, %d templates; sources: otel-go %d, npm-only %d, old otel-go only %d; scope: %d resource, %d span, %d conflicting",
		s.Total, s.Current, s.Deprecated, s.WithReplacement, s.WithEnum, s.Templates, s.FromGo, s.FromNPM, s.FromGoOld, s.Resource, s.Span, s.ScopeConflicts)
}

var reBackticked = regexp.MustCompile("`([a-z0-9_.\\-]+)`")

// Build merges the otel-go packages (oldest first) and the npm data into the
// sorted registry.
func Build(pkgs []*GoPackage, npm *NPMData) ([]Attr, Stats, error) {
	var st Stats
	if len(pkgs) == 0 {
		return nil, st, fmt.Errorf("no otel-go semconv packages")
	}
	cur := pkgs[len(pkgs)-1]
	if cur.Version != SemconvVersion {
		return nil, st, fmt.Errorf("newest otel-go semconv package is v%s, pinned %s", cur.Version, SemconvVersion)
	}
	h := goHistoryOf(pkgs)
	npmBy := map[string]*NPMAttr{}
	for i := range npm.Attributes {
		npmBy[npm.Attributes[i].Name] = &npm.Attributes[i]
	}
	names := map[string]bool{}
	for n := range h.last {
		names[n] = true
	}
	for n := range npmBy {
		names[n] = true
	}
	var out []Attr
	for name := range names {
		a, err := mergeAttr(name, cur, h, npmBy[name], &st)
		if err != nil {
			return nil, st, err
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	setReplacements(out)
	addCounts(&st, out)
	return out, st, nil
}

// goHistory is what the otel-go packages, oldest first, say about each key
// beyond the newest package: when it appeared, its last declaration (for
// keys the newest package dropped) and the files that declared it (Scope).
type goHistory struct {
	since      map[string]string  // first package version declaring the key
	last       map[string]*GoAttr // the newest declaration
	lastVer    map[string]string  // the version of that declaration
	inResource map[string]bool    // declared in some resource.go
	inTrace    map[string]bool    // declared in some trace.go
}

func goHistoryOf(pkgs []*GoPackage) goHistory {
	h := goHistory{since: map[string]string{}, last: map[string]*GoAttr{}, lastVer: map[string]string{}, inResource: map[string]bool{}, inTrace: map[string]bool{}}
	for _, p := range pkgs {
		for name, a := range p.Attrs {
			if _, ok := h.since[name]; !ok {
				h.since[name] = p.Version
			}
			h.last[name], h.lastVer[name] = a, p.Version
			switch a.File {
			case "resource.go":
				h.inResource[name] = true
			case "trace.go":
				h.inTrace[name] = true
			}
		}
	}
	return h
}

// mergeAttr builds the row of one key from the newest Go package (primary),
// the npm attribute n (nil if npm lacks it) and the older Go packages, in
// that order of precedence (see the generator's doc); it fails where Go and
// npm disagree on whether the key is a template.
func mergeAttr(name string, cur *GoPackage, h goHistory, n *NPMAttr, st *Stats) (Attr, error) {
	g := cur.Attrs[name]
	a := Attr{Name: name, Since: h.since[name]}
	switch {
	case g != nil:
		a.Source = SourceGo
		a.Type, a.Stability, a.Brief, a.Template = g.Type, g.Stability, g.Brief, g.Template
		a.Enum = append([]string(nil), g.Enum...)
		if n != nil {
			if n.Brief != "" {
				a.Brief = n.Brief
			}
			if n.Template != g.Template {
				return Attr{}, fmt.Errorf("%s: template in otel-go %v, in npm %v", name, g.Template, n.Template)
			}
			if a.Stability == "" {
				// Template attributes carry no Stability line in Go.
				a.Stability = npmStability(n)
			}
			if n.Deprecated {
				// The npm package follows a newer semconv release than
				// the Go package; keep its deprecation, it is the newer
				// word.
				st.NPMDeprecatedButCurrentInGo = append(st.NPMDeprecatedButCurrentInGo, name)
				a.Deprecated, a.Note = true, n.Note
			}
		}
	case n != nil:
		a.Source = SourceNPM
		a.Brief, a.Template, a.Enum = n.Brief, n.Template, append([]string(nil), n.Enum...)
		a.Deprecated, a.Note = n.Deprecated, n.Note
		a.Stability = npmStability(n)
		if old := h.last[name]; old != nil {
			a.Type = old.Type
			if old.Template != n.Template {
				return Attr{}, fmt.Errorf("%s: template in otel-go v%s %v, in npm %v", name, h.lastVer[name], old.Template, n.Template)
			}
		}
	default:
		old := h.last[name]
		a.Source = SourceGoOld
		a.Type, a.Stability, a.Brief, a.Template = old.Type, old.Stability, old.Brief, old.Template
		a.Enum = append([]string(nil), old.Enum...)
		a.Deprecated = true
		a.Note = fmt.Sprintf("Last declared by otel-go semconv/v%s; absent from semconv/v%s and from %s %s, which record no replacement.", h.lastVer[name], SemconvVersion, NPMPackage, NPMVersion)
	}
	switch {
	case h.inResource[name] && h.inTrace[name]:
		st.ScopeConflicts++
	case h.inResource[name]:
		a.Scope = "resource"
	case h.inTrace[name]:
		a.Scope = "span"
	}
	return a, nil
}

// setReplacements fills Replacement of each deprecated row with the
// attribute names its deprecation prose quotes in backticks; nothing is
// inferred. Old-Go-only rows are skipped: their Note is our own sentence.
func setReplacements(out []Attr) {
	known := map[string]*Attr{}
	for i := range out {
		known[out[i].Name] = &out[i]
	}
	for i := range out {
		a := &out[i]
		if !a.Deprecated || a.Source == SourceGoOld {
			continue
		}
		seen := map[string]bool{}
		for _, m := range reBackticked.FindAllStringSubmatch(a.Note, -1) {
			k := m[1]
			if k == a.Name || seen[k] || !isAttrName(k, known) {
				continue
			}
			seen[k] = true
			a.Replacement = append(a.Replacement, k)
		}
	}
}

// addCounts adds the totals of out to s, for the generator's summary line.
func addCounts(s *Stats, out []Attr) {
	for _, a := range out {
		s.Total++
		if a.Deprecated {
			s.Deprecated++
			if len(a.Replacement) > 0 {
				s.WithReplacement++
			}
		} else {
			s.Current++
		}
		if len(a.Enum) > 0 {
			s.WithEnum++
		}
		if a.Template {
			s.Templates++
		}
		switch a.Source {
		case SourceGo:
			s.FromGo++
		case SourceNPM:
			s.FromNPM++
		case SourceGoOld:
			s.FromGoOld++
		}
		switch a.Scope {
		case "resource":
			s.Resource++
		case "span":
			s.Span++
		}
	}
}

// isAttrName reports whether k names a registry attribute or an instance of
// a template attribute ("http.request.header.content-length").
func isAttrName(k string, known map[string]*Attr) bool {
	if _, ok := known[k]; ok {
		return true
	}
	for i := strings.LastIndex(k, "."); i > 0; i = strings.LastIndex(k[:i], ".") {
		if a, ok := known[k[:i]]; ok && a.Template {
			return true
		}
	}
	return false
}

// npmStability maps the npm package's two levels.
func npmStability(n *NPMAttr) string {
	if n.Stable {
		return "stable"
	}
	return "experimental"
}

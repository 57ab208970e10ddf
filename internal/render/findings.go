package render

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
)

// Finding is a lint finding on a generated output, placed where the user
// can act on it: at the input's node when the input has the node, else in
// the generated output (which is not written when the finding is an error).
type Finding struct {
	lint.Finding
	// Generated is set when Pos is in the generated output: the input has
	// no node at the finding's path (a chart default, something render added).
	Generated bool
	// Origin is set when the input node itself came from elsewhere (a Helm
	// values input's chart default or preset): Pos is then where the values
	// file lets it in.
	Origin string
}

func (f Finding) String() string {
	switch {
	case f.Generated:
		return fmt.Sprintf("%s (in the generated output): %s %s: %s", f.Pos, f.Severity, f.Rule, f.Message)
	case f.Origin != "":
		return fmt.Sprintf("%s: %s %s: %s (from the %s)", f.Pos, f.Severity, f.Rule, f.Message, f.Origin)
	}
	return f.Finding.String()
}

// Note is the finding as a remark printed beside the output.
func (f Finding) Note() Note {
	n := Note{Level: "warning", Message: "lint: " + f.Rule + ": " + f.Message}
	if f.Severity >= lint.Error {
		n.Level = "error"
	}
	switch {
	case f.Generated:
		n.Message += fmt.Sprintf(" (at %s in the generated output)", f.Pos)
	case f.Origin != "":
		n.Pos = f.Pos
		n.Message += " (from the " + f.Origin + ")"
	default:
		n.Pos = f.Pos
	}
	return n
}

// LintError is returned when `otelcfg lint` rejects a generated output.
type LintError struct{ Findings []Finding }

func (e *LintError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the generated output does not pass `otelcfg lint` (nothing written):")
	for _, f := range e.Findings {
		fmt.Fprintf(&b, "\n  %s", f.String())
	}
	return b.String()
}

// Lint runs the linter on out (named name in messages) as kind and fails on
// error findings; it returns the warnings. Findings are placed in in (nil
// when the output was not made from a config) wherever in has their node.
func Lint(ctx context.Context, in *Input, name string, out []byte, kind config.Kind) ([]Finding, error) {
	res, err := driver.Lint(ctx, []config.Input{{Name: name, Data: out}}, driver.Options{Kind: kind, NoSettings: true})
	if err != nil {
		return nil, err
	}
	pl := newPlacer(in, name, out, kind)
	var errs, warns []Finding
	for _, lf := range res.Findings {
		f := pl.place(lf)
		switch {
		case f.Severity >= lint.Error:
			errs = append(errs, f)
		case f.Severity >= lint.Warning:
			warns = append(warns, f)
		}
	}
	if len(errs) > 0 {
		return warns, &LintError{Findings: errs}
	}
	return warns, nil
}

// target is a place in the input.
type target struct {
	pos    config.Pos
	origin string
}

// placer maps positions in a generated output back to the input: the
// output's config is walked beside the input's, key by key.
type placer struct {
	in      *config.Node
	outFile string
	// Keys and values are apart: a block map's position is its first
	// key's, and a finding there is about the key.
	byKey, byValue map[config.Pos]target
	prefixes       []string // YAML paths of the config in the output, with "."
}

func newPlacer(in *Input, name string, out []byte, kind config.Kind) *placer {
	p := &placer{outFile: name, byKey: map[config.Pos]target{}, byValue: map[config.Pos]target{}}
	if in == nil || in.Config == nil {
		return p
	}
	p.in = in.Config
	docs, err := config.LoadBytes(name, out, config.Options{Kind: kind})
	if err != nil || len(docs) == 0 {
		return p
	}
	d := docs[0]
	cfg := d.Config
	switch {
	case kind == config.KindHelmValues && d.Source.Get("alternateConfig") != nil:
		cfg = d.Source.Get("alternateConfig")
		p.prefixes = []string{"alternateConfig.", "config."}
	case d.ConfigPath != "":
		p.prefixes = []string{d.ConfigPath + "."}
	}
	p.walk(cfg, in.Config)
	return p
}

func add(m map[config.Pos]target, out config.Pos, in config.Pos, origin string) {
	if !out.IsValid() || !in.IsValid() {
		return
	}
	t := target{in, origin}
	if old, ok := m[out]; ok && old != t {
		t = target{} // two input places for one output position: ambiguous
	}
	m[out] = t
}

// lookup maps an output position, keys first.
func (p *placer) lookup(pos config.Pos) (target, bool) {
	t, ok := p.byKey[pos]
	if !ok {
		t, ok = p.byValue[pos]
	}
	return t, ok && t.pos.IsValid()
}

func (p *placer) walk(out, in *config.Node) {
	if out == nil || in == nil {
		return
	}
	add(p.byValue, out.Pos, in.Pos, in.Origin)
	switch {
	case out.Kind == config.MapNode && in.Kind == config.MapNode:
		for _, e := range out.Entries {
			ie := in.Entry(e.Key)
			if ie == nil {
				continue
			}
			add(p.byKey, e.KeyPos, ie.KeyPos, ie.Value.Origin)
			p.walk(e.Value, ie.Value)
		}
	case out.Kind == config.SeqNode && in.Kind == config.SeqNode:
		for i := 0; i < len(out.Items) && i < len(in.Items); i++ {
			p.walk(out.Items[i], in.Items[i])
		}
	}
}

// place maps f into the input: by its position, else by its path, else it
// stays in the output, marked as generated.
func (p *placer) place(f lint.Finding) Finding {
	for i, r := range f.Related {
		if t, ok := p.lookup(r.Pos); ok {
			f.Related[i].Pos = t.pos
		}
	}
	if p.in == nil || f.Pos.File != p.outFile {
		return Finding{Finding: f, Generated: f.Pos.File == p.outFile}
	}
	if t, ok := p.lookup(f.Pos); ok {
		f.Pos = t.pos
		return Finding{Finding: f, Origin: t.origin}
	}
	for _, pre := range p.prefixes {
		rest, ok := strings.CutPrefix(f.Path, pre)
		if !ok {
			continue
		}
		if pos, origin, ok := lookupPath(p.in, rest); ok {
			f.Pos = pos
			return Finding{Finding: f, Origin: origin}
		}
	}
	return Finding{Finding: f, Generated: true}
}

// lookupPath finds the node at a finding's YAML path (a.b[0].c) under n and
// returns its key's position (an item's own for list items). Keys may
// contain dots (k8s.pod.name): the longest key that fits is taken.
func lookupPath(n *config.Node, path string) (config.Pos, string, bool) {
	pos := n.Pos
	for path != "" {
		switch {
		case strings.HasPrefix(path, "["):
			end := strings.Index(path, "]")
			if end < 0 || n.Kind != config.SeqNode {
				return config.Pos{}, "", false
			}
			i, err := strconv.Atoi(path[1:end])
			if err != nil || i < 0 || i >= len(n.Items) {
				return config.Pos{}, "", false
			}
			n = n.Items[i]
			pos = n.Pos
			path = strings.TrimPrefix(path[end+1:], ".")
		case n.Kind == config.MapNode:
			var best *config.Entry
			for _, e := range n.Entries {
				if (path == e.Key || strings.HasPrefix(path, e.Key+".") || strings.HasPrefix(path, e.Key+"[")) && (best == nil || len(e.Key) > len(best.Key)) {
					best = e
				}
			}
			if best == nil {
				return config.Pos{}, "", false
			}
			n, pos = best.Value, best.KeyPos
			path = strings.TrimPrefix(path[len(best.Key):], ".")
		default:
			return config.Pos{}, "", false
		}
	}
	return pos, n.Origin, pos.IsValid()
}

// Package linter is the library behind `otelcfg lint`: it expands inputs,
// reads project settings, loads every document, runs the rules, applies
// suppressions and returns sorted findings. The CLI only maps flags to
// Options and results to output and exit codes.
package linter

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
	"github.com/otelcfg/otelcfg/schema"
)

// Options describe one lint run.
type Options struct {
	Paths   []string // files, directories, globs, "-"
	Configs []string // --config sources merged into one config
	Kind    config.Kind
	Env     map[string]string
	// Disable, Severity and FeatureGates add to what .otelcfg.yaml says.
	Disable      []string
	Severity     map[string]lint.Severity
	FeatureGates []string
	// SettingsPath names a settings file; empty means look for .otelcfg.yaml.
	SettingsPath string
	NoSettings   bool
	MaxBytes     int64
	Stdin        io.Reader
	// ReleaseNames maps a Helm values file (path as linted, or base name)
	// to the release it is installed as (--release-name FILE=NAME), for
	// cross-file rules; for values files not named here any release name
	// matches (the file name only seeds did-you-mean suggestions).
	ReleaseNames map[string]string
	// Fix applies the fixes findings offer to the files, then lints again.
	Fix bool
}

// Result is the outcome of a run.
type Result struct {
	// Fixed counts the findings --fix fixed (they are no longer in Findings).
	Fixed    int
	Findings []lint.Finding
	Files    []string // inputs linted, in order
	// FailLevel from the settings of the inputs ("" when none sets it); when
	// inputs are governed by different settings, the strictest level wins.
	FailLevel string
}

// Summary counts the result's findings.
func (r *Result) Summary() lint.Summary { return lint.Summarize(len(r.Files), r.Findings) }

type run struct {
	opts          Options
	settingsCache map[string]*Settings
	engines       map[*Settings]*ruleSet
	loadOpts      config.Options
	schemas       *schemacheck.Checker // shared: compiled definitions are reused across files
}

// ruleSet is the effective rule configuration for inputs governed by one
// settings file: the engine plus what it was built from, which also applies
// to the findings about otelcfg:ignore directives (made outside the engine).
type ruleSet struct {
	engine   *lint.Engine
	disabled map[string]bool
	severity map[string]lint.Severity
}

// finish applies suppression directives to fs and then the rule
// configuration to the directive findings: directives naming only disabled
// rules are dropped (they cannot be "unused"), and invalid-ignore and
// unused-ignore findings honour disable and severity like any other rule.
func (rs *ruleSet) finish(fs []lint.Finding, dirs []*lint.Directive, bad []lint.Finding) []lint.Finding {
	kept := dirs[:0:0]
	for _, d := range dirs {
		var ids []string
		for _, id := range d.Rules {
			if !rs.disabled[id] {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			d.Rules = ids
			kept = append(kept, d)
		}
	}
	all := append(lint.Suppress(fs, kept), bad...)
	out := all[:0]
	for _, f := range all {
		if rs.disabled[f.Rule] {
			continue
		}
		if sev, ok := rs.severity[f.Rule]; ok {
			f.Severity = sev
		}
		out = append(out, f)
	}
	return out
}

// HelmRender adapts the chart model to the loader.
func HelmRender(values *config.Node, file string) (*config.HelmResult, error) {
	res, err := chart.Render(values, file)
	if err != nil {
		return nil, err
	}
	out := &config.HelmResult{Config: res.Config, Mode: res.Mode, Env: res.Env}
	for _, n := range res.Notes {
		code := "helm-chart-note"
		if n.Fails {
			code = "helm-chart-error"
		}
		out.Notes = append(out.Notes, config.Problem{Code: code, Pos: n.Pos, Message: n.Message})
	}
	return out, nil
}

// Run lints what opts names. An error means the run could not happen (bad
// settings, unreadable input); findings are never errors.
func Run(opts Options) (*Result, error) {
	if !opts.Fix {
		return runOnce(opts)
	}
	// --fix: lint, apply the fixes of what was reported (suppressed findings
	// are not fixed), then lint again so the report shows what is left.
	opts.Fix = false
	first, err := runOnce(opts)
	if err != nil {
		return nil, err
	}
	fixed, err := applyFixes(first.Findings)
	if err != nil || fixed == 0 {
		return first, err
	}
	res, err := runOnce(opts)
	if err != nil {
		return nil, err
	}
	res.Fixed = fixed
	return res, nil
}

// applyFixes writes the fixes of findings into their files and returns how
// many findings were fixed.
func applyFixes(fs []lint.Finding) (int, error) {
	byFile := map[string][]lint.Finding{}
	var files []string
	for _, f := range fs {
		if f.Fix == nil || f.Pos.File == "-" || f.Pos.File == "" {
			continue
		}
		if _, seen := byFile[f.Pos.File]; !seen {
			files = append(files, f.Pos.File)
		}
		byFile[f.Pos.File] = append(byFile[f.Pos.File], f)
	}
	sort.Strings(files)
	total := 0
	for _, file := range files {
		st, err := os.Stat(file)
		if err != nil || !st.Mode().IsRegular() {
			continue // not a file of ours (a yaml: source, stdin)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return total, &config.InputError{Path: file, Err: unwrap(err)}
		}
		out, n := lint.ApplyFixes(file, data, byFile[file])
		if n == 0 {
			continue
		}
		if err := os.WriteFile(file, out, st.Mode().Perm()); err != nil {
			return total, &config.InputError{Path: file, Err: unwrap(err)}
		}
		total += n
	}
	return total, nil
}

func runOnce(opts Options) (*Result, error) {
	r := &run{opts: opts, settingsCache: map[string]*Settings{}, engines: map[*Settings]*ruleSet{}}
	r.loadOpts = config.Options{Kind: opts.Kind, Env: opts.Env, HelmRender: HelmRender}
	if opts.MaxBytes > 0 {
		r.loadOpts.Limits = config.DefaultLimits
		r.loadOpts.Limits.MaxBytes = opts.MaxBytes
	}
	if opts.SettingsPath != "" {
		s, err := LoadSettings(opts.SettingsPath)
		if err != nil {
			return nil, err
		}
		r.settingsCache[""] = s
	}
	res := &Result{}
	files, err := ExpandPaths(opts.Paths)
	if err != nil {
		return nil, err
	}
	var checked []*checkedFile
	for _, f := range files {
		s, err := r.settingsFor(f)
		if err != nil {
			return nil, err
		}
		if s.ignored(f) {
			continue
		}
		cf, err := r.checkFile(f, s)
		if err != nil {
			return nil, err
		}
		checked = append(checked, cf)
		res.Files = append(res.Files, f)
		res.FailLevel = stricter(res.FailLevel, s.FailLevel)
	}
	if err := r.checkSet(checked); err != nil {
		return nil, err
	}
	for _, cf := range checked {
		res.Findings = append(res.Findings, cf.finish()...)
	}
	if len(opts.Configs) > 0 {
		fs, s, err := r.lintMerged()
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, opts.Configs...)
		res.Findings = append(res.Findings, fs...)
		res.FailLevel = stricter(res.FailLevel, s.FailLevel)
	}
	lint.SortFindings(res.Findings)
	return res, nil
}

func (r *run) settingsFor(file string) (*Settings, error) {
	if s, ok := r.settingsCache[""]; ok {
		return s, nil
	}
	if r.opts.NoSettings {
		return &Settings{}, nil
	}
	dir := "."
	if file != "-" {
		dir = filepath.Dir(file)
	}
	return r.findSettings(dir)
}

func (r *run) engine(s *Settings) (*ruleSet, error) {
	if rs, ok := r.engines[s]; ok {
		return rs, nil
	}
	if r.schemas == nil {
		r.schemas = Schemas()
	}
	opts := lint.Options{Rules: rules.All(), Catalog: catalog.Default(), Schemas: r.schemas,
		Disabled: map[string]bool{}, Severity: map[string]lint.Severity{}, FeatureGates: map[string]bool{}}
	for _, id := range append(append([]string(nil), s.Disable...), r.opts.Disable...) {
		opts.Disabled[id] = true
	}
	for id, sev := range s.Severity {
		opts.Severity[id], _ = lint.ParseSeverity(sev)
	}
	for id, sev := range r.opts.Severity {
		opts.Severity[id] = sev
	}
	for _, g := range append(append([]string(nil), s.FeatureGates...), r.opts.FeatureGates...) {
		opts.FeatureGates[g] = true
	}
	e, err := lint.NewEngine(opts)
	if err != nil {
		return nil, err
	}
	rs := &ruleSet{engine: e, disabled: opts.Disabled, severity: opts.Severity}
	r.engines[s] = rs
	return rs, nil
}

func (r *run) readInput(path string) ([]byte, error) {
	var in io.Reader
	if path == "-" {
		in = r.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, &config.InputError{Path: path, Err: unwrap(err)}
		}
		defer f.Close()
		in = f
	}
	lim := config.DefaultLimits.MaxBytes
	if r.opts.MaxBytes > 0 {
		lim = r.opts.MaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(in, lim+1))
	if err != nil {
		return nil, &config.InputError{Path: path, Err: unwrap(err)}
	}
	if int64(len(data)) > lim {
		return nil, &config.InputError{Path: path, Err: fmt.Errorf("larger than %d MiB: not read (raise the limit with --max-size if this really is a collector config)", lim>>20)}
	}
	return data, nil
}

// checkedFile is one input after its documents were checked, before
// cross-file rules and suppressions.
type checkedFile struct {
	path     string
	data     []byte
	rs       *ruleSet
	docs     []*config.Document
	findings []lint.Finding
}

func (r *run) checkFile(path string, s *Settings) (*checkedFile, error) {
	data, err := r.readInput(path)
	if err != nil {
		return nil, err
	}
	docs, err := config.LoadBytes(path, data, r.loadOpts)
	if err != nil {
		return nil, err
	}
	rs, err := r.engine(s)
	if err != nil {
		return nil, err
	}
	cf := &checkedFile{path: path, data: data, rs: rs, docs: docs}
	for _, d := range docs {
		fs, err := rs.engine.Run(d)
		if err != nil {
			return nil, err
		}
		cf.findings = append(cf.findings, fs...)
	}
	return cf, nil
}

// checkSet runs the cross-file rules over the documents of every file and
// hands each finding to the file it names, whose settings and directives
// then apply to it as to any other finding.
func (r *run) checkSet(files []*checkedFile) error {
	var docs []*config.Document
	byFile := map[string]*checkedFile{}
	for _, cf := range files {
		docs = append(docs, cf.docs...)
		byFile[filepath.Clean(cf.path)] = cf
	}
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Catalog: catalog.Default()})
	if err != nil {
		return err
	}
	names := map[string]string{}
	for f, n := range r.opts.ReleaseNames {
		names[filepath.Clean(f)] = n
	}
	fs, err := e.RunSet(docs, names)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if cf := byFile[filepath.Clean(f.Pos.File)]; cf != nil {
			cf.findings = append(cf.findings, f)
		}
	}
	return nil
}

// finish applies the file's suppression directives and rule settings.
func (cf *checkedFile) finish() []lint.Finding {
	dirs, bad := lint.ParseDirectives(cf.path, cf.data, knownRule)
	return cf.rs.finish(cf.findings, dirs, bad)
}

func knownRule(id string) bool { return rules.ByID(id) != nil }

func (r *run) lintMerged() ([]lint.Finding, *Settings, error) {
	doc, err := config.LoadMerged(r.opts.Configs, r.loadOpts)
	if err != nil {
		return nil, nil, err
	}
	s, err := r.settingsFor(doc.File)
	if err != nil {
		return nil, nil, err
	}
	rs, err := r.engine(s)
	if err != nil {
		return nil, nil, err
	}
	fs, err := rs.engine.Run(doc)
	if err != nil {
		return nil, nil, err
	}
	var dirs []*lint.Directive
	var bad []lint.Finding
	for _, src := range r.opts.Configs {
		f := strings.TrimPrefix(src, "file:")
		data, err := os.ReadFile(f)
		if err != nil {
			continue // not a file (yaml:, env:, http: sources): no directives
		}
		d, b := lint.ParseDirectives(f, data, knownRule)
		dirs, bad = append(dirs, d...), append(bad, b...)
	}
	return rs.finish(fs, dirs, bad), s, nil
}

// Schemas returns a checker over the embedded component schemas.
func Schemas() *schemacheck.Checker {
	set := schemacheck.Set{FS: schema.FS, Components: make(map[string]schemacheck.Entry, len(schema.Components))}
	for k, c := range schema.Components {
		set.Components[k] = schemacheck.Entry{File: c.File, Def: c.Def, Deps: c.Deps}
	}
	return schemacheck.New(set)
}

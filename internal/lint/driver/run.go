// Package driver is the library behind `otelcfg lint`: it takes inputs
// (in memory, or paths it reads with config.ReadInput), finds the project
// settings that govern each, loads every document, runs the rules of
// package lint through its engine, applies settings and suppressions once,
// and returns sorted findings. The CLI, render's lint gate and the tests all
// lint through it; the CLI only maps flags to Options and results to output
// and exit codes.
package driver

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// Options describe one lint run.
type Options struct {
	Kind config.Kind // force every document's kind; "" detects it
	Env  map[string]string
	// Disable, Severity and FeatureGates add to what .otelcfg.yaml says.
	Disable      []string
	Severity     map[string]lint.Severity
	FeatureGates []string
	// SettingsPath names a settings file; empty means look for .otelcfg.yaml
	// upwards from each input's directory.
	SettingsPath string
	NoSettings   bool
	Limits       config.Limits
	// ReleaseNames maps a Helm values file (path as linted, or base name)
	// to the release it is installed as (--release-name FILE=NAME), for
	// cross-file rules; for values files not named here any release name
	// matches (the file name only seeds did-you-mean suggestions).
	ReleaseNames map[string]string
	// Configs are collector --config sources merged into one config and
	// linted as one more input.
	Configs []string
	// Fix applies the fixes findings offer to the inputs' text and lints
	// the result again; Result.Fixed holds the new text.
	Fix bool
	// Exact, when set, runs the collector's own component code on every
	// config after the rules' first line (the exact layer); nil checks
	// with the schema alone.
	Exact *ExactOptions
}

// Result is the outcome of a run.
type Result struct {
	Findings []lint.Finding
	Files    []string // inputs linted, in order
	// FailLevel from the settings of the inputs ("" when none sets it); when
	// inputs are governed by different settings, the strictest level wins.
	FailLevel string
	// Fixed lists the inputs --fix changed, with their new text, and
	// FixCount how many findings that fixed (they are no longer in Findings).
	Fixed    []config.Input
	FixCount int
	// Exact says what the exact layer checked (nil when it did not run).
	Exact *ExactStatus
	// With --fix: Original[i] is the text Fixed[i] had before the fixes,
	// Applied the findings whose fixes were made (in the order made), and
	// Unfixed what linting the inputs as they were found (what `--fix
	// --diff`, which writes nothing, reports on).
	Original []config.Input
	Applied  []lint.Finding
	Unfixed  []lint.Finding
}

// Summary counts the result's findings.
func (r *Result) Summary() lint.Summary { return lint.Summarize(len(r.Files), r.Findings) }

// LintPaths lints what paths name (files, directories, globs, "-" for
// stdin; see config.ExpandPaths). Inputs the settings' ignore-paths cover
// are not read.
func LintPaths(ctx context.Context, paths []string, stdin io.Reader, opts Options) (*Result, error) {
	r := newRun(opts)
	if r.initErr != nil {
		return nil, r.initErr
	}
	var ignoreErr error
	keep := func(path string) bool {
		s, err := r.settingsFor(path)
		if err != nil {
			ignoreErr = err
			return true // read it; the error is returned below
		}
		return !s.ignored(path)
	}
	var inputs []config.Input
	var err error
	if len(paths) > 0 {
		if inputs, err = config.ReadInputs(paths, stdin, opts.Limits, keep); err != nil {
			return nil, err
		}
	}
	if ignoreErr != nil {
		return nil, ignoreErr
	}
	return r.lint(ctx, inputs)
}

// Lint lints inputs already read. An error means the run could not happen
// (bad settings, an input over a limit); findings are never errors.
func Lint(ctx context.Context, inputs []config.Input, opts Options) (*Result, error) {
	return newRun(opts).lint(ctx, inputs)
}

func (r *run) lint(ctx context.Context, inputs []config.Input) (*Result, error) {
	if !r.opts.Fix {
		return r.once(ctx, inputs)
	}
	// --fix: lint, apply the fixes of what was reported (suppressed findings
	// are not fixed), then lint again so the report shows what is left.
	first, err := r.once(ctx, inputs)
	if err != nil {
		return nil, err
	}
	fixed, applied := applyFixes(inputs, first.Findings)
	first.Unfixed = first.Findings
	if len(applied) == 0 {
		return first, nil
	}
	byName := map[string][]byte{}
	for _, in := range fixed {
		byName[in.Name] = in.Data
	}
	next := make([]config.Input, len(inputs))
	for i, in := range inputs {
		if data, ok := byName[in.Name]; ok {
			changed := in
			changed.Data = data
			next[i] = changed
			first.Original = append(first.Original, in)
			continue
		}
		next[i] = in
	}
	res, err := r.once(ctx, next)
	if err != nil {
		return nil, err
	}
	res.Fixed, res.FixCount, res.Applied = fixed, len(applied), applied
	res.Original, res.Unfixed = first.Original, first.Findings
	return res, nil
}

// applyFixes applies the fixes of findings to the inputs they belong to and
// returns the inputs that changed and the findings fixed. Stdin cannot be
// written back, so its findings are not fixed.
func applyFixes(inputs []config.Input, fs []lint.Finding) ([]config.Input, []lint.Finding) {
	byFile := map[string][]lint.Finding{}
	for _, f := range fs {
		if f.Fix != nil && f.Pos.File != "-" {
			byFile[filepath.Clean(f.Pos.File)] = append(byFile[filepath.Clean(f.Pos.File)], f)
		}
	}
	var out []config.Input
	var done []lint.Finding
	for _, in := range inputs {
		if in.Name == "-" {
			continue
		}
		data, applied := lint.ApplyFixes(in.Name, in.Data, byFile[filepath.Clean(in.Name)])
		if len(applied) > 0 {
			out = append(out, config.Input{Name: in.Name, Data: data})
			done = append(done, applied...)
		}
	}
	return out, done
}

// run is the state of one lint run: settings found so far and the rule
// configuration each settings file gives.
type run struct {
	opts          Options
	settingsCache map[string]*Settings
	ruleSets      map[*Settings]*ruleSet
	initErr       error // bad options, or a --settings file that could not be read
	loadOpts      config.Options
}

func newRun(opts Options) *run {
	r := &run{opts: opts, settingsCache: map[string]*Settings{}, ruleSets: map[*Settings]*ruleSet{}}
	r.loadOpts = config.Options{Kind: opts.Kind, Env: opts.Env, HelmRender: chart.HelmRender, Limits: opts.Limits}
	r.initErr = opts.checkRuleIDs()
	if opts.SettingsPath != "" && r.initErr == nil {
		s, err := LoadSettings(opts.SettingsPath)
		r.settingsCache[""], r.initErr = s, err
	}
	return r
}

// checkedFile is one input after its documents were checked, before
// cross-file rules and suppressions.
type checkedFile struct {
	input    config.Input
	rs       *ruleSet
	docs     []*config.Document
	findings []lint.Finding
}

func (r *run) once(ctx context.Context, inputs []config.Input) (*Result, error) {
	if r.initErr != nil {
		return nil, r.initErr
	}
	res := &Result{}
	var checked []*checkedFile
	for _, in := range inputs {
		s, err := r.settingsFor(in.Name)
		if err != nil {
			return nil, err
		}
		if s.ignored(in.Name) {
			continue
		}
		cf, err := r.loadInput(in, s)
		if err != nil {
			return nil, err
		}
		checked = append(checked, cf)
		res.Files = append(res.Files, in.Name)
		res.FailLevel = stricter(res.FailLevel, s.FailLevel)
	}
	var fromCode map[string][]lint.Finding
	if r.opts.Exact != nil {
		fromCode, res.Exact = r.checkExact(ctx, checked)
	}
	for _, cf := range checked {
		if err := cf.check(ctx); err != nil {
			return nil, err
		}
	}
	if err := r.checkSet(ctx, checked); err != nil {
		return nil, err
	}
	for _, cf := range checked {
		if fs := fromCode[filepath.Clean(cf.input.Name)]; r.opts.Exact != nil {
			cf.findings = mergeExact(cf.findings, fs, cf.docs, r.opts.Exact.UserCollector)
		}
		res.Findings = append(res.Findings, cf.finish()...)
	}
	if len(r.opts.Configs) > 0 {
		fs, s, err := r.lintMerged(ctx)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, r.opts.Configs...)
		res.Findings = append(res.Findings, fs...)
		res.FailLevel = stricter(res.FailLevel, s.FailLevel)
	}
	lint.SortFindings(res.Findings)
	return res, nil
}

// loadInput loads the documents of one input under the rule
// configuration of its settings.
func (r *run) loadInput(in config.Input, s *Settings) (*checkedFile, error) {
	rs := r.ruleSet(s)
	opts := r.loadOpts
	opts.FeatureGates = rs.featureGates
	docs, err := config.LoadBytes(in.Name, in.Data, opts)
	if err != nil {
		return nil, err
	}
	return &checkedFile{input: in, rs: rs, docs: docs}, nil
}

// check runs the per-document rules over the file's documents.
func (cf *checkedFile) check(ctx context.Context) error {
	for _, d := range cf.docs {
		fs, err := cf.rs.engine.Run(ctx, d)
		if err != nil {
			return err
		}
		cf.findings = append(cf.findings, fs...)
	}
	return nil
}

// checkSet runs the cross-file rules over the documents of every file and
// hands each finding to the file it names, whose settings and directives
// then apply to it as to any other finding.
func (r *run) checkSet(ctx context.Context, files []*checkedFile) error {
	var docs []*config.Document
	byFile := map[string]*checkedFile{}
	for _, cf := range files {
		docs = append(docs, cf.docs...)
		byFile[filepath.Clean(cf.input.Name)] = cf
	}
	names := map[string]string{}
	for f, n := range r.opts.ReleaseNames {
		names[filepath.Clean(f)] = n
	}
	e := lint.NewEngine(lint.Options{Rules: rules.All(), Catalog: catalog.Default()})
	fs, err := e.RunSet(ctx, docs, names)
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
	dirs, bad := lint.ParseDirectives(cf.input.Name, cf.input.Data, knownRule)
	return cf.rs.finish(cf.findings, dirs, bad)
}

func knownRule(id string) bool { return rules.ByID(id) != nil }

func (r *run) lintMerged(ctx context.Context) ([]lint.Finding, *Settings, error) {
	doc, err := config.LoadMerged(r.opts.Configs, r.loadOpts)
	if err != nil {
		return nil, nil, err
	}
	s, err := r.settingsFor(doc.File)
	if err != nil {
		return nil, nil, err
	}
	rs := r.ruleSet(s)
	doc.FeatureGates = rs.featureGates
	fs, err := rs.engine.Run(ctx, doc)
	if err != nil {
		return nil, nil, err
	}
	var dirs []*lint.Directive
	var bad []lint.Finding
	for _, src := range r.opts.Configs {
		f := strings.TrimPrefix(src, "file:")
		in, err := config.ReadInput(f, nil, r.opts.Limits)
		if err != nil {
			continue // not a file (yaml:, env:, http: sources): no directives
		}
		d, b := lint.ParseDirectives(f, in.Data, knownRule)
		dirs, bad = append(dirs, d...), append(bad, b...)
	}
	return rs.finish(fs, dirs, bad), s, nil
}

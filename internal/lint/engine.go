package lint

import (
	"fmt"
	"sort"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
)

// Pass is what a rule sees while checking one document.
type Pass struct {
	Doc     *config.Document
	Catalog *catalog.Catalog
	// Collector is Doc.Config read into components and pipelines (nil when
	// the document holds no config).
	Collector *config.Collector
	// FeatureGates are the collector feature gates assumed enabled (--feature-gates).
	FeatureGates map[string]bool
	// Schemas validates component settings; nil when no schema is loaded.
	Schemas *schemacheck.Checker
	rule    *Rule
	report  func(Finding)
}

// Report records a finding of the running rule. Rule and Severity are
// filled in when empty.
func (p *Pass) Report(f Finding) {
	if f.Rule == "" {
		f.Rule = p.rule.ID
	}
	if f.Severity == 0 {
		f.Severity = p.rule.Severity
	}
	if f.Pos.File == "" {
		f.Pos.File = p.Doc.File
	}
	p.report(f)
}

// Reportf reports a finding of the running rule at pos.
func (p *Pass) Reportf(pos config.Pos, path, format string, args ...any) {
	p.Report(Finding{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// Options configure an Engine.
type Options struct {
	Rules   []*Rule
	Catalog *catalog.Catalog
	// Disabled rule IDs are not run.
	Disabled map[string]bool
	// Severity overrides the default severity of a rule.
	Severity map[string]Severity
	// FeatureGates the collector runs with, as given to its --feature-gates.
	FeatureGates map[string]bool
	// Schemas validates component settings (nil: settings are not checked).
	Schemas *schemacheck.Checker
}

// Engine runs rules over documents.
type Engine struct {
	opts Options
}

// NewEngine returns an engine; it fails on unknown rule IDs in opts.
func NewEngine(opts Options) (*Engine, error) {
	known := make(map[string]bool, len(opts.Rules))
	for _, r := range opts.Rules {
		known[r.ID] = true
	}
	var unknown []string
	for id := range opts.Disabled {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	for id := range opts.Severity {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("unknown rule ID %q (see `otelcfg rules`)", unknown[0])
	}
	return &Engine{opts: opts}, nil
}

// Run checks one document with every enabled rule and returns its findings,
// suppressions applied, sorted.
func (e *Engine) Run(doc *config.Document) ([]Finding, error) {
	var out []Finding
	var coll *config.Collector
	if doc.Config != nil {
		coll = config.BuildCollector(doc.Config, doc.ConfigPath)
	}
	for _, r := range e.opts.Rules {
		if e.opts.Disabled[r.ID] || r.Check == nil {
			continue
		}
		pass := &Pass{Doc: doc, Catalog: e.opts.Catalog, Collector: coll, FeatureGates: e.opts.FeatureGates, Schemas: e.opts.Schemas, rule: r}
		pass.report = func(f Finding) {
			if sev, ok := e.opts.Severity[f.Rule]; ok {
				f.Severity = sev
			}
			out = append(out, f)
		}
		if err := r.Check(pass); err != nil {
			return nil, fmt.Errorf("%s: rule %s: %w", doc.File, r.ID, err)
		}
	}
	SortFindings(out)
	return out, nil
}

// SetPass is what a cross-document rule (Rule.CheckSet) sees: every
// document linted in one run, in input order.
type SetPass struct {
	Docs []*config.Document
	// Collectors[i] is Docs[i].Config read into components and pipelines
	// (nil when the document holds no config).
	Collectors []*config.Collector
	Catalog    *catalog.Catalog
	// ReleaseNames maps an input file (as named in Document.File) to the
	// Helm release its values are installed as (--release-name FILE=NAME).
	ReleaseNames map[string]string
	rule         *Rule
	report       func(Finding)
}

// Report records a finding of the running rule; the finding must name its
// file (Pos.File). Rule and Severity are filled in when empty.
func (p *SetPass) Report(f Finding) {
	if f.Rule == "" {
		f.Rule = p.rule.ID
	}
	if f.Severity == 0 {
		f.Severity = p.rule.Severity
	}
	p.report(f)
}

// Reportf reports a finding of the running rule at pos.
func (p *SetPass) Reportf(pos config.Pos, path, format string, args ...any) {
	p.Report(Finding{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// RunSet runs the enabled cross-document rules once over docs and returns
// their findings, sorted. Suppressions are not applied: the findings belong
// to the files they name, whose directives the caller applies.
func (e *Engine) RunSet(docs []*config.Document, releaseNames map[string]string) ([]Finding, error) {
	var out []Finding
	var colls []*config.Collector
	for _, r := range e.opts.Rules {
		if e.opts.Disabled[r.ID] || r.CheckSet == nil {
			continue
		}
		if colls == nil {
			colls = make([]*config.Collector, len(docs))
			for i, d := range docs {
				if d.Config != nil {
					colls[i] = config.BuildCollector(d.Config, d.ConfigPath)
				}
			}
		}
		pass := &SetPass{Docs: docs, Collectors: colls, Catalog: e.opts.Catalog, ReleaseNames: releaseNames, rule: r}
		pass.report = func(f Finding) {
			if sev, ok := e.opts.Severity[f.Rule]; ok {
				f.Severity = sev
			}
			out = append(out, f)
		}
		if err := r.CheckSet(pass); err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
	}
	SortFindings(out)
	return out, nil
}

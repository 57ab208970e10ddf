package lint

import (
	"context"
	"fmt"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
)

// reporter is what Pass and SetPass share: it fills in the running rule's
// ID and default severity and hands the finding on.
type reporter struct {
	rule *Rule
	file string // default Pos.File ("" for cross-document rules)
	emit func(Finding)
}

// Report records a finding of the running rule. Rule, Severity and (for a
// per-document rule) Pos.File are filled in when empty. A cross-document
// rule must name the file its finding belongs to.
func (r *reporter) Report(f Finding) {
	if f.Rule == "" {
		f.Rule = r.rule.ID
	}
	if f.Severity == 0 {
		f.Severity = r.rule.Severity
	}
	if f.Pos.File == "" {
		f.Pos.File = r.file
	}
	r.emit(f)
}

// Reportf reports a finding of the running rule at pos.
func (r *reporter) Reportf(pos config.Pos, path, format string, args ...any) {
	r.Report(Finding{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// Pass is what a rule sees while checking one document.
type Pass struct {
	reporter
	Doc     *config.Document
	Catalog *catalog.Catalog
	// Collector is Doc.Config read into components and pipelines (nil when
	// the document holds no config).
	Collector *config.Collector
	// ResultOf holds the results of the rules this rule Requires, computed
	// on the same document.
	ResultOf map[*Rule]any
}

// SetPass is what a cross-document rule (Rule.CheckSet) sees: every
// document linted in one run, in input order.
type SetPass struct {
	reporter
	Docs []*config.Document
	// Collectors[i] is Docs[i].Config read into components and pipelines
	// (nil when the document holds no config).
	Collectors []*config.Collector
	Catalog    *catalog.Catalog
	// ReleaseNames maps an input file (as named in Document.File) to the
	// Helm release its values are installed as (--release-name FILE=NAME).
	ReleaseNames map[string]string
}

// Options configure an Engine.
type Options struct {
	// Rules are the rules to run (the caller leaves out disabled ones).
	// Rules they require run too, whether listed or not.
	Rules   []*Rule
	Catalog *catalog.Catalog
}

// Engine runs rules over documents. It reports what the rules find at
// their default severities; settings (disable, severity overrides) and
// suppressions are the driver's to apply.
type Engine struct {
	opts Options
}

// NewEngine returns an engine for opts.
func NewEngine(opts Options) *Engine { return &Engine{opts: opts} }

// Run checks one document with every per-document rule and returns the
// findings, sorted.
func (e *Engine) Run(ctx context.Context, doc *config.Document) ([]Finding, error) {
	var out []Finding
	var coll *config.Collector
	if doc.Config != nil {
		coll = config.BuildCollector(doc.Config, doc.ConfigPath)
	}
	results := map[*Rule]any{}
	emit := func(f Finding) { out = append(out, f) }
	var resultOf func(r *Rule, seen map[*Rule]bool) error
	resultOf = func(r *Rule, seen map[*Rule]bool) error {
		for _, req := range r.Requires {
			if _, done := results[req]; done {
				continue
			}
			if seen[req] {
				return fmt.Errorf("rule %s: requirement cycle through %s", r.ID, req.ID)
			}
			if req.Run == nil {
				return fmt.Errorf("rule %s requires %s, which computes no result", r.ID, req.ID)
			}
			seen[req] = true
			if err := resultOf(req, seen); err != nil {
				return err
			}
			res, err := req.Run(e.pass(req, doc, coll, results, emit))
			if err != nil {
				return fmt.Errorf("%s: rule %s: %w", doc.File, req.ID, err)
			}
			results[req] = res
		}
		return nil
	}
	for _, r := range e.opts.Rules {
		if r.Check == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := resultOf(r, map[*Rule]bool{}); err != nil {
			return nil, err
		}
		if err := r.Check(e.pass(r, doc, coll, results, emit)); err != nil {
			return nil, fmt.Errorf("%s: rule %s: %w", doc.File, r.ID, err)
		}
	}
	SortFindings(out)
	return out, nil
}

func (e *Engine) pass(r *Rule, doc *config.Document, coll *config.Collector, results map[*Rule]any, emit func(Finding)) *Pass {
	return &Pass{reporter: reporter{rule: r, file: doc.File, emit: emit}, Doc: doc, Catalog: e.opts.Catalog, Collector: coll, ResultOf: results}
}

// RunSet runs the cross-document rules once over docs and returns their
// findings, sorted. The findings belong to the files they name.
func (e *Engine) RunSet(ctx context.Context, docs []*config.Document, releaseNames map[string]string) ([]Finding, error) {
	var out []Finding
	var colls []*config.Collector
	for _, r := range e.opts.Rules {
		if r.CheckSet == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if colls == nil {
			colls = make([]*config.Collector, len(docs))
			for i, d := range docs {
				if d.Config != nil {
					colls[i] = config.BuildCollector(d.Config, d.ConfigPath)
				}
			}
		}
		pass := &SetPass{reporter: reporter{rule: r, emit: func(f Finding) { out = append(out, f) }},
			Docs: docs, Collectors: colls, Catalog: e.opts.Catalog, ReleaseNames: releaseNames}
		if err := r.CheckSet(pass); err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
	}
	SortFindings(out)
	return out, nil
}

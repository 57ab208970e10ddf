package driver

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// ExactOptions turn on the exact layer: the collector's own component code
// run on every config (package exact), after the schema's first line.
type ExactOptions struct {
	// Runner runs the code. When it is nil, Unavailable says why; the run
	// then reports it as ExactStatus.Err if any input wanted the layer
	// (an input whose settings say fast: true does not).
	Runner      exact.Runner
	Unavailable error
	// UserCollector is set when Runner is the user's own collector binary:
	// which component types exist then follows that binary (its
	// `components`), not otelcfg's catalog.
	UserCollector bool
	// NoStart skips starting processors and connectors.
	NoStart bool
}

// ExactStatus is what the exact layer did in a run.
type ExactStatus struct {
	exact.Status
	// Err is set when the code could not run at all; the run went on with
	// the schema alone.
	Err error
}

// checkExact runs the exact layer over the documents of files in one
// request, records on each document which components the code checked (so
// rules do not call them unchecked), and returns the findings by file.
func (r *run) checkExact(ctx context.Context, files []*checkedFile) (map[string][]lint.Finding, *ExactStatus) {
	var docs []*config.Document
	gates := map[string]bool{}
	for _, cf := range files {
		if cf.rs.fast {
			continue
		}
		docs = append(docs, cf.docs...)
		for g := range cf.rs.featureGates {
			gates[g] = true
		}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	if r.opts.Exact.Runner == nil {
		err := r.opts.Exact.Unavailable
		if err == nil {
			err = fmt.Errorf("no program to run the component code")
		}
		return nil, &ExactStatus{Err: err}
	}
	opts := exact.Options{Runner: r.opts.Exact.Runner, NoStart: r.opts.Exact.NoStart, FeatureGates: sortedKeys(gates)}
	fs, st, err := exact.Check(ctx, docs, opts)
	status := &ExactStatus{Status: st, Err: err}
	if err != nil {
		return nil, status
	}
	for i, d := range docs {
		ds := st.Docs[i]
		d.CodeChecked = map[string]bool{}
		for _, c := range ds.Checked {
			d.CodeChecked[c] = true
		}
		if r.opts.Exact.UserCollector {
			fs = append(fs, notInCollector(d, ds, st.Engine)...)
		}
	}
	byFile := map[string][]lint.Finding{}
	for _, f := range fs {
		byFile[filepath.Clean(f.Pos.File)] = append(byFile[filepath.Clean(f.Pos.File)], f)
	}
	return byFile, status
}

// notInCollector reports the components whose type the user's collector
// lacks: with --collector, that binary decides which types exist.
func notInCollector(d *config.Document, ds exact.DocStatus, engine string) []lint.Finding {
	if d.Config == nil || len(ds.NotCompiled) == 0 {
		return nil
	}
	coll := config.BuildCollector(d.Config, d.ConfigPath)
	var out []lint.Finding
	for _, key := range ds.NotCompiled {
		class, id, _ := strings.Cut(key, "/")
		c := coll.Defined(class+"s", id)
		if c == nil {
			continue
		}
		out = append(out, lint.Finding{Rule: typeRuleID, Severity: lint.Error, Pos: c.KeyPos, Path: c.Path,
			Message: fmt.Sprintf("%s type %q is not in the collector you gave (%s): its `components` does not list it, so it refuses this config; use a build that includes it", class, c.Type, engine)})
	}
	return out
}

// typeRuleID is the rule that says a component type does not exist.
const typeRuleID = "unknown-component-type"

// catalogTypeRules decide from otelcfg's catalog whether a component type
// exists; with --collector the user's binary decides instead.
var catalogTypeRules = map[string]bool{typeRuleID: true, "removed-component": true}

// mergeExact adds the exact layer's findings of one file to the rules'
// findings. An exact error at a position where a rule already reports an
// error is dropped (each problem once, under the rule that explains it
// best). With the user's collector, the catalog's verdicts on types that
// binary has are dropped: a custom or older build may have them.
func mergeExact(rules, fromCode []lint.Finding, docs []*config.Document, userCollector bool) []lint.Finding {
	if userCollector {
		rules = dropTypesTheCollectorHas(rules, docs)
	}
	return append(rules, exact.Dedup(rules, fromCode)...)
}

func dropTypesTheCollectorHas(fs []lint.Finding, docs []*config.Document) []lint.Finding {
	has := map[string]bool{} // component paths the collector checked
	for _, d := range docs {
		if d.Config == nil || d.CodeChecked == nil {
			continue
		}
		coll := config.BuildCollector(d.Config, d.ConfigPath)
		for key := range d.CodeChecked {
			class, id, _ := strings.Cut(key, "/")
			if c := coll.Defined(class+"s", id); c != nil {
				has[c.Path] = true
			}
		}
	}
	out := fs[:0:0]
	for _, f := range fs {
		if catalogTypeRules[f.Rule] && has[f.Path] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Line says in one line what the exact layer checked, for the summary.
func (s *ExactStatus) Line() string {
	if s == nil || s.Err != nil {
		return ""
	}
	comps, configs, notCompiled := 0, 0, map[string]bool{}
	for _, d := range s.Docs {
		if d.Reason != "" && len(d.Checked) == 0 {
			continue
		}
		configs++
		comps += len(d.Checked)
		for _, c := range d.NotCompiled {
			notCompiled[c] = true
		}
	}
	line := fmt.Sprintf("component code: %s checked %d components in %d configs", s.Engine, comps, configs)
	if len(notCompiled) > 0 {
		line += fmt.Sprintf("; not compiled into it (schema only): %s", strings.Join(sortedKeys(notCompiled), ", "))
	}
	return line
}

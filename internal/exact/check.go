// Package exact is the light side of otelcfg's exact layer: it turns loaded
// documents into a request for a program that runs the collector's own
// component code (package engine, linked only into that program, or the
// user's collector binary), runs it, and maps every error it returns back
// to file:line:column in the user's file as lint findings. It imports no
// collector package, so `otelcfg lint` stays fast to start.
package exact

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// Options configure Check.
type Options struct {
	// Runner runs the collector code: PluginRunner (the collector program
	// otelcfg finds next to itself), CollectorRunner (the user's own
	// collector), or an in-process engine in tests.
	Runner Runner
	// NoStart skips starting processors and connectors.
	NoStart bool
	// FeatureGates as given to the collector (--feature-gates).
	FeatureGates []string
}

// Status says what the exact layer checked in each document, for the
// summary and `--format json`.
type Status struct {
	Engine string      // what ran the code: "otelcfg-collector dev (collector v0.158.0)"
	Docs   []DocStatus // one per document given, in order
}

// DocStatus is the exact layer's status of one document.
type DocStatus struct {
	File  string
	Index int
	Name  string
	// Checked lists "kind/id" of the components whose code ran;
	// NotCompiled those whose type the engine does not have.
	Checked     []string
	NotCompiled []string
	// Skipped says which stages did not run and why.
	Skipped []string
	// Reason says why the document was not checked at all ("" when it was).
	Reason string
}

// Check runs the collector's code on every document that holds a config,
// in one request, and returns the findings (sorted) and what was checked.
// err is set when the code could not run at all (no program, a program
// that fails): lint then goes on without the exact layer.
func Check(ctx context.Context, docs []*config.Document, opts Options) ([]lint.Finding, Status, error) {
	st := Status{Docs: make([]DocStatus, len(docs))}
	req := &Request{Version: ProtocolVersion, NoStart: opts.NoStart, FeatureGates: opts.FeatureGates}
	var preps []*prepared
	for i, d := range docs {
		st.Docs[i] = DocStatus{File: d.File, Index: d.Index, Name: d.Name}
		if d.Config == nil || d.Config.Kind != config.MapNode {
			st.Docs[i].Reason = "no collector config"
			continue
		}
		p := prepare(d, strconv.Itoa(i))
		preps = append(preps, p)
		req.Configs = append(req.Configs, p.input)
	}
	if len(preps) == 0 {
		return nil, st, nil
	}
	if opts.Runner == nil {
		err := errors.New("no program to run the collector's code")
		return nil, notChecked(st, err), err
	}
	resp, err := opts.Runner.Check(ctx, req)
	if err != nil {
		return nil, notChecked(st, err), err
	}
	if len(resp.Results) != len(preps) {
		err := fmt.Errorf("the check returned %d results for %d configs", len(resp.Results), len(preps))
		return nil, notChecked(st, err), err
	}
	st.Engine = resp.Engine.Name
	if resp.Engine.Collector != "" {
		st.Engine += " (collector " + resp.Engine.Collector + ")"
	}
	var out []lint.Finding
	for i, p := range preps {
		res := resp.Results[i]
		idx, _ := strconv.Atoi(p.input.ID)
		ds := &st.Docs[idx]
		ds.Checked = componentKeys(res, StatusChecked)
		ds.NotCompiled = componentKeys(res, StatusNotCompiled)
		ds.Skipped = res.Skipped
		for _, e := range res.Errors {
			if e.Stage == StageResolve {
				ds.Reason = "the config could not be resolved: " + e.Message
			}
		}
		out = append(out, p.findings(res)...)
	}
	lint.SortFindings(out)
	return out, st, nil
}

// notChecked marks every document that holds a config as not checked.
func notChecked(st Status, err error) Status {
	for i := range st.Docs {
		if st.Docs[i].Reason == "" {
			st.Docs[i].Reason = err.Error()
		}
	}
	return st
}

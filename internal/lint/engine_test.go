package lint

import (
	"context"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

// TestRunSet checks that cross-document rules see every document once and
// that per-document rules are not run by RunSet (nor set rules by Run).
func TestRunSet(t *testing.T) {
	ctx := context.Background()
	docs := []*config.Document{{File: "a.yaml"}, {File: "b.yaml", Config: config.NewMap(config.Pos{File: "b.yaml", Line: 1, Col: 1})}}
	var perDoc int
	set := &Rule{ID: "set", Severity: Warning, CheckSet: func(p *SetPass) error {
		if len(p.Docs) != 2 || len(p.Collectors) != 2 || p.Collectors[0] != nil || p.Collectors[1] == nil {
			t.Errorf("SetPass: %d docs, collectors %v", len(p.Docs), p.Collectors)
		}
		if p.ReleaseNames["a.yaml"] != "gw" {
			t.Errorf("ReleaseNames = %v", p.ReleaseNames)
		}
		for _, d := range p.Docs {
			p.Reportf(config.Pos{File: d.File, Line: 1, Col: 1}, "", "seen %s", d.File)
		}
		return nil
	}}
	one := &Rule{ID: "one", Severity: Info, Check: func(*Pass) error { perDoc++; return nil }}
	e := NewEngine(Options{Rules: []*Rule{set, one}})
	fs, err := e.RunSet(ctx, docs, map[string]string{"a.yaml": "gw"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Pos.File != "a.yaml" || fs[1].Rule != "set" || fs[1].Severity != Warning {
		t.Errorf("RunSet findings: %v", fs)
	}
	if perDoc != 0 {
		t.Error("RunSet ran a per-document rule")
	}
	if fs, err := e.Run(ctx, docs[1]); err != nil || len(fs) != 0 || perDoc != 1 {
		t.Errorf("Run: %v, %v, per-document runs %d", fs, err, perDoc)
	}
	if set.FromLaterStage() || one.FromLaterStage() || !(&Rule{ID: "x"}).FromLaterStage() {
		t.Error("FromLaterStage")
	}
}

// TestRequires checks the go/analysis-style shared inputs: a required
// rule's Run happens once per document, before the rules that read it,
// whether or not it is listed, and a bad requirement is an error.
func TestRequires(t *testing.T) {
	ctx := context.Background()
	runs := 0
	shared := &Rule{ID: "shared", Run: func(p *Pass) (any, error) { runs++; return p.Doc.File + "!", nil }}
	reader := func(id string) *Rule {
		return &Rule{ID: id, Severity: Info, Requires: []*Rule{shared}, Check: func(p *Pass) error {
			p.Reportf(config.Pos{Line: 1, Col: 1}, "", "%v", p.ResultOf[shared])
			return nil
		}}
	}
	e := NewEngine(Options{Rules: []*Rule{reader("a"), reader("b")}})
	for _, file := range []string{"x.yaml", "y.yaml"} {
		fs, err := e.Run(ctx, &config.Document{File: file})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 2 || fs[0].Message != file+"!" || fs[1].Message != file+"!" || fs[0].Pos.File != file {
			t.Errorf("%s: findings %v", file, fs)
		}
	}
	if runs != 2 {
		t.Errorf("shared input computed %d times for 2 documents, want 2", runs)
	}

	noRun := &Rule{ID: "check-only", Check: func(*Pass) error { return nil }}
	bad := &Rule{ID: "bad", Requires: []*Rule{noRun}, Check: func(*Pass) error { return nil }}
	if _, err := NewEngine(Options{Rules: []*Rule{bad}}).Run(ctx, &config.Document{}); err == nil || !strings.Contains(err.Error(), "computes no result") {
		t.Errorf("requiring a rule without Run: err %v", err)
	}
	cyc1 := &Rule{ID: "c1", Run: func(*Pass) (any, error) { return nil, nil }}
	cyc2 := &Rule{ID: "c2", Run: func(*Pass) (any, error) { return nil, nil }, Requires: []*Rule{cyc1}}
	cyc1.Requires = []*Rule{cyc2}
	top := &Rule{ID: "top", Requires: []*Rule{cyc1}, Check: func(*Pass) error { return nil }}
	if _, err := NewEngine(Options{Rules: []*Rule{top}}).Run(ctx, &config.Document{}); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("requirement cycle: err %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Run(cancelled, &config.Document{}); err == nil {
		t.Error("a cancelled context did not stop the run")
	}
}

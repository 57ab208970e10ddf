package lint

import (
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

// TestRunSet checks that cross-document rules see every document once,
// that per-document rules are not run by RunSet (nor set rules by Run), and
// that disable and severity settings apply.
func TestRunSet(t *testing.T) {
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
	off := &Rule{ID: "off", Severity: Info, CheckSet: func(*SetPass) error { t.Error("disabled set rule ran"); return nil }}
	e, err := NewEngine(Options{Rules: []*Rule{set, one, off}, Disabled: map[string]bool{"off": true}, Severity: map[string]Severity{"set": Error}})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.RunSet(docs, map[string]string{"a.yaml": "gw"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Pos.File != "a.yaml" || fs[1].Rule != "set" || fs[1].Severity != Error {
		t.Errorf("RunSet findings: %v", fs)
	}
	if perDoc != 0 {
		t.Error("RunSet ran a per-document rule")
	}
	if fs, err := e.Run(docs[1]); err != nil || len(fs) != 0 || perDoc != 1 {
		t.Errorf("Run: %v, %v, per-document runs %d", fs, err, perDoc)
	}
	if set.FromLaterStage() || one.FromLaterStage() || !(&Rule{ID: "x"}).FromLaterStage() {
		t.Error("FromLaterStage")
	}
}

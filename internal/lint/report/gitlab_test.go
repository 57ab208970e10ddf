package report

import (
	"encoding/json"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

func TestGitLab(t *testing.T) {
	out := goldenCases(t, "gitlab")

	t.Run("shape", func(t *testing.T) {
		var issues []gitlabIssue
		if err := json.Unmarshal(out["sample"], &issues); err != nil {
			t.Fatal(err)
		}
		r := sampleReport()
		if len(issues) != len(r.Findings) {
			t.Fatalf("%d issues, want %d", len(issues), len(r.Findings))
		}
		seen := map[string]bool{}
		for i, is := range issues {
			if seen[is.Fingerprint] {
				t.Errorf("issue %d: duplicate fingerprint %s", i, is.Fingerprint)
			}
			seen[is.Fingerprint] = true
			if is.Location.Lines.Begin < 1 {
				t.Errorf("issue %d: lines.begin = %d", i, is.Location.Lines.Begin)
			}
		}
	})
	t.Run("empty is an array", func(t *testing.T) {
		if got := string(out["empty"]); got != "[]\n" {
			t.Errorf("empty report = %q, want \"[]\\n\"", got)
		}
	})
}

func TestGitLabFingerprint(t *testing.T) {
	f := lint.Finding{Rule: "r", Severity: lint.Error, Message: "m", Pos: config.Pos{File: "a.yaml", Line: 3, Col: 1}}
	fp := func(f lint.Finding) string {
		return gitlabFingerprint(f.Rule, slashPath(f.Pos.File), f.Pos.Line, f.Message)
	}
	base := fp(f)
	if len(base) != 64 {
		t.Errorf("fingerprint %q is not 64 hex digits", base)
	}
	if again := fp(f); again != base {
		t.Errorf("fingerprint not stable: %s vs %s", base, again)
	}
	moved := f
	moved.Pos.Col = 9 // the column is not part of the identity
	if fp(moved) != base {
		t.Error("fingerprint changed with the column")
	}
	for name, g := range map[string]lint.Finding{
		"rule":    {Rule: "s", Message: "m", Pos: f.Pos},
		"message": {Rule: "r", Message: "n", Pos: f.Pos},
		"line":    {Rule: "r", Message: "m", Pos: config.Pos{File: "a.yaml", Line: 4}},
		"file":    {Rule: "r", Message: "m", Pos: config.Pos{File: "b.yaml", Line: 3}},
	} {
		if fp(g) == base {
			t.Errorf("fingerprint ignores the %s", name)
		}
	}
	// Field boundaries matter: ("ab", "c") and ("a", "bc") must differ.
	if gitlabFingerprint("ab", "c", 1, "") == gitlabFingerprint("a", "bc", 1, "") {
		t.Error("fingerprint does not separate fields")
	}
}

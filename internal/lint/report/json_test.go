package report

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	out := goldenCases(t, "json")

	t.Run("shape", func(t *testing.T) {
		var doc struct {
			Findings []map[string]any `json:"findings"`
			Summary  map[string]int   `json:"summary"`
		}
		if err := json.Unmarshal(out["sample"], &doc); err != nil {
			t.Fatal(err)
		}
		r := sampleReport()
		if len(doc.Findings) != len(r.Findings) {
			t.Fatalf("%d findings, want %d", len(doc.Findings), len(r.Findings))
		}
		for i, f := range doc.Findings {
			for _, k := range []string{"rule", "severity", "message", "file", "line", "column", "path"} {
				if _, ok := f[k]; !ok {
					t.Errorf("finding %d lacks %q", i, k)
				}
			}
			_, hasRelated := f["related"]
			if want := len(r.Findings[i].Related) > 0; hasRelated != want {
				t.Errorf("finding %d: related present = %v, want %v", i, hasRelated, want)
			}
			if f["message"] != r.Findings[i].Message {
				t.Errorf("finding %d: message %q did not round-trip", i, f["message"])
			}
		}
		if doc.Summary["files"] != 3 || doc.Summary["errors"] != 2 || doc.Summary["warnings"] != 2 || doc.Summary["infos"] != 1 {
			t.Errorf("summary = %v", doc.Summary)
		}
	})
	t.Run("empty findings is an array", func(t *testing.T) {
		if !strings.Contains(string(out["empty"]), `"findings": []`) {
			t.Errorf("empty report:\n%s", out["empty"])
		}
	})
}

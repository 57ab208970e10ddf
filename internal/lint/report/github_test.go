package report

import (
	"strings"
	"testing"
)

func TestGitHub(t *testing.T) {
	out := goldenCases(t, "github")

	t.Run("one command per finding", func(t *testing.T) {
		lines := strings.Split(strings.TrimSuffix(string(out["sample"]), "\n"), "\n")
		r := sampleReport()
		if len(lines) != len(r.Findings)+1 {
			t.Fatalf("%d lines, want %d findings + summary:\n%s", len(lines), len(r.Findings), out["sample"])
		}
		for i, l := range lines[:len(lines)-1] {
			if !strings.HasPrefix(l, "::") {
				t.Errorf("line %d is not a workflow command: %q", i, l)
			}
		}
		if got, want := lines[len(lines)-1], summaryLine(r.Summary); got != want {
			t.Errorf("last line = %q, want %q", got, want)
		}
	})
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct {
		in, data, prop string
	}{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
	} {
		if got := githubData(tc.in); got != tc.data {
			t.Errorf("githubData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := githubProperty(tc.in); got != tc.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

package report

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestJUnit(t *testing.T) {
	out := goldenCases(t, "junit")

	t.Run("valid XML", func(t *testing.T) {
		for name, data := range out {
			dec := xml.NewDecoder(strings.NewReader(string(data)))
			for {
				_, err := dec.Token()
				if err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s: %v", name, err)
					}
					break
				}
			}
		}
	})
	t.Run("structure", func(t *testing.T) {
		var doc junitSuites
		if err := xml.Unmarshal(out["sample"], &doc); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range doc.Suites {
			names = append(names, s.Name)
		}
		if got, want := strings.Join(names, " "), "configs/agent.yaml configs/gateway.yaml deploy/values.yaml"; got != want {
			t.Errorf("suites = %s, want %s", got, want)
		}
		// 1 passing case for the clean file + 5 findings; 4 are errors or warnings.
		if doc.Tests != 6 || doc.Failures != 4 {
			t.Errorf("tests=%d failures=%d, want 6 and 4", doc.Tests, doc.Failures)
		}
		clean := doc.Suites[0]
		if len(clean.Cases) != 1 || clean.Cases[0].Failure != nil {
			t.Errorf("clean file suite = %+v, want one passing case", clean)
		}
		r := sampleReport()
		gw := doc.Suites[1]
		if got, want := gw.Cases[1].Name, "unused-component configs/gateway.yaml:4:3"; got != want {
			t.Errorf("case name = %q, want %q", got, want)
		}
		if got := gw.Cases[1].Failure; got == nil || got.Message != r.Findings[1].Message || got.Type != "warning" {
			t.Errorf("failure = %+v", got)
		}
		if got, want := gw.Cases[0].Name, "missing-service configs/gateway.yaml"; got != want {
			t.Errorf("case without line = %q, want %q", got, want)
		}
		info := doc.Suites[2].Cases[0]
		if info.Failure != nil || info.SystemOut == nil || !strings.Contains(info.SystemOut.Text, "<spike_limit_percentage> &") {
			t.Errorf("info case = %+v, want passing with the message as system-out", info)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		if a, b := render(t, "junit", sampleReport(), Options{}), render(t, "junit", sampleReport(), Options{}); string(a) != string(b) {
			t.Error("two runs differ")
		}
	})
}

package report

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/otelcfg/otelcfg/internal/lint"
)

type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Failure   *junitFailure `xml:"failure,omitempty"`
		SystemOut *junitText    `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
	junitText struct {
		Text string `xml:",cdata"`
	}
)

// writeJUnit writes JUnit XML: one testsuite per file (sorted by name), one
// testcase per finding named "RULE-ID file:line:col". Errors and warnings
// are failures (type is the severity); infos pass, with the finding as
// system-out. Files in Report.Files without findings get one passing
// testcase; a run with nothing to list gets a single passing "otelcfg"
// testcase so CI shows that the lint ran. No timestamps or durations, so the
// output is deterministic.
func writeJUnit(w io.Writer, r Report, _ Options) error {
	out := junitSuites{Name: toolName}
	groups := groupByFile(r.Findings, r.Files)
	for _, g := range groups {
		suite := junitSuite{Name: g.file}
		for _, f := range g.findings {
			c := junitCase{
				Name:      strings.TrimSpace(f.Rule + " " + posString(f.Pos)),
				Classname: g.file,
			}
			detail := junitDetail(f)
			if f.Severity >= lint.Warning {
				c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Text: detail}
				suite.Failures++
			} else {
				c.SystemOut = &junitText{Text: detail}
			}
			suite.Cases = append(suite.Cases, c)
		}
		if len(suite.Cases) == 0 {
			suite.Cases = []junitCase{{Name: g.file, Classname: g.file}}
		}
		suite.Tests = len(suite.Cases)
		out.Suites = append(out.Suites, suite)
	}
	if len(out.Suites) == 0 {
		out.Suites = []junitSuite{{
			Name:  toolName,
			Tests: 1,
			Cases: []junitCase{{Name: summaryLine(r.Summary), Classname: toolName}},
		}}
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
	}

	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.Write(data)
	b.WriteString("\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// junitDetail is the finding as the text format prints it, plus its key
// path.
func junitDetail(f lint.Finding) string {
	var b strings.Builder
	b.WriteString(posString(f.Pos) + ": " + f.Severity.String() + " " + f.Rule + ": " + f.Message + "\n")
	for _, rel := range f.Related {
		b.WriteString("\t" + posString(rel.Pos) + ": " + rel.Message + "\n")
	}
	if f.Path != "" {
		b.WriteString("path: " + f.Path + "\n")
	}
	return b.String()
}

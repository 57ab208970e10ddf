package simtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Summary counts test results.
type Summary struct {
	Tests  int `json:"tests"`
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	Errors int `json:"errors"`
}

// Summarize counts rs.
func Summarize(rs []*Result) Summary {
	s := Summary{Tests: len(rs)}
	for _, r := range rs {
		switch {
		case r.Error != "":
			s.Errors++
		case r.Passed:
			s.Passed++
		default:
			s.Failed++
		}
	}
	return s
}

func (f *Failure) text(indent string) string {
	at := fmt.Sprintf("line %d", f.Line)
	if f.ConstraintLine != 0 && f.ConstraintLine != f.Line {
		at += fmt.Sprintf(", constraint at line %d", f.ConstraintLine)
	}
	s := fmt.Sprintf("%s%s (%s)\n%s  expected: %s\n%s  received: %s\n", indent, f.What, at, indent, f.Expected, indent, f.Received)
	for _, it := range f.Items {
		s += indent + "    - " + it.text() + "\n"
	}
	if more := f.FailedItems - len(f.Items); len(f.Items) > 0 && more > 0 {
		s += fmt.Sprintf("%s    - and %d more\n", indent, more)
	}
	return s
}

// WriteText writes one line per test, and for a failed one what was
// expected and what was received.
func WriteText(w io.Writer, rs []*Result) error {
	var b bytes.Buffer
	for _, r := range rs {
		switch {
		case r.Error != "":
			fmt.Fprintf(&b, "ERROR %s:%d: %s\n      %s\n", r.File, r.Line, r.Name, r.Error)
		case r.Passed:
			fmt.Fprintf(&b, "PASS  %s:%d: %s\n", r.File, r.Line, r.Name)
		default:
			fmt.Fprintf(&b, "FAIL  %s:%d: %s\n", r.File, r.Line, r.Name)
			for _, f := range r.Failures {
				b.WriteString(f.text("      "))
			}
		}
	}
	s := Summarize(rs)
	fmt.Fprintf(&b, "\n%d tests: %d passed, %d failed", s.Tests, s.Passed, s.Failed)
	if s.Errors > 0 {
		fmt.Fprintf(&b, ", %d errors", s.Errors)
	}
	b.WriteString("\n")
	_, err := w.Write(b.Bytes())
	return err
}

// WriteJSON writes the results and their summary as one JSON document.
func WriteJSON(w io.Writer, rs []*Result) error {
	if rs == nil {
		rs = []*Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Summary Summary   `json:"summary"`
		Tests   []*Result `json:"tests"`
	}{Summarize(rs), rs})
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Line      int           `xml:"line,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// WriteJUnit writes the results as JUnit XML: a testsuite per test
// file, a testcase per test. Times are 0 so that the output is
// deterministic.
func WriteJUnit(w io.Writer, rs []*Result) error {
	s := Summarize(rs)
	out := junitSuites{Name: "otelcfg test", Tests: s.Tests, Failures: s.Failed, Errors: s.Errors}
	idx := map[string]int{}
	for _, r := range rs {
		i, ok := idx[r.File]
		if !ok {
			i = len(out.Suites)
			idx[r.File] = i
			out.Suites = append(out.Suites, junitSuite{Name: r.File, Time: "0"})
		}
		su := &out.Suites[i]
		su.Tests++
		c := junitCase{Name: r.Name, Classname: r.File, File: r.File, Line: r.Line, Time: "0"}
		switch {
		case r.Error != "":
			su.Errors++
			c.Error = &junitProblem{Message: r.Error, Type: "error", Text: r.Error}
		case !r.Passed:
			su.Failures++
			var t strings.Builder
			for _, f := range r.Failures {
				t.WriteString(f.text(""))
			}
			msg := fmt.Sprintf("%d expectations failed", len(r.Failures))
			if len(r.Failures) == 1 {
				msg = "1 expectation failed: " + r.Failures[0].What
			}
			c.Failure = &junitProblem{Message: msg, Type: "expectation", Text: t.String()}
		}
		su.Cases = append(su.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Package linttest runs one lint rule over testdata files and checks its
// findings against expectations written in the files, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// An expectation is a trailing YAML comment on the line where a finding is
// expected:
//
//	receivers: [zipkin] # want: "does not support metrics"
//
// Several regular expressions may follow one `want:` (`# want: "a" "b"`),
// each written as a Go string literal (double-quoted or back-quoted). Every
// finding of the rule must match an expectation on its line, and every
// expectation must be matched by exactly one finding. A file without any
// `want:` comment checks that the rule stays silent.
//
// Fixes are checked against goldens, as analysistest.RunWithSuggestedFixes
// does: when the rule's findings in x.yaml offer fixes, Run applies them to
// the file as written (want comments included, one round, as `otelcfg lint
// --fix` applies one round) and compares the result with x.yaml.golden. A
// file whose findings offer no fix must have no golden. Run the tests with
// OTELCFG_UPDATE=1 to write the goldens, then review them.
package linttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// Run checks rule against every .yaml file directly in dir (one subtest per
// file). Files in subdirectories are not run; they can hold data that the
// test files include with ${file:...}.
func Run(t *testing.T, rule *lint.Rule, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("%s: no .yaml test files", dir)
	}
	sort.Strings(files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Helper()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := Findings(rule, file, StripWants(data))
			if err != nil {
				t.Fatal(err)
			}
			wants, err := ParseWants(file, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, msg := range Check(fs, wants) {
				t.Error(msg)
			}
			for _, msg := range CheckFixes(file, data, fs, os.Getenv("OTELCFG_UPDATE") != "") {
				t.Error(msg)
			}
		})
	}
}

// CheckFixes applies the fixes of fs to data (the file as written) and
// compares the result with file + ".golden", or writes it there when
// update is set. It describes each mismatch. A golden is required exactly
// when some finding offers a fix, and the fixed text must still be YAML.
func CheckFixes(file string, data []byte, fs []lint.Finding, update bool) []string {
	golden := file + ".golden"
	hasFix := false
	for _, f := range fs {
		hasFix = hasFix || f.Fix != nil
	}
	want, err := os.ReadFile(golden)
	if !hasFix {
		if err == nil {
			return []string{fmt.Sprintf("%s: no finding offers a fix, but the golden exists; delete it", golden)}
		}
		return nil
	}
	got, applied := lint.ApplyFixes(file, data, fs)
	var out []string
	if len(applied) == 0 {
		out = append(out, fmt.Sprintf("%s: findings offer fixes but none applies to the text", file))
	}
	if docs, err := config.LoadBytes(file, got, config.Options{}); err != nil {
		out = append(out, fmt.Sprintf("%s: fixed text does not load: %v", file, err))
	} else {
		for _, d := range docs {
			for _, p := range d.Problems {
				if p.Code.Unreadable() {
					out = append(out, fmt.Sprintf("%s: fixed text is broken: %s: %s", file, p.Pos, p.Message))
				}
			}
		}
	}
	if update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			return append(out, err.Error())
		}
		return out
	}
	if err != nil {
		return append(out, fmt.Sprintf("%v (run the test with OTELCFG_UPDATE=1 to write it)", err))
	}
	if string(got) != string(want) {
		out = append(out, fmt.Sprintf("%s: fixed text differs from the golden (OTELCFG_UPDATE=1 rewrites it):\n--- got\n%s\n--- want\n%s", file, got, want))
	}
	return out
}

// Stage produces, over one file's documents, the findings of rules that a
// stage outside the lint engine makes (Rule.FromLaterStage), such as the
// exact layer, which runs the collector's code in another program.
type Stage func(docs []*config.Document) ([]lint.Finding, error)

var stages = map[string]Stage{}

// RegisterStage makes Findings produce the findings of the rules ids with
// stage (tests register an in-process stage; without one, a later-stage
// rule is treated as a suppression rule). Call it from an init function
// or TestMain, before tests run.
func RegisterStage(stage Stage, ids ...string) {
	for _, id := range ids {
		stages[id] = stage
	}
}

// Findings lints data as the file named file the way `otelcfg lint` does
// (Helm values rendered through the chart model, suppression comments
// applied, no settings file) and returns only the findings of rule. A rule
// with a Check runs alone (with the rules it requires); a cross-document
// rule (CheckSet) runs over the file's documents as one set, with no
// release names given; a rule made by a later stage (suppressions) needs
// every rule to run, so the other rules' findings are dropped.
func Findings(rule *lint.Rule, file string, data []byte) ([]lint.Finding, error) {
	ctx := context.Background()
	docs, err := config.LoadBytes(file, data, config.Options{HelmRender: chart.HelmRender})
	if err != nil {
		return nil, err
	}
	if st := stages[rule.ID]; st != nil && rule.FromLaterStage() {
		return stageFindings(st, rule, file, data, docs)
	}
	run := []*lint.Rule{rule}
	if rule.FromLaterStage() {
		run = rules.All()
	}
	e := lint.NewEngine(lint.Options{Rules: run, Catalog: catalog.Default()})
	var all []lint.Finding
	for _, d := range docs {
		fs, err := e.Run(ctx, d)
		if err != nil {
			return nil, err
		}
		all = append(all, fs...)
	}
	set, err := e.RunSet(ctx, docs, nil)
	if err != nil {
		return nil, err
	}
	all = append(all, set...)
	dirs, bad := lint.ParseDirectives(file, data, func(id string) bool { return rules.ByID(id) != nil })
	all = append(lint.Suppress(all, dirs), bad...)
	var out []lint.Finding
	for _, f := range all {
		if f.Rule == rule.ID {
			out = append(out, f)
		}
	}
	lint.SortFindings(out)
	return out, nil
}

// stageFindings runs a registered stage and keeps rule's findings, with
// the file's suppression comments applied.
func stageFindings(st Stage, rule *lint.Rule, file string, data []byte, docs []*config.Document) ([]lint.Finding, error) {
	all, err := st(docs)
	if err != nil {
		return nil, err
	}
	dirs, _ := lint.ParseDirectives(file, data, func(id string) bool { return rules.ByID(id) != nil })
	var out []lint.Finding
	for _, f := range lint.Suppress(all, dirs) {
		if f.Rule == rule.ID {
			out = append(out, f)
		}
	}
	lint.SortFindings(out)
	return out, nil
}

// Want is one expectation: a finding on Line (of File) whose message
// matches RE.
type Want struct {
	File string
	Line int
	RE   *regexp.Regexp
}

func (w Want) String() string { return fmt.Sprintf("%s:%d: want %q", w.File, w.Line, w.RE) }

var wantRE = regexp.MustCompile(`#\s*want:(.*)$`)

// ParseWants reads the `# want: "re" ...` comments of a file.
func ParseWants(file string, data []byte) ([]Want, error) {
	var out []Want
	for i, line := range strings.Split(string(data), "\n") {
		m := wantRE.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		pats, err := splitLiterals(m[1])
		if err != nil || len(pats) == 0 {
			return nil, fmt.Errorf("%s:%d: malformed want comment %q: want one or more Go string literals", file, i+1, m[0])
		}
		for _, p := range pats {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: want %q: %v", file, i+1, p, err)
			}
			out = append(out, Want{File: file, Line: i + 1, RE: re})
		}
	}
	return out, nil
}

// StripWants blanks out the `# want:` comments of data (keeping every other
// byte, so lines and columns do not move). The linter then sees the file
// as written without its expectations, which matters where a want comment
// would otherwise be read as part of a suppression directive's reason.
func StripWants(data []byte) []byte {
	out := append([]byte(nil), data...)
	start := 0
	for start < len(out) {
		end := start
		for end < len(out) && out[end] != '\n' {
			end++
		}
		line := out[start:end]
		if loc := wantRE.FindIndex(line); loc != nil {
			for i := loc[0]; i < loc[1]; i++ {
				if line[i] != '\r' {
					line[i] = ' '
				}
			}
		}
		start = end + 1
	}
	return out
}

// splitLiterals splits `"a" "b" ` into its unquoted Go string literals.
func splitLiterals(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		lit, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, err
		}
		v, err := strconv.Unquote(lit)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		s = s[len(lit):]
	}
	return out, nil
}

// Check pairs findings with wants one to one (a finding consumes the first
// unconsumed want on its line that matches it) and describes each finding
// and each want left over, as "file:line: ...".
func Check(fs []lint.Finding, wants []Want) []string {
	used := make([]bool, len(wants))
	var out []string
	for _, f := range fs {
		found := false
		for i, w := range wants {
			if !used[i] && w.Line == f.Pos.Line && sameFile(w.File, f.Pos.File) && w.RE.MatchString(f.Message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			out = append(out, fmt.Sprintf("%s:%d:%d: unexpected finding %s: %s", f.Pos.File, f.Pos.Line, f.Pos.Col, f.Rule, f.Message))
		}
	}
	for i, w := range wants {
		if !used[i] {
			out = append(out, fmt.Sprintf("%s:%d: no finding matched want %q", w.File, w.Line, w.RE))
		}
	}
	return out
}

func sameFile(a, b string) bool { return filepath.Clean(a) == filepath.Clean(b) }

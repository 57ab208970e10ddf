// Package lint runs rules over loaded collector configurations and collects
// their findings. Rules are values (see Rule); they never print: they hand
// findings to Pass.Report, and reporters in package report format them.
package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Severity orders findings; higher is worse.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity accepts "error", "warning" (or "warn") and "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText makes severities print as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found in one input. Path is the YAML key path in
// the collector config, dot-separated with list indexes in brackets, e.g.
// "service.pipelines.traces.receivers[1]".
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	Pos      config.Pos
	Path     string
	// Related points at other places that explain the finding (e.g. where a
	// connector is also used), in the order the rule gives them.
	Related []Related
	// Fix, when set, is a change `otelcfg lint --fix` can make.
	Fix *Fix
}

// Fix is a suggested change: text edits in the user's files.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit is one change to a file. By default (Op Replace) it replaces Old,
// which must stand at Pos in the file, with New; the other ops delete or
// extend the YAML node at Pos (see EditOp). The fixer checks Old before it
// writes, so a stale or misplaced edit is skipped rather than applied
// somewhere wrong.
type Edit struct {
	Op       EditOp
	Pos      config.Pos
	Old, New string
}

// Related is a secondary position of a finding.
type Related struct {
	Pos     config.Pos
	Message string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s: %s", f.Pos, f.Severity, f.Rule, f.Message)
}

// Doc documents a rule for `otelcfg rules`, `otelcfg explain` and docs/rules.md.
type Doc struct {
	Title string // one line, no trailing period
	Text  string // why it matters and how to fix it
	Bad   string // YAML that fires the rule
	Good  string // the same YAML, fixed
	// Collector is true when a real collector rejects what the rule reports
	// (the rule mirrors `otelcol validate`); false for otelcfg's own extras.
	Collector bool
}

// Rule is one check. Check inspects pass.Doc and reports findings through
// pass.Report; it returns an error only when it could not run at all.
// CheckSet, for rules that compare documents, runs once over every document
// of a run (see Engine.RunSet). A rule with neither marks one whose findings
// come from a later stage (the driver: suppressions, the exact layer).
//
// Shared inputs work as in go/analysis: a rule lists in Requires the rules
// whose results it reads from Pass.ResultOf; those have a Run that computes
// the result once per document. A rule with only a Run is a shared input,
// not a check: it reports nothing and is not in the user-facing registry.
type Rule struct {
	ID       string
	Severity Severity // default severity
	Doc      Doc
	Requires []*Rule
	Run      func(pass *Pass) (any, error)
	Check    func(pass *Pass) error
	CheckSet func(pass *SetPass) error
}

// FromLaterStage reports whether the rule's findings are made outside the
// engine (by the driver).
func (r *Rule) FromLaterStage() bool { return r.Check == nil && r.CheckSet == nil && r.Run == nil }

// SortFindings orders findings by file, line, column, rule and message so
// output is stable and diffable.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Path < b.Path
	})
}

// Summary counts findings by severity over a run.
type Summary struct {
	Files    int
	Errors   int
	Warnings int
	Infos    int
}

// Summarize counts fs; files is the number of inputs that were linted.
func Summarize(files int, fs []Finding) Summary {
	s := Summary{Files: files}
	for _, f := range fs {
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		case Info:
			s.Infos++
		}
	}
	return s
}

// Package report writes lint findings in the formats otelcfg offers: a
// human-readable text listing, JSON, SARIF 2.1.0, GitHub Actions workflow
// commands, JUnit XML and GitLab Code Quality JSON.
//
// Each format lives in its own file; Write picks one by name. Writers only
// format what they are given: they never filter, reorder or decide the exit
// code.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// Report is everything a writer needs for one run.
type Report struct {
	// Findings, already sorted (see lint.SortFindings).
	Findings []lint.Finding
	Summary  lint.Summary
	// Rules is every rule otelcfg has; SARIF lists them with their docs.
	Rules []*lint.Rule
	// Version is the otelcfg version, for SARIF's tool.driver.version.
	Version string
	// Checks say which engine checked what (the exact layer's program and
	// how many components its code checked), one line each; the text and
	// JSON formats print them with the summary.
	Checks []string
	// Files optionally names every linted input, including clean ones.
	// JUnit uses it to give files without findings a passing test case;
	// the other formats ignore it.
	Files []string
}

// Options tune the output.
type Options struct {
	// Color turns on ANSI colours in the text format. The caller decides
	// (stdout is a TTY and NO_COLOR is unset); other formats ignore it.
	Color bool
}

// Formats lists the format names Write accepts.
var Formats = []string{"text", "json", "sarif", "github", "junit", "gitlab"}

type writeFunc func(w io.Writer, r Report, opts Options) error

func writerFor(format string) writeFunc {
	switch format {
	case "text":
		return writeText
	case "json":
		return writeJSON
	case "sarif":
		return writeSARIF
	case "github":
		return writeGitHub
	case "junit":
		return writeJUnit
	case "gitlab":
		return writeGitLab
	}
	return nil
}

// Write formats r as format onto w.
func Write(w io.Writer, format string, r Report, opts Options) error {
	fn := writerFor(format)
	if fn == nil {
		return fmt.Errorf("unknown output format %q (want one of: %s)", format, strings.Join(Formats, ", "))
	}
	if err := fn(w, r, opts); err != nil {
		return fmt.Errorf("writing %s report: %w", format, err)
	}
	return nil
}

// plural renders "1 error", "2 errors", "0 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// summaryLine is the closing line of the text and github formats, e.g.
// "2 errors, 1 warning, 0 infos in 3 files".
func summaryLine(s lint.Summary) string {
	files := plural(s.Files, "file")
	if s.Errors == 0 && s.Warnings == 0 && s.Infos == 0 {
		return "no problems found in " + files
	}
	return fmt.Sprintf("%s, %s, %s in %s",
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"), files)
}

// slashPath is a finding's file as a forward-slash path, as given (never
// made absolute).
func slashPath(file string) string { return filepath.ToSlash(file) }

// posString is "file:line:col", or just "file" when the line is unknown.
func posString(p config.Pos) string {
	p.File = slashPath(p.File)
	return p.String()
}

// fileGroup is the findings of one file, in input order.
type fileGroup struct {
	file     string
	findings []lint.Finding
}

// groupByFile groups findings per file (slash paths), adding a group for
// every name in extra that has no findings. Groups are sorted by file.
func groupByFile(fs []lint.Finding, extra []string) []fileGroup {
	idx := map[string]int{}
	var groups []fileGroup
	add := func(file string) int {
		if i, ok := idx[file]; ok {
			return i
		}
		idx[file] = len(groups)
		groups = append(groups, fileGroup{file: file})
		return len(groups) - 1
	}
	for _, f := range fs {
		i := add(slashPath(f.Pos.File))
		groups[i].findings = append(groups[i].findings, f)
	}
	for _, file := range extra {
		add(slashPath(file))
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].file < groups[j].file })
	return groups
}

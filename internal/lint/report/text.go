package report

import (
	"io"
	"strings"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// ANSI SGR sequences used when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiFaint  = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
)

// writeText prints one line per finding,
//
//	file:line:col: severity rule-id: message
//
// followed by its related positions as tab-indented "file:line:col: message"
// lines, then a summary line. Further lines of a multi-line message are
// indented with four spaces so the first line stays greppable.
func writeText(w io.Writer, r Report, opts Options) error {
	paint := func(code, s string) string {
		if !opts.Color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(paint(ansiBold, posString(f.Pos)))
		b.WriteString(": ")
		b.WriteString(paint(severityColor(f.Severity), f.Severity.String()))
		b.WriteString(" ")
		b.WriteString(paint(ansiFaint, f.Rule))
		b.WriteString(": ")
		b.WriteString(indentContinuation(f.Message, "    "))
		b.WriteString("\n")
		for _, rel := range f.Related {
			b.WriteString("\t")
			b.WriteString(paint(ansiBold, posString(rel.Pos)))
			b.WriteString(": ")
			b.WriteString(indentContinuation(rel.Message, "\t    "))
			b.WriteString("\n")
		}
	}
	b.WriteString(paint(summaryColor(r.Summary), summaryLine(r.Summary)))
	b.WriteString("\n")
	for _, c := range r.Checks {
		b.WriteString(paint(ansiFaint, c))
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func severityColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiBold + ansiRed
	case lint.Warning:
		return ansiYellow
	}
	return ansiCyan
}

func summaryColor(s lint.Summary) string {
	switch {
	case s.Errors > 0:
		return ansiBold + ansiRed
	case s.Warnings > 0:
		return ansiYellow
	case s.Infos > 0:
		return ansiCyan
	}
	return ansiGreen
}

// indentContinuation normalises line endings and prefixes every line after
// the first with indent.
func indentContinuation(s, indent string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimRight(s, "\n")
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// writeGitHub emits one GitHub Actions workflow command per finding,
//
//	::error file=F,line=L,col=C,title=RULE-ID::message
//
// (::warning for warnings, ::notice for infos; line and col only when
// known), so findings show up as annotations on the changed files. Related
// positions are appended to the message as extra lines. A plain summary line
// follows.
func writeGitHub(w io.Writer, r Report, _ Options) error {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString("::")
		b.WriteString(githubCommand(f.Severity))
		b.WriteString(" file=")
		b.WriteString(githubProperty(slashPath(f.Pos.File)))
		if f.Pos.Line > 0 {
			b.WriteString(",line=" + strconv.Itoa(f.Pos.Line))
			if f.Pos.Col > 0 {
				b.WriteString(",col=" + strconv.Itoa(f.Pos.Col))
			}
		}
		b.WriteString(",title=")
		b.WriteString(githubProperty(f.Rule))
		b.WriteString("::")
		msg := f.Message
		for _, rel := range f.Related {
			msg += "\n" + posString(rel.Pos) + ": " + rel.Message
		}
		b.WriteString(githubData(msg))
		b.WriteString("\n")
	}
	b.WriteString(summaryLine(r.Summary))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func githubCommand(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

// githubData escapes a workflow command's message the way the Actions
// runner unescapes it.
var githubDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// githubPropertyEscaper additionally escapes the property separators.
var githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }

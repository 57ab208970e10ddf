package report

import (
	"encoding/json"
	"io"
)

type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
	// Checks say which engine checked what (omitted when only the schema ran).
	Checks []string `json:"checks,omitempty"`
}

type jsonFinding struct {
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Path     string        `json:"path"`
	Related  []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// writeJSON writes
//
//	{"findings": [{"rule", "severity", "message", "file", "line", "column", "path", "related"?}],
//	 "summary": {"files", "errors", "warnings", "infos"}, "checks"?: ["..."]}
//
// indented by two spaces. findings is always an array; line and column are
// 0 when unknown; related appears only when the finding has any.
func writeJSON(w io.Writer, r Report, _ Options) error {
	out := jsonReport{
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Summary: jsonSummary{
			Files:    r.Summary.Files,
			Errors:   r.Summary.Errors,
			Warnings: r.Summary.Warnings,
			Infos:    r.Summary.Infos,
		},
		Checks: r.Checks,
	}
	for _, f := range r.Findings {
		jf := jsonFinding{
			Rule:     f.Rule,
			Severity: f.Severity.String(),
			Message:  f.Message,
			File:     slashPath(f.Pos.File),
			Line:     f.Pos.Line,
			Column:   f.Pos.Col,
			Path:     f.Path,
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{
				File:    slashPath(rel.Pos.File),
				Line:    rel.Pos.Line,
				Column:  rel.Pos.Col,
				Message: rel.Message,
			})
		}
		out.Findings = append(out.Findings, jf)
	}
	return encodeJSON(w, out)
}

// encodeJSON writes v indented by two spaces with a trailing newline,
// leaving <, > and & unescaped (this is not HTML).
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

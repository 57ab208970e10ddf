package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// GitLab Code Quality issue (the subset of the Code Climate format GitLab
// reads).
type (
	gitlabIssue struct {
		Description string         `json:"description"`
		CheckName   string         `json:"check_name"`
		Fingerprint string         `json:"fingerprint"`
		Severity    string         `json:"severity"`
		Location    gitlabLocation `json:"location"`
	}
	gitlabLocation struct {
		Path  string      `json:"path"`
		Lines gitlabLines `json:"lines"`
	}
	gitlabLines struct {
		Begin int `json:"begin"`
	}
)

// writeGitLab writes a GitLab Code Quality report: a JSON array with one
// issue per finding. GitLab needs a line, so findings without one point at
// line 1. The fingerprint is a SHA-256 over rule, file, line and message, so
// it stays stable between runs and GitLab can tell new issues from old.
func writeGitLab(w io.Writer, r Report, _ Options) error {
	issues := make([]gitlabIssue, 0, len(r.Findings))
	for _, f := range r.Findings {
		file := slashPath(f.Pos.File)
		line := f.Pos.Line
		if line < 1 {
			line = 1
		}
		issues = append(issues, gitlabIssue{
			Description: f.Message,
			CheckName:   f.Rule,
			Fingerprint: gitlabFingerprint(f.Rule, file, f.Pos.Line, f.Message),
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: file, Lines: gitlabLines{Begin: line}},
		})
	}
	return encodeJSON(w, issues)
}

func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "major"
	case lint.Warning:
		return "minor"
	}
	return "info"
}

// gitlabFingerprint hashes the fields NUL-separated so that no two
// different tuples hash the same input.
func gitlabFingerprint(rule, file string, line int, message string) string {
	h := sha256.New()
	for _, s := range []string{rule, file, strconv.Itoa(line), message} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

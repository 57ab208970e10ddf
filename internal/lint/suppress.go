package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Suppression rule IDs: findings about the directives themselves.
const (
	InvalidIgnoreID = "invalid-ignore"
	UnusedIgnoreID  = "unused-ignore"
)

// Directive is one `# otelcfg:ignore RULE[,RULE] reason` or
// `# otelcfg:file-ignore RULE reason` comment.
type Directive struct {
	Pos    config.Pos
	Rules  []string
	Reason string
	File   bool // file-ignore: applies to the whole file
	// Line is the line whose findings it suppresses (its own line for a
	// trailing comment, the next line for a comment on a line of its own).
	Line int
	used bool
}

var directiveRE = regexp.MustCompile(`#\s*otelcfg:(ignore|file-ignore)\b[ \t]*([^ \t]*)[ \t]*(.*)$`)

// ParseDirectives finds suppression comments in a file's text. known
// tells which rule IDs exist; malformed directives come back as findings.
func ParseDirectives(file string, data []byte, known func(string) bool) ([]*Directive, []Finding) {
	var dirs []*Directive
	var bad []Finding
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, "otelcfg:") {
			continue
		}
		m := directiveRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		pos := config.Pos{File: file, Line: i + 1, Col: m[0] + 1}
		d := &Directive{Pos: pos, File: line[m[2]:m[3]] == "file-ignore", Reason: strings.TrimSpace(line[m[6]:m[7]])}
		d.Line = i + 1
		if strings.TrimSpace(line[:m[0]]) == "" {
			d.Line = i + 2 // a comment on its own line covers the next line
		}
		ids := line[m[4]:m[5]]
		for _, id := range strings.Split(ids, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if !known(id) {
				bad = append(bad, Finding{Rule: InvalidIgnoreID, Severity: Warning, Pos: pos,
					Message: fmt.Sprintf("otelcfg:%s names unknown rule %q; see `otelcfg rules`", line[m[2]:m[3]], id)})
				continue
			}
			d.Rules = append(d.Rules, id)
		}
		if ids == "" {
			bad = append(bad, Finding{Rule: InvalidIgnoreID, Severity: Warning, Pos: pos,
				Message: "otelcfg:ignore needs a rule ID and a reason: # otelcfg:ignore RULE-ID why this is fine"})
			continue
		}
		if d.Reason == "" {
			bad = append(bad, Finding{Rule: InvalidIgnoreID, Severity: Warning, Pos: pos,
				Message: "otelcfg:ignore needs a reason after the rule ID, so the next reader knows why the finding is fine"})
		}
		if len(d.Rules) > 0 {
			dirs = append(dirs, d)
		}
	}
	return dirs, bad
}

// Suppress drops findings covered by dirs and reports directives that
// covered nothing. Findings of the suppression rules themselves cannot be
// suppressed by the directive they are about.
func Suppress(fs []Finding, dirs []*Directive) []Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if !suppressed(f, dirs) {
			out = append(out, f)
		}
	}
	for _, d := range dirs {
		if !d.used {
			kind := "ignore"
			if d.File {
				kind = "file-ignore"
			}
			out = append(out, Finding{Rule: UnusedIgnoreID, Severity: Warning, Pos: d.Pos,
				Message: fmt.Sprintf("otelcfg:%s %s suppresses nothing: remove it", kind, strings.Join(d.Rules, ","))})
		}
	}
	return out
}

func suppressed(f Finding, dirs []*Directive) bool {
	hit := false
	for _, d := range dirs {
		if d.Pos.File != f.Pos.File || !d.File && d.Line != f.Pos.Line {
			continue
		}
		for _, id := range d.Rules {
			if id == f.Rule {
				d.used, hit = true, true
			}
		}
	}
	return hit
}

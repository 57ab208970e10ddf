package rules

import (
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// OTTLSyntax reports OTTL the collector's parser rejects.
var OTTLSyntax = register(&lint.Rule{
	ID:       "ottl-syntax",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "An OTTL statement or condition does not parse",
		Text: "The filter and transform processors parse their OTTL when the collector starts; a string that does not parse fails the processor's validation and the collector does not start. " +
			"otelcfg finds lexical errors (single-quoted strings: OTTL strings take double quotes; stray characters; unterminated strings), unbalanced (), [] and {}, and transform statements that do not start with an editor call such as `set(...)`. " +
			"In YAML, quote a statement that starts with a quote or contains `: ` or ` #`, e.g. with single quotes around the whole statement.",
		Bad:       "processors:\n  filter:\n    error_mode: ignore\n    trace_conditions:\n      - span.attributes['http.route'] == \"/healthz\"\n",
		Good:      "processors:\n  filter:\n    error_mode: ignore\n    trace_conditions:\n      - span.attributes[\"http.route\"] == \"/healthz\"\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		for _, s := range ruleutil.OTTLStrings(pass) {
			if e := s.Res.Err; e != nil {
				pass.Reportf(ruleutil.OTTLPos(s.Node, e.Offset), s.Path, "%s %q: invalid OTTL %s: %s; the collector refuses to start", s.Comp.Section[:len(s.Comp.Section)-1], s.Comp.ID, s.Kind, e)
			}
		}
		return nil
	},
})

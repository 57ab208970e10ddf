package rules

import (
	"regexp"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// reDeprecatedPrefix is upstream's "Deprecated [v0.130.0]:" (or
// "Deprecated: [v0.75.0]"), said once by the message instead.
var reDeprecatedPrefix = regexp.MustCompile(`^Deprecated\s*(?:\[(v[0-9.]+)\])?\s*:\s*(?:\[(v[0-9.]+)\]\s*)?`)

// deprecatedText turns upstream's words into "since v0.130.0: Please use
// X" or ": use X".
func deprecatedText(msg string) string {
	m := reDeprecatedPrefix.FindStringSubmatch(msg)
	if m == nil {
		return ": " + msg
	}
	rest := msg[len(m[0]):]
	if v := m[1] + m[2]; v != "" {
		return " since " + v + ": " + rest
	}
	return ": " + rest
}

// DeprecatedSetting reports component settings their upstream schema marks
// deprecated.
var DeprecatedSetting = register(&lint.Rule{
	ID:       "deprecated-setting",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A component setting is deprecated upstream",
		Text: "The collector still accepts the setting, but its component's upstream config.schema.yaml says it is deprecated: it will be removed in a later release (and some, such as kafka's version, already do nothing). " +
			"The message quotes upstream, which names the replacement by its Go field (TraceConditions is trace_conditions). " +
			"Found for the settings of every component with a schema, from the generated schema's @otelcfg(deprecated) attributes.",
		Bad:  "processors:\n  filter/health:\n    traces:\n      span:\n        - 'attributes[\"http.route\"] == \"/healthz\"'\n",
		Good: "processors:\n  filter/health:\n    trace_conditions:\n      - 'span.attributes[\"http.route\"] == \"/healthz\"'\n",
	},
	Requires: []*lint.Rule{ComponentSchemas},
	Check: func(pass *lint.Pass) error {
		sc := checkedComponents(pass)
		for i, c := range sc.comps {
			vs, err := sc.checker.Deprecated(sc.keys[i], c.Node)
			if err != nil {
				return err
			}
			for _, v := range vs {
				pass.Reportf(v.Pos, c.Path+"."+v.Path, "%s %q: %q is deprecated upstream%s", classOf(c.Section), c.ID, v.Path, deprecatedText(v.Message))
			}
		}
		return nil
	},
})

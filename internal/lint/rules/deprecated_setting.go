package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// reDeprecatedPrefix is upstream's "Deprecated [v0.130.0]:" (or
// "Deprecated: [v0.75.0]"), said once by the message instead.
var reDeprecatedPrefix = regexp.MustCompile(`^Deprecated\s*(?:\[(v[0-9.]+)\])?\s*:\s*(?:\[(v[0-9.]+)\]\s*)?`)

// reRemovalClaim is a sentence announcing removal in a release ("It will
// be removed in v0.153.0.").
var reRemovalClaim = regexp.MustCompile(`\s*(?:It|This(?: setting| option| field)?) will be removed in (v[0-9]+\.[0-9]+\.[0-9]+)\.?`)

// deprecatedText turns upstream's words into "since v0.130.0: Please use
// X" or ": use X", dropping a removal date the release has already passed
// (the setting is still there, so the date is stale).
func deprecatedText(msg, release string) string {
	msg = reRemovalClaim.ReplaceAllStringFunc(msg, func(claim string) string {
		if v := reRemovalClaim.FindStringSubmatch(claim)[1]; release != "" && !versionLess(release, v) {
			return ""
		}
		return claim
	})
	msg = strings.TrimSpace(msg)
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

// versionLess compares vMAJOR.MINOR.PATCH versions numerically.
func versionLess(a, b string) bool {
	pa, pb := strings.Split(strings.TrimPrefix(a, "v"), "."), strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x < y
		}
	}
	return len(pa) < len(pb)
}

// DeprecatedSetting reports component settings their upstream schema marks
// deprecated.
var DeprecatedSetting = register(&lint.Rule{
	ID:       "deprecated-setting",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A component setting is deprecated upstream",
		Text: "The collector still accepts the setting, but its component's upstream config.schema.yaml says it is deprecated: it will be removed in a later release (and some, such as kafka's version, already do nothing). " +
			"The message quotes upstream, with the Go field names upstream writes (TraceConditions) replaced by the YAML keys you write (trace_conditions), and without a removal date the release has already passed. " +
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
				pass.Reportf(v.Pos, c.Path+"."+v.Path, "%s %q: %q is deprecated upstream%s", ruleutil.ClassOf(c.Section), c.ID, v.Path, deprecatedText(v.Message, pass.Catalog.Release))
			}
		}
		return nil
	},
})

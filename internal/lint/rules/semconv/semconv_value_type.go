package semconv

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
	"github.com/otelcfg/otelcfg/internal/semconv"
)

// SemconvValueType reports attributes/resource processor actions that write
// a registry key with a value of the wrong YAML type.
var SemconvValueType = register(&lint.Rule{
	ID:       "semconv-value-type",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A processor writes a semantic-conventions attribute with a value of the wrong type",
		Text: "The attributes and resource processors write `value` with its YAML type: `\"200\"` is a string, `200` an int. " +
			"When the semantic conventions declare the key as an int, double or boolean, a string value breaks numeric queries, comparisons and metrics derived from it (a backend may even keep two columns). " +
			"Write the value unquoted (`value: 200`, `value: true`). Only int, double and boolean keys are checked; enums are open by the conventions and are not checked.",
		Bad:  "processors:\n  attributes:\n    actions:\n      - key: http.response.status_code\n        action: insert\n        value: \"200\"\n",
		Good: "processors:\n  attributes:\n    actions:\n      - key: http.response.status_code\n        action: insert\n        value: 200\n",
	},
	Check: func(pass *lint.Pass) error {
		for _, u := range attrUses(pass) {
			v := u.Value
			if v == nil || !ruleutil.UserNode(v) || v.Kind != config.ScalarNode {
				continue
			}
			a, ok := semconv.Lookup(u.Key)
			if !ok || a.Template {
				continue
			}
			var okTags []string
			switch a.Type {
			case "int":
				okTags = []string{"!!int"}
			case "double":
				okTags = []string{"!!float", "!!int"}
			case "boolean":
				okTags = []string{"!!bool"}
			default:
				continue
			}
			good := false
			for _, t := range okTags {
				if v.Tag == t {
					good = true
				}
			}
			if good {
				continue
			}
			pass.Reportf(v.Pos, u.Path[:len(u.Path)-len("key")]+"value", "processor %q writes %q as %s %q, but the semantic conventions declare it as %s: write the value unquoted", u.Comp.ID, u.Key, tagName(v.Tag), v.Value, a.Type)
		}
		return nil
	},
})

func tagName(tag string) string {
	switch tag {
	case "!!str":
		return "a string"
	case "!!int":
		return "an int"
	case "!!float":
		return "a double"
	case "!!bool":
		return "a boolean"
	case "!!null", "":
		return "null"
	}
	return tag
}

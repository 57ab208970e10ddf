package rules

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
	"github.com/otelcfg/otelcfg/internal/ottl"
)

// OTTLUnknownFunction reports OTTL calls of functions the collector does not have.
var OTTLUnknownFunction = register(&lint.Rule{
	ID:       "ottl-unknown-function",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "An OTTL statement calls a function that does not exist",
		Text: "The filter and transform processors resolve every function name when the collector starts; an unknown name fails validation. " +
			"Editors (which change data) are lower_snake_case and only start a statement (`set`, `delete_key`, `replace_pattern`...); converters (which compute values) are CamelCase (`Concat`, `IsMatch`, `ParseJSON`...). " +
			"otelcfg knows the functions of collector-contrib v0.158.0 (pkg/ottl/ottlfuncs/functions.go plus the transform and filter processors' own functions). A function available only in some contexts is accepted everywhere.",
		Bad:       "processors:\n  transform:\n    trace_statements:\n      - set(attributes[\"route\"], concat([attributes[\"a\"], attributes[\"b\"]], \"/\"))\n",
		Good:      "processors:\n  transform:\n    trace_statements:\n      - set(attributes[\"route\"], Concat([attributes[\"a\"], attributes[\"b\"]], \"/\"))\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		for _, s := range ruleutil.OTTLStrings(pass) {
			for _, call := range s.Res.Calls {
				if ottl.Known(call.Name) && ottl.IsEditor(call.Name) == call.Editor {
					continue
				}
				var msg string
				switch {
				case ottl.Known(call.Name) && call.Editor:
					msg = call.Name + " is a converter, not an editor: a statement must start with an editor such as set(...)"
				case ottl.Known(call.Name):
					msg = call.Name + " is an editor: it can only start a statement, not be called inside one"
				default:
					cands := ottl.Converters()
					if call.Editor {
						cands = ottl.Editors()
					}
					msg = "unknown OTTL function " + call.Name + hintFunction(call.Name, cands)
				}
				pass.Reportf(ruleutil.OTTLPos(s.Node, call.Offset), s.Path, "%s %q: %s (character %d)", s.Comp.Section[:len(s.Comp.Section)-1], s.Comp.ID, msg, call.Offset+1)
			}
		}
		return nil
	},
})

// hintFunction suggests a function differing only by case, else the closest one.
func hintFunction(name string, cands []string) string {
	for _, c := range ottl.Functions {
		if strings.EqualFold(c, name) || strings.EqualFold(strings.ReplaceAll(c, "_", ""), strings.ReplaceAll(name, "_", "")) {
			return fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	if h := ruleutil.DidYouMean(name, cands); h != "" {
		return h
	}
	return ""
}

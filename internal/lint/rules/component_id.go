package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// typeRE and nameRE are the collector's syntax for component.Type and the
// name part of a component.ID (component/identifiable.go).
var (
	typeRE = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z_]{0,62}$`)
	nameRE = regexp.MustCompile(`^[^\pZ\pC\pS]+$`)
)

// idError explains why id is not a valid "type[/name]", or returns "".
func idError(id string) string {
	typ, name, slash := config.SplitID(id)
	// The collector trims spaces around both parts before checking them
	// (component/identifiable.go), so "debug/ a" is the valid ID debug/a.
	typ, name = strings.TrimSpace(typ), strings.TrimSpace(name)
	switch {
	case typ == "":
		return "the type before \"/\" is empty"
	case !typeRE.MatchString(typ):
		return fmt.Sprintf("type %q must start with a letter and contain only letters, digits and _ (at most 63 characters)", typ)
	case slash && name == "":
		return "the name after \"/\" is empty: drop the \"/\" or add a name"
	case slash && !nameRE.MatchString(name):
		return fmt.Sprintf("name %q must not contain spaces, control characters or symbols such as + $ < > = ^ | ~", name)
	case len(name) > 1024:
		return "the name is longer than 1024 characters"
	}
	return ""
}

// InvalidComponentID reports component keys that are not "type[/name]".
var InvalidComponentID = register(&lint.Rule{
	ID:       "invalid-component-id",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A component ID is not type[/name]",
		Text:      "Component IDs are a type (letter first, then letters, digits, _; at most 63 characters) optionally followed by / and a name without spaces, control characters or symbols (the name may itself contain /). The collector rejects the whole config otherwise.",
		Bad:       "exporters:\n  otlp/:\n    endpoint: backend:4317\n",
		Good:      "exporters:\n  otlp/backend:\n    endpoint: backend:4317\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		for _, sec := range config.Sections {
			seen := map[string]*config.Component{}
			for _, c := range pass.Collector.Components[sec] {
				if msg := idError(c.ID); msg != "" {
					pass.Reportf(c.KeyPos, c.Path, "invalid %s ID %q: %s", ruleutil.ClassOf(sec), c.ID, msg)
					continue
				}
				// The collector trims spaces around type and name, so two
				// keys can name one ID ("duplicate name ... after unmarshaling").
				if first := seen[ruleutil.NormID(c.ID)]; first != nil {
					pass.Report(lint.Finding{Pos: c.KeyPos, Path: c.Path,
						Message: fmt.Sprintf("%s ID %q is %q once spaces are trimmed, which is already defined: the collector refuses duplicate IDs; remove the spaces and merge the two", ruleutil.ClassOf(sec), c.ID, ruleutil.NormID(c.ID)),
						Related: []lint.Related{{Pos: first.KeyPos, Message: "first defined here"}}})
					continue
				}
				seen[ruleutil.NormID(c.ID)] = c
			}
		}
		return nil
	},
})

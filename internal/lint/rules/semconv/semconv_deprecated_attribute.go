package semconv

import (
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
	"github.com/otelcfg/otelcfg/internal/semconv"
)

// SemconvDeprecatedAttribute reports deprecated semantic-conventions keys
// that processors set or match.
var SemconvDeprecatedAttribute = register(&lint.Rule{
	ID:       "semconv-deprecated-attribute",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A processor sets or matches a deprecated semantic-conventions attribute",
		Text: "Instrumentation moved to the stable HTTP, database and network conventions (http.method → http.request.method, http.status_code → http.response.status_code, net.peer.name → server.address...). " +
			"A processor that still writes the old key produces data that dashboards and backends built on current conventions do not find; one that still matches it (filter conditions, include/exclude, groupbyattrs keys, redaction allow-lists) silently stops matching once the SDKs upgrade. " +
			"The message names the replacement from the semantic-conventions registry otelcfg embeds. " +
			"A migration is fine and stays silent: deleting the old key, or a processor that also uses the replacement (e.g. `set(attributes[\"http.request.method\"], attributes[\"http.method\"])`). " +
			"So is matching a deprecated key that a component of the same config produces itself (the awsecscontainermetrics receiver still emits `container.image.tag`): the catalog lists the keys each component module it could read names as its own.",
		Bad:  "processors:\n  attributes:\n    actions:\n      - key: http.status_code\n        action: upsert\n        value: 200\n",
		Good: "processors:\n  attributes:\n    actions:\n      - key: http.response.status_code\n        action: upsert\n        value: 200\n",
	},
	Check: func(pass *lint.Pass) error {
		uses := attrUses(pass)
		keysOf := map[string]map[string]bool{} // component ID -> keys it uses
		for _, u := range uses {
			if keysOf[u.Comp.ID] == nil {
				keysOf[u.Comp.ID] = map[string]bool{}
			}
			keysOf[u.Comp.ID][u.Key] = true
		}
		for _, u := range uses {
			a, ok := semconv.Lookup(u.Key)
			if !ok || !a.Deprecated || a.Template || u.Del {
				continue
			}
			if !u.Write && emittedInConfig(pass, u.Key) {
				continue // matching what a component of this config produces
			}
			migrating := false
			for _, r := range a.Replacement {
				if keysOf[u.Comp.ID][r] {
					migrating = true
				}
			}
			if migrating {
				continue
			}
			verb := "matches"
			if u.Write {
				verb = "sets"
			}
			msg := "processor " + quoteID(u.Comp.ID) + " " + verb + " attribute " + quoteID(u.Key) + ", deprecated in semantic conventions " + semconv.Version
			switch {
			case len(a.Replacement) > 0:
				msg += ": use " + ruleutil.QuoteList(a.Replacement)
				if len(a.Replacement) > 1 {
					msg = strings.Replace(msg, " and ", " or ", 1)
				}
				msg += " instead"
			case a.Note != "":
				msg += " (" + strings.TrimSuffix(a.Note, ".") + ")"
			}
			pass.Reportf(u.Pos, u.Path, "%s", msg)
		}
		return nil
	},
})

func quoteID(s string) string { return `"` + s + `"` }

// emittedInConfig reports whether a component defined in the config names
// key as its own (catalog.EmittedBy), e.g. a receiver that emits it.
func emittedInConfig(pass *lint.Pass, key string) bool {
	by := catalog.EmittedBy(key)
	if len(by) == 0 || pass.Collector == nil {
		return false
	}
	for _, sec := range []string{"receivers", "processors", "connectors", "exporters", "extensions"} {
		class := ruleutil.ClassOf(sec)
		for _, c := range pass.Collector.Components[sec] {
			id := string(class) + "/" + ruleutil.CanonType(pass, c, class)
			for _, e := range by {
				if e == id {
					return true
				}
			}
		}
	}
	return false
}

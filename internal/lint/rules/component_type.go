package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// UnknownComponentType reports component types the pinned collector
// distribution does not have.
var UnknownComponentType = register(&lint.Rule{
	ID:       "unknown-component-type",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A component type does not exist in the collector",
		Text:      "The type before the / must be a component of that class in the collector distribution (otelfcg knows the contrib distribution of the pinned release, core components included). A typo, a component of another class, or a component from a custom build makes the collector refuse the config.",
		Bad:       "processors:\n  batched: {}\n",
		Good:      "processors:\n  batch: {}\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		forEachComponent(pass, func(c *config.Component, class catalog.Class) {
			if idError(c.ID) != "" {
				return // invalid-component-id explains it
			}
			if _, ok := pass.Catalog.Lookup(class, c.Type); ok {
				return
			}
			if _, removed := pass.Catalog.Removed(class, c.Type); removed {
				return // removed-component explains it
			}
			hint := ruleutil.DidYouMean(c.Type, pass.Catalog.Types(class))
			if hint == "" {
				for _, other := range catalog.Classes {
					if other != class {
						if _, ok := pass.Catalog.Lookup(other, c.Type); ok {
							hint = fmt.Sprintf(" (%q is a %s, not a %s: move it to %s)", c.Type, other, class, other.Section())
							break
						}
					}
				}
			}
			pass.Reportf(c.KeyPos, c.Path, "unknown %s type %q in collector %s%s", class, c.Type, pass.Catalog.Release, hint)
		})
		return nil
	},
})

// RemovedComponent reports components the collector removed, with the release
// and the replacement.
var RemovedComponent = register(&lint.Rule{
	ID:       "removed-component",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "A component was removed from the collector",
		Text: "Configs copied from older guides still use components that were removed upstream (the logging exporter, the loki and jaeger exporters, the memory_ballast extension, the spanmetrics processor...). The collector now rejects them as unknown types. The message names the release that removed the component and what replaces it.\n\n" +
			"`otelcfg lint --fix` migrates the ones whose replacement is exact, and the message says what it will do: " +
			"`logging` becomes `debug` (`loglevel` mapped to `verbosity` as the logging exporter did: debug → detailed, info → normal, warn and above → basic); when a `debug` exporter exists already, logging's settings are merged into it if they agree, `logging` is deleted and every pipeline that used it exports to `debug`, once. " +
			"`loki` becomes `otlp_http/loki` sending to Loki's OTLP endpoint on the same host (`…/loki/api/v1/push` → `…/otlp`, Loki 3 and later), keeping the HTTP client, queue and retry settings, which otlp_http shares, and dropping `default_labels_enabled` (Loki's OTLP ingestion picks labels itself; see loki-hint-attributes for the `loki.*` hints). " +
			"`jaeger` becomes `otlp_grpc/jaeger` (port 14250 → Jaeger's OTLP port 4317) and `jaeger_thrift` becomes `otlp_http/jaeger` (`:14268/api/traces` → `:4318`); their settings are otlp's. " +
			"`memory_ballast` is deleted (with its references; in Helm values `useGOMEMLIMIT: true` is set, elsewhere set GOMEMLIMIT yourself). " +
			"Anything else, or a config outside what a mapping covers (a loki endpoint that is not a push URL, conflicting logging and debug settings), says \"no automatic fix\" and what to do by hand; the spanmetrics processor is never migrated automatically because the span_metrics connector names its metrics differently.",
		Bad:       "exporters:\n  logging: {}\n",
		Good:      "exporters:\n  debug: {}\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		forEachComponent(pass, func(c *config.Component, class catalog.Class) {
			if _, ok := pass.Catalog.Lookup(class, c.Type); ok {
				return
			}
			r, ok := pass.Catalog.Removed(class, c.Type)
			if !ok {
				return
			}
			msg := fmt.Sprintf("the %s %s was removed in %s", c.Type, class, r.RemovedIn)
			if r.DeprecatedIn != "" {
				msg += fmt.Sprintf(" (deprecated since %s)", r.DeprecatedIn)
			}
			if r.Replacement != "" {
				msg += "; use " + r.Replacement + " instead"
			}
			if r.Note != "" {
				msg += " (" + r.Note + ")"
			}
			m := migrate(pass, c, class)
			switch {
			case m.fix != nil:
				msg += "; --fix will " + m.fix.Message
			case m.manual != "":
				msg += "; " + m.manual
			}
			pass.Report(lint.Finding{Pos: c.KeyPos, Path: c.Path, Message: msg, Fix: m.fix})
		})
		return nil
	},
})

// DeprecatedComponentType reports deprecated type aliases.
var DeprecatedComponentType = register(&lint.Rule{
	ID:       "deprecated-component-type",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A component is configured under its deprecated type name",
		Text:  "Some components were renamed upstream; the old type still works as an alias but is deprecated and will be removed. Rename the key (and every reference to it in pipelines).",
		Bad:   "connectors:\n  spanmetrics: {}\n",
		Good:  "connectors:\n  span_metrics: {}\n",
	},
	Check: func(pass *lint.Pass) error {
		forEachComponent(pass, func(c *config.Component, class catalog.Class) {
			if c.Origin != "" {
				return // a chart default or preset: the user cannot rename it
			}
			comp, ok := pass.Catalog.Lookup(class, c.Type)
			if !ok || comp.Type == c.Type {
				return
			}
			newID := comp.Type
			if c.Name != "" {
				newID += "/" + c.Name
			}
			pass.Report(lint.Finding{Pos: c.KeyPos, Path: c.Path,
				Message: fmt.Sprintf("%s type %q is a deprecated alias of %q: rename %q to %q here and in the pipelines", class, c.Type, comp.Type, c.ID, newID),
				Fix:     renameFix(pass, c, comp.Type)})
		})
		return nil
	},
})

// forEachComponent calls fn for every defined component, chart defaults
// and presets included.
func forEachComponent(pass *lint.Pass, fn func(*config.Component, catalog.Class)) {
	if pass.Collector == nil {
		return
	}
	for _, sec := range config.Sections {
		for _, c := range pass.Collector.Components[sec] {
			fn(c, ruleutil.ClassOf(sec))
		}
	}
}

// renameFix renames component c to type newType where it is defined and
// everywhere the service refers to it. It offers no fix when the new ID is
// already defined (a config with both logging and debug): merging two
// components is the user's call.
func renameFix(pass *lint.Pass, c *config.Component, newType string) *lint.Fix {
	newID := newType
	if c.Name != "" {
		newID += "/" + c.Name
	}
	for _, sec := range config.Sections {
		if d := pass.Collector.Defined(sec, newID); d != nil && (sec == c.Section || sec == "connectors" || c.Section == "connectors") {
			return nil
		}
	}
	return &lint.Fix{Message: fmt.Sprintf("rename %s to %s", c.Type, newType), Edits: renameEdits(pass, c, newID, nil)}
}

package rules

import (
	"sync"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
	"github.com/otelcfg/otelcfg/schema"
)

// schemaKey returns the schema index key ("receiver/otlp") of a component,
// by its current type (aliases resolve through the catalog), or "".
func schemaKey(pass *lint.Pass, c *config.Component) string {
	comp, ok := pass.Catalog.Lookup(ruleutil.ClassOf(c.Section), c.Type)
	if !ok {
		return ""
	}
	return string(comp.Class) + "/" + comp.Type
}

// schemaChecker validates settings against the embedded component
// schemas. One per process: it caches the definitions it compiled, so every
// file of a run reuses them.
var schemaChecker = sync.OnceValue(func() *schemacheck.Checker {
	set := schemacheck.Set{FS: schema.FS, Components: make(map[string]schemacheck.Entry, len(schema.Components))}
	for k, c := range schema.Components {
		set.Components[k] = schemacheck.Entry{File: c.File, Def: c.Def, Deps: c.Deps}
	}
	return schemacheck.New(set)
})

// schemaComponents is ComponentSchemas' result.
type schemaComponents struct {
	checker *schemacheck.Checker
	comps   []*config.Component // the user's components that have a schema
	keys    []string            // their schema keys, in the same order
}

// ComponentSchemas is a shared input (not a check): the user's components
// that have a schema, with those schemas compiled in one go.
var ComponentSchemas = &lint.Rule{
	ID: "component-schemas",
	Run: func(pass *lint.Pass) (any, error) {
		res := &schemaComponents{checker: schemaChecker()}
		if pass.Collector == nil {
			return res, nil
		}
		for _, sec := range config.Sections {
			for _, c := range pass.Collector.Components[sec] {
				if c.Origin != "" || idError(c.ID) != "" {
					continue // chart defaults are not the user's to fix
				}
				if k := schemaKey(pass, c); k != "" && res.checker.Has(k) {
					res.comps, res.keys = append(res.comps, c), append(res.keys, k)
				}
			}
		}
		return res, res.checker.Prepare(res.keys)
	},
}

// checkedComponents returns ComponentSchemas' result for the running rule,
// which must require it.
func checkedComponents(pass *lint.Pass) *schemaComponents {
	return pass.ResultOf[ComponentSchemas].(*schemaComponents)
}

// InvalidSetting reports component settings their schema rejects.
var InvalidSetting = register(&lint.Rule{
	ID:       "invalid-setting",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "A component setting is unknown, of the wrong type or not allowed",
		Text: "Each component's settings are checked against a CUE definition generated from the component's upstream config.schema.yaml: unknown keys (with did-you-mean), wrong value types (the collector never turns a string into a number), values outside an enum, malformed durations, required keys. " +
			"The collector decodes settings just as strictly and refuses to start. Whole-value ${env:...} references stand for any value. " +
			"service.telemetry's logs.level and metrics.level are checked against the levels the collector decodes, and batch's send_batch_max_size against the default send_batch_size (8192) when send_batch_size is not written. " +
			"An OpenTelemetryCollector is checked as the operator hands it over: with a target allocator (spec.targetAllocator.enabled or the opentelemetry.io/target-allocator label), the receiver named `prometheus` gets the target_allocator section the operator writes, so `prometheus: {config: {}}` is complete.",
		Bad:       "processors:\n  batch:\n    timeout: 5 seconds\n    send_batch_max: 1000\n",
		Good:      "processors:\n  batch:\n    timeout: 5s\n    send_batch_size: 1000\n    send_batch_max_size: 2000\n",
		Collector: true,
	},
	Requires: []*lint.Rule{ComponentSchemas},
	Check: func(pass *lint.Pass) error {
		checkTelemetryLevels(pass)
		checkBatchDefaults(pass)
		sc := checkedComponents(pass)
		for i, c := range sc.comps {
			settings, ok := operatorSettings(pass, c)
			if !ok {
				pass.Reportf(c.KeyPos, c.Path, "receiver %q: the target allocator is enabled, so the operator adds a target_allocator section to this receiver, but it is null, not a map, and reconciling fails; write `prometheus: {}`", c.ID)
				continue
			}
			vs, err := sc.checker.Check(sc.keys[i], settings, c.KeyPos)
			if err != nil {
				return err
			}
			for _, v := range vs {
				path := c.Path
				if v.Path != "" {
					path += "." + v.Path
				}
				pass.Reportf(v.Pos, path, "%s %q: %s", ruleutil.ClassOf(c.Section), c.ID, v.Message)
			}
		}
		return nil
	},
})

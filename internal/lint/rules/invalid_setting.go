package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// schemaKey returns the schema index key ("receiver/otlp") of a component,
// by its current type (aliases resolve through the catalog), or "".
func schemaKey(pass *lint.Pass, c *config.Component) string {
	comp, ok := pass.Catalog.Lookup(classOf(c.Section), c.Type)
	if !ok {
		return ""
	}
	return string(comp.Class) + "/" + comp.Type
}

// checkedComponents returns the user's components that have a schema, with
// their schema keys, after compiling those schemas in one go.
func checkedComponents(pass *lint.Pass) ([]*config.Component, []string, error) {
	if pass.Schemas == nil || pass.Collector == nil {
		return nil, nil, nil
	}
	var comps []*config.Component
	var keys []string
	for _, sec := range config.Sections {
		for _, c := range pass.Collector.Components[sec] {
			if c.Origin != "" || idError(c.ID) != "" {
				continue // chart defaults are not the user's to fix
			}
			if k := schemaKey(pass, c); k != "" && pass.Schemas.Has(k) {
				comps, keys = append(comps, c), append(keys, k)
			}
		}
	}
	return comps, keys, pass.Schemas.Prepare(keys)
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
	Check: func(pass *lint.Pass) error {
		checkTelemetryLevels(pass)
		checkBatchDefaults(pass)
		comps, keys, err := checkedComponents(pass)
		if err != nil {
			return err
		}
		for i, c := range comps {
			settings, ok := operatorSettings(pass, c)
			if !ok {
				pass.Reportf(c.KeyPos, c.Path, "receiver %q: the target allocator is enabled, so the operator adds a target_allocator section to this receiver, but it is null, not a map, and reconciling fails; write `prometheus: {}`", c.ID)
				continue
			}
			vs, err := pass.Schemas.Check(keys[i], settings, c.KeyPos)
			if err != nil {
				return err
			}
			for _, v := range vs {
				path := c.Path
				if v.Path != "" {
					path += "." + v.Path
				}
				pass.Reportf(v.Pos, path, "%s %q: %s", classOf(c.Section), c.ID, v.Message)
			}
		}
		return nil
	},
})

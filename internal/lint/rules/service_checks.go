package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// ProfilesGateID is the feature gate that enables profiles pipelines.
const ProfilesGateID = "service.profilesSupport"

// MissingComponents reports configs without any receiver or exporter definition.
var MissingComponents = register(&lint.Rule{
	ID:       "missing-components",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "The config defines no receivers or no exporters",
		Text:      "The collector refuses a config whose receivers or exporters section is empty (\"no receiver configuration specified in config\"), or one that defines no component at all (\"empty configuration file\").",
		Bad:       "exporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if c == nil || pass.Doc.Config.Kind != config.MapNode && !pass.Doc.Config.IsNull() {
			return nil
		}
		pos := pass.Doc.Config.Pos
		total := 0
		for _, comps := range c.Components {
			total += len(comps)
		}
		switch {
		case total == 0:
			pass.Reportf(pos, pass.Doc.ConfigPath, "empty configuration: no receivers, processors, exporters, connectors or extensions are defined")
		default:
			for _, sec := range []string{"receivers", "exporters"} {
				if len(c.Components[sec]) == 0 {
					p := pos
					if e := pass.Doc.Config.Entry(sec); e != nil {
						p = e.KeyPos
					}
					pass.Reportf(p, join(pass.Doc.ConfigPath, sec), "no %s configuration specified in config: define at least one %s", ruleutil.ClassOf(sec), ruleutil.ClassOf(sec))
				}
			}
		}
		return nil
	},
})

// AmbiguousConnectorID reports a connector sharing its ID with a receiver or exporter.
var AmbiguousConnectorID = register(&lint.Rule{
	ID:       "ambiguous-connector-id",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A connector has the same ID as a receiver or exporter",
		Text:      "Pipelines name connectors in their receivers and exporters lists, so a connector ID that is also a receiver or exporter ID is ambiguous and the collector refuses it. Rename one of them, e.g. forward/connector.",
		Bad:       "exporters:\n  datadog:\n    api:\n      key: ${env:DD_API_KEY}\nconnectors:\n  datadog:\n",
		Good:      "exporters:\n  datadog:\n    api:\n      key: ${env:DD_API_KEY}\nconnectors:\n  datadog/connector:\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		for _, conn := range pass.Collector.Components["connectors"] {
			for _, sec := range []string{"exporters", "receivers"} {
				if other := ruleutil.Defined(pass.Collector, sec, conn.ID); other != nil {
					pass.Report(lint.Finding{Pos: conn.KeyPos, Path: conn.Path,
						Message: fmt.Sprintf("ambiguous ID: %q is both a %s and a connector; rename the connector (e.g. %q)", conn.ID, ruleutil.ClassOf(sec), conn.ID+"/connector"),
						Related: []lint.Related{{Pos: other.KeyPos, Message: ruleutil.ClassOf(sec).Section() + " definition"}}})
				}
			}
		}
		return nil
	},
})

// ProfilesFeatureGate reports profiles pipelines when the gate is off.
var ProfilesFeatureGate = register(&lint.Rule{
	ID:       "profiles-feature-gate",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A profiles pipeline needs the service.profilesSupport feature gate",
		Text:      "Profiles are an alpha signal: the collector refuses profiles pipelines unless it runs with --feature-gates=service.profilesSupport. Pass the same flag to otelcfg lint when your collector does.",
		Bad:       "service:\n  pipelines:\n    profiles:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.FeatureGates[ProfilesGateID] {
			return nil
		}
		for _, p := range validPipelines(pass) {
			if p.Signal == "profiles" {
				pass.Reportf(p.KeyPos, p.Path, "pipeline %q: profiles support is alpha and gated behind the %q feature gate; run the collector (and otelcfg lint) with --feature-gates=%s", p.ID, ProfilesGateID, ProfilesGateID)
			}
		}
		return nil
	},
})

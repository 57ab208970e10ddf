// Package deploy holds otelcfg's rules about how a collector is deployed:
// Helm values of the opentelemetry-collector chart, operator resources
// (OpenTelemetryCollector, Instrumentation, the sidecar annotation) and
// endpoints resolved across the files of a run. Package rules registers
// them with the others (see rules.All).
package deploy

import "github.com/otelcfg/otelcfg/internal/lint"

var registry []*lint.Rule

func register(r *lint.Rule) *lint.Rule {
	registry = append(registry, r)
	return r
}

// Rules returns the package's rules in declaration order.
func Rules() []*lint.Rule { return append([]*lint.Rule(nil), registry...) }

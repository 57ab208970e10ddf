package deploy

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Enums of the Instrumentation CRD (kubebuilder validation markers in
// github.com/open-telemetry/opentelemetry-operator/apis@v0.157.0,
// v1alpha1/propagators.go and v1alpha1/samplers.go): the API server
// rejects other values.
var (
	instrumentationPropagators = []string{"tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray", "ottrace", "none"}
	instrumentationSamplers    = []string{"always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio", "jaeger_remote", "xray"}
)

// InstrumentationSpec reports Instrumentation resources the API server or
// the operator's webhook rejects.
var InstrumentationSpec = register(&lint.Rule{
	ID:       "instrumentation-spec",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "An Instrumentation resource is rejected by Kubernetes or the operator",
		Text: "The Instrumentation CRD accepts only known propagators (tracecontext, baggage, b3, b3multi, jaeger, xray, ottrace, none) and sampler types (always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, jaeger_remote, xray); " +
			"the operator's webhook also requires the argument of a ratio sampler to be a number between 0 and 1. `kubectl apply` fails otherwise, and pods keep running without instrumentation.",
		Bad:  "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: default\nspec:\n  exporter:\n    endpoint: http://gateway-collector:4318\n  propagators: [tracecontext, w3c]\n  sampler:\n    type: parentbased_traceidratio\n    argument: \"25%\"\n",
		Good: "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: default\nspec:\n  exporter:\n    endpoint: http://gateway-collector:4318\n  propagators: [tracecontext, baggage]\n  sampler:\n    type: parentbased_traceidratio\n    argument: \"0.25\"\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindInstrumentation {
			return nil
		}
		spec := pass.Doc.Source.Get("spec")
		if props := spec.Get("propagators"); props != nil && props.Kind == config.SeqNode {
			for i, p := range props.Items {
				if p.Kind == config.ScalarNode && !slices.Contains(instrumentationPropagators, p.Value) {
					pass.Reportf(p.Pos, fmt.Sprintf("spec.propagators[%d]", i), "unknown propagator %q%s: the CRD allows %s",
						p.Value, ruleutil.DidYouMean(p.Value, instrumentationPropagators), ruleutil.QuoteList(instrumentationPropagators))
				}
			}
		}
		sampler := spec.Get("sampler")
		typ := sampler.Get("type")
		if typ != nil && typ.Kind == config.ScalarNode && !slices.Contains(instrumentationSamplers, typ.Value) {
			pass.Reportf(typ.Pos, "spec.sampler.type", "unknown sampler type %q%s: the CRD allows %s",
				typ.Value, ruleutil.DidYouMean(typ.Value, instrumentationSamplers), ruleutil.QuoteList(instrumentationSamplers))
		}
		arg := sampler.Get("argument")
		if typ != nil && (typ.Value == "traceidratio" || typ.Value == "parentbased_traceidratio") && arg != nil && arg.Kind == config.ScalarNode && arg.Value != "" {
			rate, err := strconv.ParseFloat(arg.Value, 64)
			switch {
			case err != nil:
				pass.Reportf(arg.Pos, "spec.sampler.argument", "the argument of a %s sampler must be a number between 0 and 1, got %q: the operator's webhook rejects it (write e.g. \"0.25\" for 25%%)", typ.Value, arg.Value)
			case rate < 0 || rate > 1:
				pass.Reportf(arg.Pos, "spec.sampler.argument", "the argument of a %s sampler must be between 0 and 1, got %s: the operator's webhook rejects it", typ.Value, arg.Value)
			}
		}
		return nil
	},
})

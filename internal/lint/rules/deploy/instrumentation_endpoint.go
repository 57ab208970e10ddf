package deploy

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// httpOnlyLanguages are the auto-instrumentations the operator configures to
// export OTLP over HTTP/protobuf, so their endpoint needs the collector's
// OTLP/HTTP port (4318), not the gRPC one.
var httpOnlyLanguages = []string{"dotnet", "go", "python"}

// InstrumentationEndpoint reports exporter endpoints that the configured
// languages cannot talk to.
var InstrumentationEndpoint = register(&lint.Rule{
	ID:       "instrumentation-endpoint",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An Instrumentation sends OTLP/HTTP languages to the gRPC port",
		Text: "The python, dotnet and go auto-instrumentations export OTLP over HTTP, so their endpoint must be the collector's OTLP/HTTP port (4318). With spec.exporter.endpoint on the gRPC port 4317 they fail to export, silently. " +
			"Point spec.exporter.endpoint at 4318, or override OTEL_EXPORTER_OTLP_ENDPOINT in the language's env. An Instrumentation without any exporter endpoint is reported too: the SDKs then send to localhost, where no collector listens unless a sidecar is injected.",
		Bad:  "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: default\nspec:\n  exporter:\n    endpoint: http://gateway-collector:4317\n  python: {}\n",
		Good: "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: default\nspec:\n  exporter:\n    endpoint: http://gateway-collector:4317\n  python:\n    env:\n      - name: OTEL_EXPORTER_OTLP_ENDPOINT\n        value: http://gateway-collector:4318\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindInstrumentation {
			return nil
		}
		spec := pass.Doc.Source.Get("spec")
		endpoint := spec.Get("exporter").Get("endpoint")
		for _, lang := range httpOnlyLanguages {
			section := spec.Entry(lang)
			if section == nil {
				continue
			}
			ep, path := endpoint, "spec.exporter.endpoint"
			if override := envValue(section.Value.Get("env"), "OTEL_EXPORTER_OTLP_ENDPOINT"); override != nil {
				ep, path = override, "spec."+lang+".env"
			}
			if ep == nil || ep.Kind != config.ScalarNode {
				if spec.Get("exporter") == nil {
					pass.Reportf(section.KeyPos, "spec.exporter", "%s auto-instrumentation has no exporter endpoint: the SDK sends to localhost; set spec.exporter.endpoint to the collector's OTLP/HTTP port (4318)", lang)
				}
				continue
			}
			if port, ok := endpointPort(ep.Value); ok && port == 4317 {
				pass.Report(lint.Finding{Pos: ep.Pos, Path: path, Message: fmt.Sprintf(
					"%s auto-instrumentation exports OTLP over HTTP but %s points at the gRPC port 4317: use the OTLP/HTTP port 4318 (or set OTEL_EXPORTER_OTLP_ENDPOINT in spec.%s.env)", lang, ep.Value, lang),
					Related: []lint.Related{{Pos: section.KeyPos, Message: lang + " configured here"}}})
			}
		}
		return nil
	},
})

// envValue returns the value node of NAME in a container env list.
func envValue(env *config.Node, name string) *config.Node {
	if env == nil || env.Kind != config.SeqNode {
		return nil
	}
	for _, it := range env.Items {
		if n := it.Get("name"); n != nil && n.Value == name {
			return it.Get("value")
		}
	}
	return nil
}

package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/lint"
)

func ruleFindings(res *Result, rule string) []lint.Finding {
	var out []lint.Finding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestSeedEndpointResolves lints the seed's two files together: the
// sidecar's exporter names the Service of the gateway's Helm release
// (installed as "opentelemetry-collecor", typo included), which must
// resolve whether the release name is given or not.
func TestSeedEndpointResolves(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "testdata", "seed")
	values := filepath.Join(seed, "gateway-values.yaml")
	for name, releases := range map[string]map[string]string{
		"derived":    nil,
		"given":      {values: "opentelemetry-collecor"},
		"given-base": {"./" + values: "opentelemetry-collecor"},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := LintPaths(ctx, []string{seed}, nil, Options{NoSettings: true, ReleaseNames: releases})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ruleFindings(res, "service-endpoint-unresolved") {
				t.Errorf("unexpected: %s", f)
			}
		})
	}
	// With the release name spelled right, the seed's typo is found.
	res, err := LintPaths(ctx, []string{seed}, nil, Options{NoSettings: true, ReleaseNames: map[string]string{values: "opentelemetry-collector-gw"}})
	if err != nil {
		t.Fatal(err)
	}
	fs := ruleFindings(res, "service-endpoint-unresolved")
	if len(fs) != 1 || !strings.HasSuffix(fs[0].Pos.File, "sidecar-cr.yaml") || fs[0].Pos.Line != 27 {
		t.Fatalf("findings: %v", fs)
	}
}

// TestServiceEndpointDidYouMean lints a gateway and an agent in separate
// files; the agent misspells the gateway's Service. Suppression comments
// and settings of the file a cross-file finding lands in apply to it.
func TestServiceEndpointDidYouMean(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("gw.yaml", "mode: deployment\nnamespaceOverride: monitoring\nimage:\n  repository: otel/opentelemetry-collector-contrib\nresources:\n  limits:\n    memory: 1Gi\n")
	agent := `apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata:
  name: agent
  namespace: apps
spec:
  mode: daemonset
  config:
    receivers:
      otlp:
        protocols:
          grpc:
            endpoint: 0.0.0.0:4317
    exporters:
      otlp_grpc:
        endpoint: otel-gatway-opentelemetry-collector.monitoring.svc.cluster.local:4317
      otlp_grpc/b:
        endpoint: otel-gatway-opentelemetry-collector.monitoring.svc:4317 # otelcfg:ignore service-endpoint-unresolved migrating
    service:
      pipelines:
        traces:
          receivers: [otlp]
          exporters: [otlp_grpc, otlp_grpc/b]
`
	write("agent.yaml", agent)
	res, err := LintPaths(ctx, []string{dir}, nil, Options{NoSettings: true, ReleaseNames: map[string]string{filepath.Join(dir, "gw.yaml"): "otel-gateway"}})
	if err != nil {
		t.Fatal(err)
	}
	fs := ruleFindings(res, "service-endpoint-unresolved")
	if len(fs) != 1 || fs[0].Pos.Line != 16 || !strings.Contains(fs[0].Message, `did you mean "otel-gateway-opentelemetry-collector"?`) {
		t.Fatalf("findings: %v", fs)
	}
	if u := ruleFindings(res, "unused-ignore"); len(u) != 0 {
		t.Errorf("the ignore comment was not used: %v", u)
	}
	// Disabled by flag: no finding, and the directive is not "unused".
	res, err = LintPaths(ctx, []string{dir}, nil, Options{NoSettings: true, Disable: []string{"service-endpoint-unresolved"}})
	if err != nil {
		t.Fatal(err)
	}
	if fs := append(ruleFindings(res, "service-endpoint-unresolved"), ruleFindings(res, "unused-ignore")...); len(fs) != 0 {
		t.Errorf("disabled: %v", fs)
	}
}

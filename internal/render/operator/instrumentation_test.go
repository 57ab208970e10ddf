package operator_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

func loadCfg(t *testing.T, file string, data []byte) *config.Node {
	t.Helper()
	if data == nil {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			t.Fatal(err)
		}
	}
	in, err := render.Load(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return in.Config
}

// lintAll lints data (kinds detected per document) and returns every
// finding, whatever its severity.
func lintAll(t *testing.T, data []byte) []string {
	t.Helper()
	res, err := driver.Lint(context.Background(), []config.Input{{Name: "-", Data: data}}, driver.Options{NoSettings: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.String())
	}
	return out
}

func TestInstrumentation(t *testing.T) {
	cfg := loadCfg(t, "../../../testdata/render/gateway.yaml", nil)
	res, err := operator.Instrumentation(context.Background(), cfg, operator.InstrumentationOptions{Name: "otel-gateway", Namespace: "monitoring", Mode: "deployment", File: "testdata/render/gateway.yaml", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.YAML)
	for _, want := range []string{
		"kind: Instrumentation",
		"apiVersion: opentelemetry.io/v1alpha1",
		"  exporter:\n    endpoint: http://otel-gateway-collector.monitoring.svc.cluster.local:4317\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, lang := range []string{"python", "dotnet", "go"} {
		want := "  " + lang + ":\n    env:\n      - name: OTEL_EXPORTER_OTLP_ENDPOINT\n        value: http://otel-gateway-collector.monitoring.svc.cluster.local:4318\n"
		if !strings.Contains(out, want) {
			t.Errorf("%s has no OTLP/HTTP override:\n%s", lang, out)
		}
	}
	// The instrumentation rules (and every other) are silent.
	if f := lintAll(t, res.YAML); len(f) > 0 {
		t.Errorf("lint findings on the Instrumentation:\n%s", strings.Join(f, "\n"))
	}
	// So is lint on the collector and the Instrumentation together, as
	// `render operator --instrumentation` writes them.
	cr, err := operator.Render(context.Background(), &render.Input{File: "gateway.yaml", Config: cfg}, operator.Options{API: "v1beta1", Name: "otel-gateway", Namespace: "monitoring", Memory: "2Gi", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	both := append(append(append([]byte(nil), cr.CR...), "---\n"...), res.YAML...)
	for _, f := range lintAll(t, both) {
		if strings.Contains(f, "instrumentation") || strings.Contains(f, "Instrumentation") || strings.Contains(f, " error ") {
			t.Errorf("finding on the combined output: %s", f)
		}
	}
}

func TestInstrumentationSidecarAndHTTPOnly(t *testing.T) {
	sidecar := loadCfg(t, "../../../testdata/render/sidecar.yaml", nil)
	res, err := operator.Instrumentation(context.Background(), sidecar, operator.InstrumentationOptions{Name: "s", Namespace: "spring", Mode: "sidecar"})
	if err != nil {
		t.Fatal(err)
	}
	if res.GRPC != "http://localhost:4317" || res.HTTP != "" {
		t.Errorf("sidecar endpoints %q %q", res.GRPC, res.HTTP)
	}
	if f := lintAll(t, res.YAML); len(f) > 0 {
		t.Errorf("lint findings:\n%s", strings.Join(f, "\n"))
	}

	httpOnly := loadCfg(t, "h.yaml", []byte("receivers:\n  otlp:\n    protocols:\n      http:\n        endpoint: 0.0.0.0:4318\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n"))
	res, err = operator.Instrumentation(context.Background(), httpOnly, operator.InstrumentationOptions{Name: "h", Namespace: "apps", Mode: "deployment"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.YAML), "endpoint: http://h-collector.apps.svc.cluster.local:4318") || !strings.Contains(string(res.YAML), "http/protobuf") {
		t.Errorf("HTTP-only output:\n%s", res.YAML)
	}
	if f := lintAll(t, res.YAML); len(f) > 0 {
		t.Errorf("lint findings:\n%s", strings.Join(f, "\n"))
	}
}

func TestInstrumentationWithoutOTLP(t *testing.T) {
	cfg := loadCfg(t, "z.yaml", []byte("receivers:\n  zipkin:\n    endpoint: 0.0.0.0:9411\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [zipkin]\n      exporters: [debug]\n"))
	_, err := operator.Instrumentation(context.Background(), cfg, operator.InstrumentationOptions{Name: "z"})
	if err == nil || !strings.Contains(err.Error(), "no otlp receiver") {
		t.Fatalf("want a clear error, got %v", err)
	}
}

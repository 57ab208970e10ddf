package exact_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/inprocess"
	"github.com/otelcfg/otelcfg/internal/lint"
)

func helmRender(values *config.Node, file string) (*config.HelmResult, error) {
	res, err := chart.Render(values, file)
	if err != nil {
		return nil, err
	}
	return &config.HelmResult{Config: res.Config, Mode: res.Mode, Env: res.Env}, nil
}

func loadDocs(t *testing.T, file, src string, env map[string]string) []*config.Document {
	t.Helper()
	docs, err := config.LoadBytes(file, []byte(src), config.Options{Env: env, HelmRender: helmRender})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func render(fs []lint.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + " @" + f.Path + "\n")
	}
	return b.String()
}

// TestCheckKinds shows findings placed in every input kind: the key in a
// plain config, in Helm values merged over the chart's defaults, inside a
// v1alpha1 CR's config string and a ConfigMap's.
func TestCheckKinds(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            []string
	}{
		{"plain", "c.yaml", `exporters:
  otlp_grpc:
    endpoint: tempo:4317
    retry_on_failure:
      randomization_factor: 2
`, []string{"c.yaml:5:7: error component-config-invalid: exporters::otlp_grpc: retry_on_failure: 'randomization_factor' must be within [0, 1] @exporters.otlp_grpc.retry_on_failure.randomization_factor"}},
		{"helm values", "values.yaml", `mode: deployment
image:
  repository: otel/opentelemetry-collector-contrib
config:
  processors:
    batch:
      timeout: 5x
`, []string{"values.yaml:7:7: error component-config-invalid: processors::batch: 'timeout' time: unknown unit @config.processors.batch.timeout"}},
		{"v1alpha1 CR", "cr.yaml", `apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata:
  name: c
spec:
  config: |
    receivers:
      otlp:
        protocols:
          grpc:
    processors:
      attributes:
        actions:
          - key: env
            action: inset
            value: prod
    exporters:
      debug:
    service:
      pipelines:
        traces:
          receivers: [otlp]
          processors: [attributes]
          exporters: [debug]
`, []string{`cr.yaml:15:13: error component-create-failed: failed to create "attributes" processor, in pipeline "traces": error with key "env" (0-th action): error creating AttrProc due to unsupported action "inset" @spec.config.processors.attributes.actions[0].action`}},
		{"ConfigMap", "cm.yaml", `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  relay: |
    exporters:
      debug:
        verbosity: loud
`, []string{`cm.yaml:9:9: error component-config-invalid: exporters::debug: 'verbosity' unknown metrics level "loud" @data.relay.exporters.debug.verbosity`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, st, err := exact.Check(context.Background(), loadDocs(t, tc.file, tc.src, nil), exact.Options{Runner: inprocess.Runner()})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := render(fs), strings.Join(tc.want, "\n")+"\n"; got != want {
				t.Errorf("got:\n%swant:\n%s", got, want)
			}
			if st.Engine != "in-process engine (collector v0.158.0)" || len(st.Docs) != 1 || st.Docs[0].Reason != "" || len(st.Docs[0].Checked) == 0 {
				t.Errorf("status: %+v", st)
			}
		})
	}
}

func TestCheckEnv(t *testing.T) {
	src := `exporters:
  otlp_grpc:
    endpoint: ${env:ENDPOINT}
`
	// Unset: the collector would fail, but not because of the config.
	fs, _, err := exact.Check(context.Background(), loadDocs(t, "c.yaml", src, nil), exact.Options{Runner: inprocess.Runner()})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(fs); !strings.Contains(got, `c.yaml:3:5: info env-dependent-check: exporters::otlp_grpc: requires a non-empty "endpoint"; it depends on ${env:ENDPOINT}`) {
		t.Errorf("unset:\n%s", got)
	}
	// Given a bad value: an error.
	fs, _, _ = exact.Check(context.Background(), loadDocs(t, "c.yaml", src, map[string]string{"ENDPOINT": "tempo"}), exact.Options{Runner: inprocess.Runner()})
	if got := render(fs); !strings.Contains(got, "c.yaml:3:5: error component-config-invalid: exporters::otlp_grpc: clientconfig: address tempo: missing port in address") {
		t.Errorf("bad value:\n%s", got)
	}
	// Given a good one: nothing.
	fs, _, _ = exact.Check(context.Background(), loadDocs(t, "c.yaml", src, map[string]string{"ENDPOINT": "tempo:4317"}), exact.Options{Runner: inprocess.Runner()})
	if len(fs) != 0 {
		t.Errorf("good value:\n%s", render(fs))
	}
}

func TestCheckStatus(t *testing.T) {
	docs := loadDocs(t, "c.yaml", `receivers:
  kafka:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp, kafka]
      exporters: [debug]
---
apiVersion: apps/v1
kind: Deployment
`, nil)
	fs, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: inprocess.Runner(), NoStart: true})
	if err != nil || len(fs) != 0 {
		t.Fatalf("err %v, findings:\n%s", err, render(fs))
	}
	d := st.Docs[0]
	if strings.Join(d.NotCompiled, ",") != "receiver/kafka" || strings.Join(d.Checked, ",") != "exporter/debug,receiver/otlp,service/telemetry" {
		t.Errorf("status: %+v", d)
	}
	if !strings.Contains(strings.Join(d.Skipped, ","), "start: not requested") {
		t.Errorf("skipped: %q", d.Skipped)
	}
	if st.Docs[1].Reason != "no collector config" {
		t.Errorf("second document: %+v", st.Docs[1])
	}
}

func TestCheckRunnerFails(t *testing.T) {
	docs := loadDocs(t, "c.yaml", "exporters:\n  debug:\n", nil)
	boom := errors.New("program crashed")
	fs, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: exact.RunnerFunc(func(context.Context, *exact.Request) (*exact.Response, error) {
		return nil, boom
	})})
	if !errors.Is(err, boom) || fs != nil || st.Docs[0].Reason != "program crashed" {
		t.Errorf("err %v, findings %v, status %+v", err, fs, st)
	}
	// A response that does not answer every config is refused.
	_, _, err = exact.Check(context.Background(), docs, exact.Options{Runner: exact.RunnerFunc(func(context.Context, *exact.Request) (*exact.Response, error) {
		return &exact.Response{Version: exact.ProtocolVersion}, nil
	})})
	if err == nil || !strings.Contains(err.Error(), "0 results for 1 configs") {
		t.Errorf("short response: %v", err)
	}
}

func TestDedup(t *testing.T) {
	at := config.Pos{File: "c.yaml", Line: 3, Col: 5}
	other := config.Pos{File: "c.yaml", Line: 4, Col: 5}
	existing := []lint.Finding{{Rule: "invalid-setting", Severity: lint.Error, Pos: at}, {Rule: "inline-secret", Severity: lint.Warning, Pos: other}}
	got := exact.Dedup(existing, []lint.Finding{
		{Rule: exact.RuleConfigInvalid, Severity: lint.Error, Pos: at},    // repeats invalid-setting: dropped
		{Rule: exact.RuleConfigInvalid, Severity: lint.Error, Pos: other}, // only a warning there: kept
		{Rule: exact.RuleEnvDependent, Severity: lint.Info, Pos: at},      // an info: kept
	})
	if len(got) != 2 || got[0].Pos != other || got[1].Rule != exact.RuleEnvDependent {
		t.Errorf("got %+v", got)
	}
}

// TestCheckEnvHelm gives a variable a value in Helm values: the value the
// loader typed (4317 is an int) reaches the collector's resolver as text,
// so a string setting gets "4317" (and its Validate the missing port).
func TestCheckEnvHelm(t *testing.T) {
	src := `mode: deployment
image:
  repository: otel/opentelemetry-collector-contrib
config:
  exporters:
    otlp_grpc:
      endpoint: ${env:PORT}
  service:
    pipelines:
      traces:
        exporters: [otlp_grpc]
`
	fs, _, err := exact.Check(context.Background(), loadDocs(t, "values.yaml", src, map[string]string{"PORT": "4317"}), exact.Options{Runner: inprocess.Runner()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := render(fs), "values.yaml:7:7: error component-config-invalid: exporters::otlp_grpc: clientconfig: address 4317: missing port in address @config.exporters.otlp_grpc.endpoint\n"; got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}

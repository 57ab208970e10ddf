package simulate

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

func mapString(m pcommon.Map) string {
	var kv []string
	for k, v := range m.All() {
		kv = append(kv, k+"="+v.AsString())
	}
	sort.Strings(kv)
	return strings.Join(kv, " ")
}

// OTEL_RESOURCE_ATTRIBUTES is read as the env detector reads it, odd
// inputs included; what it cannot read is an error.
func TestEnvResource(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string // attributes, or "error: …"
	}{
		{nil, ""},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "  "}, ""},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=1,b=2"}, "a=1 b=2"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": " a = 1 , b= x y ,c="}, "a=1 b=x y c="},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "team=shop%20core,path=%2Fx"}, "path=/x team=shop core"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=1,"}, "a=1"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=b=c"}, "a=b=c"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a,b=1"}, "a,b=1"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=1,,b=2"}, ",b=2 a=1"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "==1"}, "==1"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=1,a=2"}, "a=2"},
		{map[string]string{"OTEL_RESOURCE": "old=yes"}, "old=yes"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "new=yes", "OTEL_RESOURCE": "old=yes"}, "new=yes"},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=1,b"}, `error: invalid resource format, invalid text: "b"`},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "nothing"}, `error: invalid resource format: "nothing"`},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "=1"}, `error: invalid resource format: "=1"`},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=%zz"}, `error: invalid resource format in attribute: "a=%zz", err: invalid URL escape "%zz"`},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=é"}, `error: invalid resource format: "a=é"`},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=" + strings.Repeat("x", 257)}, "error: invalid resource format: \"a=" + strings.Repeat("x", 257) + "\""},
		{map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "a=" + strings.Repeat("x", 256)}, "a=" + strings.Repeat("x", 256)},
	} {
		m, err := envResource(tc.env)
		got := mapString(m)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.env, got, tc.want)
		}
	}
}

func resourceOf(t *testing.T, x *ExporterResult) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, l := range x.Lines {
		td, err := (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, rs := range td.ResourceSpans().All() {
			out[mapString(rs.Resource().Attributes())] += rs.ScopeSpans().At(0).Spans().Len()
		}
	}
	return out
}

// resource_detection adds the env detector's attributes from the replay's
// environment (replacing the resource's unless override is false), notes
// the detectors it cannot run, and a value the detector cannot read stops
// the replay at start, as it stops the collector.
func TestResourceDetection(t *testing.T) {
	cfg := writeConfig(t, `
receivers: {otlp: {protocols: {grpc: {}}}}
processors:
  resource_detection: {}
  resourcedetection/keep: {detectors: [env, system, ec2], override: false, system: {hostname_sources: [os]}, timeout: 2s}
exporters: {debug: {}, debug/keep: {}}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [resource_detection], exporters: [debug]}
    traces/keep: {receivers: [otlp], processors: [resourcedetection/keep], exporters: [debug/keep]}
`)
	rec := writeRecording(t, spanLine(1, 1, 0))
	env := map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "service.name=checkout,k8s.cluster.name=prod"}
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(resourceOf(t, exporter(t, res, "debug", "traces"))); got != "map[k8s.cluster.name=prod service.name=checkout:1]" {
		t.Errorf("override: %s", got)
	}
	if got := fmt.Sprint(resourceOf(t, exporter(t, res, "debug/keep", "traces"))); got != "map[k8s.cluster.name=prod service.name=cart:1]" {
		t.Errorf("override false: %s", got)
	}
	wantNote := "processor resourcedetection/keep: env detector applied from the replay's environment; not simulated: system, ec2 (what they would detect is not added)"
	if strings.Join(res.Notes, "\n") != wantNote {
		t.Errorf("notes %q", res.Notes)
	}
	if n := stage(t, pipe(t, res, "traces"), "resource_detection").Note; n != "env detector applied from the replay's environment" {
		t.Errorf("stage note %q", n)
	}

	// Nothing in the environment: nothing added, nothing noted.
	res, err = Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(resourceOf(t, exporter(t, res, "debug", "traces"))); got != "map[service.name=cart:1]" {
		t.Errorf("empty environment: %s", got)
	}

	_, err = Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{"OTEL_RESOURCE_ATTRIBUTES": "broken"}})
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `:4:3: starting processor resource_detection: env detector: invalid resource format: "broken"`) {
		t.Errorf("bad environment: %v", err)
	}
}

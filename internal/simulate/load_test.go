package simulate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func inputPath(name string) string { return cfgPath(filepath.Join("inputs", name)) }

// withAttr counts the items of resources (resourceOf) that have attr.
func withAttr(resources map[string]int, attr string) int {
	n := 0
	for r, items := range resources {
		if strings.Contains(" "+r+" ", " "+attr+" ") {
			n += items
		}
	}
	return n
}

// replayKind replays traces.jsonl through config with env.
func replayKind(t *testing.T, config string, env map[string]string) *Result {
	t.Helper()
	res, err := Run(t.Context(), Options{Config: config, Inputs: []string{cfgPath("traces.jsonl")}, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Helm values replay as lint reads them: the chart's default config
// (memory_limiter, batch, otlp, debug), its preset's receiver, null
// deletion, and the pod's extraEnvs for ${env:...} — which the replay's
// own environment overrides.
func TestHelmValues(t *testing.T) {
	res := replayKind(t, inputPath("helm-values.yaml"), map[string]string{})
	var stages []string
	for _, st := range pipe(t, res, "traces").Stages {
		stages = append(stages, st.Component)
	}
	if got := strings.Join(stages, " "); got != "receivers memory_limiter attributes/env batch" {
		t.Errorf("traces stages %q", got)
	}
	if got := strings.Join(pipe(t, res, "logs").Receivers, ", "); got != "otlp (replay), file_log (replay)" {
		// The chart renames filelog (rewriteDeprecatedComponentNames).
		t.Errorf("logs receivers %q (the logsCollection preset adds filelog)", got)
	}
	if got := strings.Join(pipe(t, res, "metrics").Receivers, ", "); got != "otlp (replay)" {
		t.Errorf("metrics receivers %q", got)
	}
	if got := spanValues(t, exporter(t, res, "debug", "traces"), "deployment.environment.name"); len(got) != 1 || got["staging"] != 3 {
		t.Errorf("deployment.environment.name from the pod's extraEnvs: %v", got)
	}
	res = replayKind(t, inputPath("helm-values.yaml"), map[string]string{"DEPLOY_ENV": "local"})
	if got := spanValues(t, exporter(t, res, "debug", "traces"), "deployment.environment.name"); got["local"] != 3 {
		t.Errorf("the replay's environment wins over the pod's: %v", got)
	}
}

// Values that otelcfg render helm writes replay (they rely on the chart's
// receivers section, with its null deletions).
func TestRenderedHelmValues(t *testing.T) {
	res := replayKind(t, filepath.Join("..", "..", "testdata", "render", "gateway.values.golden.yaml"), map[string]string{})
	if p := pipe(t, res, "traces"); p.Stages[0].In != 3 {
		t.Errorf("traces in %d, want 3", p.Stages[0].In)
	}
}

// A parent chart's values hold the collector chart's under its key.
func TestUmbrellaValues(t *testing.T) {
	res := replayKind(t, inputPath("umbrella-values.yaml"), map[string]string{})
	if got := resourceOf(t, exporter(t, res, "debug", "traces")); withAttr(got, "team=shop") != 3 {
		t.Errorf("resources %v", got)
	}
}

// OpenTelemetryCollector resources (v1alpha1's string config, v1beta1's
// structured one, the pod's spec.env) and ConfigMaps, from a file or
// standard input.
func TestResourcesAndConfigMaps(t *testing.T) {
	res := replayKind(t, inputPath("cr-v1alpha1.yaml"), map[string]string{})
	if st := stage(t, pipe(t, res, "traces"), "filter/health"); st.In != 3 || st.Dropped != 1 {
		t.Errorf("filter/health in %d dropped %d", st.In, st.Dropped)
	}
	if got := resourceOf(t, exporter(t, res, "debug", "traces")); withAttr(got, "k8s.cluster.name=prod-eu") != 2 {
		t.Errorf("resource_detection's env detector reads the CR's spec.env: %v", got)
	}
	res = replayKind(t, inputPath("cr-v1beta1.yaml"), map[string]string{})
	if got := spanValues(t, exporter(t, res, "debug", "traces"), "deployment.environment.name"); got["prod"] != 3 {
		t.Errorf("v1beta1: %v", got)
	}
	res = replayKind(t, inputPath("configmap.yaml"), map[string]string{})
	if st := stage(t, pipe(t, res, "traces"), "filter/health"); st.Dropped != 1 {
		t.Errorf("ConfigMap: filter/health dropped %d", st.Dropped)
	}
	data, err := os.ReadFile(inputPath("configmap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err = Run(t.Context(), Options{Config: "-", Stdin: strings.NewReader(string(data)), Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}})
	if err != nil || stage(t, pipe(t, res, "traces"), "filter/health").Dropped != 1 {
		t.Errorf("standard input: %v", err)
	}
	if _, err := Run(t.Context(), Options{Config: inputPath("configmap.yaml"), Kind: "bogus", Inputs: []string{cfgPath("traces.jsonl")}}); err == nil || !strings.Contains(err.Error(), `--kind "bogus"`) {
		t.Errorf("bad kind: %v", err)
	}
}

// A config otelcfg lint rejects is refused with lint's error findings,
// positioned and with their rule IDs; its warnings do not refuse it.
func TestLintRejects(t *testing.T) {
	cfg := inputPath("helm-deleted-default.yaml")
	_, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}})
	var ce *ConfigError
	if !errors.As(err, &ce) || len(ce.Findings) == 0 {
		t.Fatalf("want lint's findings, got %v", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, cfg+": the config is rejected by otelcfg lint (") || !strings.Contains(msg, "\n"+cfg+":6:1: error undefined-component: ") || !strings.Contains(msg, `"batch"`) {
		t.Errorf("message:\n%s", msg)
	}
	for _, f := range ce.Findings {
		if f.Rule == "" || f.Pos.Line == 0 {
			t.Errorf("finding without rule or position: %+v", f)
		}
	}
	// A warning (an unused component) is not a rejection.
	warn := writeConfig(t, `receivers: {otlp: {protocols: {grpc: {}}}}
processors: {batch: {}}
exporters: {debug: {}}
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [debug]}
`)
	if _, err := Run(t.Context(), Options{Config: warn, Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}}); err != nil {
		t.Errorf("a config with warnings: %v", err)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func td(name string) string { return filepath.Join("..", "..", "testdata", "simulate", name) }

func TestCLI(t *testing.T) {
	out := t.TempDir()
	badCfg := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badCfg, []byte("receivers: {otlp: {protocols: {grpc: {}}}}\nconnectors: {servicegraph: {}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces: {receivers: [otlp], exporters: [servicegraph]}\n    metrics: {receivers: [servicegraph], exporters: [debug]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"--list"}, 0, "span_metrics (spanmetrics)", ""},
		{[]string{"--list"}, 0, "delta_to_cumulative (deltatocumulative)", ""},
		{[]string{"--list"}, 0, "metrics_transform (metricstransform)", ""},
		{[]string{"--list", "--format", "json"}, 0, `"module": "github.com/open-telemetry/opentelemetry-collector-contrib/processor/deltatocumulativeprocessor@v0.158.0"`, ""},
		{[]string{"--list", "--format", "json"}, 0, `"type": "tail_sampling"`, ""},
		{[]string{td("gateway.yaml")}, 2, "", "no recording"},
		{[]string{}, 2, "", "missing CONFIG"},
		{[]string{td("gateway.yaml"), "-i", td("traces.jsonl"), "--format", "xml"}, 2, "", "--format"},
		{[]string{td("gateway.yaml"), "-i", td("corrupt.jsonl")}, 2, "", "corrupt.jsonl:3:"},
		{[]string{td("gateway.yaml"), "-i", td("nope.jsonl")}, 2, "", "nope.jsonl"},
		{[]string{badCfg, "-i", td("traces.jsonl")}, 1, "", `connector "servicegraph" is not replayed by otelcfg-collector`},
		{[]string{td("gateway.yaml"), "-i", td("traces.jsonl"), td("logs.jsonl"), "--out", out}, 0, "otlp_http/loki", ""},
		{[]string{td("gateway.yaml"), "-i", td("traces.jsonl"), "--signal", "traces", "--format", "json"}, 0, `"id": "otlp/trace"`, ""},
	} {
		io, _, stdout, stderr := iostreams.Test()
		code := run(io, append([]string{"simulate"}, tc.args...))
		if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%v: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.args, code, tc.code, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "otlp_http_loki.logs.jsonl")); err != nil {
		t.Errorf("--out: %v", err)
	}
}

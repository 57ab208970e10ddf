package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// --env and --env-file make the replay's environment: resource_detection's
// env detector reads OTEL_RESOURCE_ATTRIBUTES from it, ${env:VAR} too; a
// malformed one is a usage error naming it.
func TestEnvFlags(t *testing.T) {
	// The process environment is the base: none of this machine's.
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "")
	t.Setenv("OTEL_RESOURCE", "")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte(`receivers: {otlp: {protocols: {grpc: {}}}}
processors:
  resource_detection: {detectors: [env]}
  attributes: {actions: [{key: from.env, value: "${env:FROM_FILE}", action: insert}]}
exporters: {debug: {}}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [resource_detection, attributes], exporters: [debug]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	envFile := filepath.Join(dir, "env")
	if err := os.WriteFile(envFile, []byte("# the pod's environment\n\nexport FROM_FILE='file value'\nOTEL_RESOURCE_ATTRIBUTES=k8s.cluster.name=from-file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badFile := filepath.Join(dir, "bad")
	if err := os.WriteFile(badFile, []byte("OK=1\nnot a pair\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		args         []string
		code         int
		stderr       string
		want, absent []string // in the exporter's output
	}{
		{[]string{"--env-file", envFile}, 0, "",
			[]string{`{"key":"k8s.cluster.name","value":{"stringValue":"from-file"}}`, `{"key":"from.env","value":{"stringValue":"file value"}}`}, nil},
		{[]string{"--env-file", envFile, "--env", "OTEL_RESOURCE_ATTRIBUTES=k8s.cluster.name=from-flag"}, 0, "",
			[]string{`"stringValue":"from-flag"`, `"stringValue":"file value"`}, []string{"from-file"}},
		{[]string{"--env", "FROM_FILE=x"}, 0, "", []string{`"stringValue":"x"`}, []string{"k8s.cluster.name"}},
		{[]string{"--env", "nokey"}, 2, `--env "nokey": want KEY=VALUE`, nil, nil},
		{[]string{"--env-file", badFile}, 2, badFile + ":2: want KEY=VALUE", nil, nil},
		{[]string{"--env-file", filepath.Join(dir, "missing")}, 2, "--env-file: open", nil, nil},
		{[]string{"--env", "OTEL_RESOURCE_ATTRIBUTES=broken"}, 1, `starting processor resource_detection: env detector: invalid resource format: "broken"`, nil, nil},
	} {
		os.RemoveAll(out)
		io, _, stdout, stderr := iostreams.Test()
		args := append([]string{"simulate", cfg, "-i", td("traces.jsonl"), "--out", out}, tc.args...)
		code := run(io, args)
		if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%v: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.args, code, tc.code, stdout, stderr)
			continue
		}
		if code != 0 {
			continue
		}
		got, err := os.ReadFile(filepath.Join(out, "debug.traces.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%v: output lacks %s", tc.args, w)
			}
		}
		for _, a := range tc.absent {
			if strings.Contains(string(got), a) {
				t.Errorf("%v: output has %s", tc.args, a)
			}
		}
	}
}

package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestTestCommand(t *testing.T) {
	tests := filepath.Join("..", "..", "testdata", "simulate", "tests")
	for _, tc := range []struct {
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{[]string{"test", filepath.Join(tests, "pass")}, 0, []string{"3 tests: 3 passed, 0 failed", "PASS  ../../testdata/simulate/tests/pass/pipelines.yaml:38: redaction"}, ""},
		{[]string{"test", filepath.Join(tests, "fail")}, 1, []string{
			"FAIL  ../../testdata/simulate/tests/fail/failing.yaml:9: expects the filter to keep health checks",
			"pipeline traces stage filter/health dropped (line 13)\n        expected: 0 spans\n        received: 1 span\n",
			"exporter otlp/checkout (traces) absent deployment.environment (line 16)\n        expected: on no span\n        received: on 1 of 1, e.g. span \"POST /cart\" of service checkout with deployment.environment=test",
			"present user.email (line 26)\n        expected: on every span\n        received: missing on 1 of 1",
			"no_output_from debug (line 28)\n        expected: nothing\n        received: 2 log records (logs) in 1 batches",
			"3 tests: 1 passed, 2 failed",
		}, ""},
		{[]string{"test", filepath.Join(tests, "fail"), "--format", "json"}, 1, []string{`"failed": 2`, `"expected": "on every span"`}, ""},
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad.yaml:6: expect: unknown key \"cuont\""},
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad.yaml:3: input: stat"},
		{[]string{"test"}, 2, nil, "no test files"},
		{[]string{"test", filepath.Join(tests, "pass"), "--format", "tap"}, 2, nil, "--format"},
	} {
		io, _, stdout, stderr := iostreams.Test()
		code := run(io, tc.args)
		ok := code == tc.code && strings.Contains(stderr.String(), tc.stderr)
		for _, s := range tc.stdout {
			ok = ok && strings.Contains(stdout.String(), s)
		}
		if !ok {
			t.Errorf("%v: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.args, code, tc.code, stdout, stderr)
		}
	}
}

// The JUnit report of the failing suite, byte for byte (it has no times).
func TestTestJUnitGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "simulate", "tests")
	golden := filepath.Join(dir, "fail.junit.xml")
	var outs [2][]byte
	for i := range outs {
		io, _, stdout, stderr := iostreams.Test()
		if code := run(io, []string{"test", filepath.Join(dir, "fail"), "--format", "junit"}); code != 1 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		outs[i] = stdout.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs differ")
	}
	if *update {
		if err := os.WriteFile(golden, outs[0], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(outs[0], want) {
		t.Errorf("junit output differs from %s (go test -update to rewrite):\n%s", golden, outs[0])
	}
	// -o writes the same report to a file.
	out := filepath.Join(t.TempDir(), "report.xml")
	io, _, _, _ := iostreams.Test()
	run(io, []string{"test", filepath.Join(dir, "fail"), "--format", "junit", "-o", out})
	if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
		t.Errorf("-o: %s", got)
	}
}

func TestSynthCommand(t *testing.T) {
	var outs [2]string
	for i := range outs {
		io, _, stdout, stderr := iostreams.Test()
		if code := run(io, []string{"synth", "--signal", "traces", "--count", "50", "--seed", "3"}); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		outs[i] = stdout.String()
	}
	if outs[0] != outs[1] || !strings.Contains(outs[0], `"http.request.method"`) {
		t.Errorf("synth output differs between runs or lacks attributes")
	}
	// The recording replays through the seed gateway.
	rec := filepath.Join(t.TempDir(), "traces.jsonl")
	io, _, _, stderr := iostreams.Test()
	if code := run(io, []string{"synth", "--signal", "traces", "--count", "50", "--seed", "3", "-o", rec}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	io, _, stdout, stderr := iostreams.Test()
	if code := run(io, []string{td("gateway.yaml"), "-i", rec}); code != 0 || !strings.Contains(stdout.String(), "to debug, otlp/trace: 50 spans") {
		t.Errorf("replay: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, args := range [][]string{{"synth"}, {"synth", "--signal", "profiles"}, {"synth", "--signal", "logs", "--count", "-1"}} {
		io, _, _, stderr := iostreams.Test()
		if code := run(io, args); code != 2 || !strings.Contains(stderr.String(), "otelcfg synth:") {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}

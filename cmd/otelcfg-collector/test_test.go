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
		{[]string{"test", filepath.Join(tests, "pass")}, 0, []string{
			"8 tests: 8 passed, 0 failed",
			"PASS  ../../testdata/simulate/tests/pass/pipelines.yaml:55: redaction",
			"PASS  ../../testdata/simulate/tests/pass/constraints.yaml:2: redaction removes user.email from every span",
			"PASS  ../../testdata/simulate/tests/pass/constraints.yaml:22: the gauge",
			"PASS  ../../testdata/simulate/tests/pass/constraints.yaml:37: logs get",
			"PASS  ../../testdata/simulate/tests/pass/constraints.cue:25: redaction removes user.email and masks card numbers (CUE)",
		}, ""},
		// A single CUE file, and the same constraint as in pass/ failing
		// without redaction (text: the constraint, failed of how many, the
		// items with what they have).
		{[]string{"test", filepath.Join(tests, "pass", "constraints.cue")}, 0, []string{"1 tests: 1 passed, 0 failed"}, ""},
		// Expectations on what a stage hands on.
		{[]string{"test", filepath.Join(tests, "fail", "stages.yaml")}, 1, []string{
			"      pipeline traces stage filter/health present deployment.environment (line 7)\n" +
				"        expected: on every span\n" +
				"        received: missing on 2 of 2, e.g. span \"GET /items\" of service cart\n",
			"      pipeline traces stage filter/health any_item (line 10, constraint at line 12)\n" +
				"        expected: some span with attributes[\"http.route\"]: \"/healthz\"\n" +
				"        received: none of 2 spans\n",
		}, ""},
		// --run selects tests by name; a pattern matching none is an error.
		{[]string{"test", filepath.Join(tests, "pass"), "--run", "^redaction"}, 0, []string{"3 tests: 3 passed, 0 failed", "(CUE)"}, ""},
		{[]string{"test", filepath.Join(tests, "pass"), "--run", "^nothing here"}, 2, nil, `--run "^nothing here" matches none of the 8 tests`},
		{[]string{"test", filepath.Join(tests, "pass"), "--run", "("}, 2, nil, `--run "(": error parsing regexp`},
		{[]string{"test", filepath.Join(tests, "fail", "constraints.yaml")}, 1, []string{
			"FAIL  ../../testdata/simulate/tests/fail/constraints.yaml:2: without redaction user.email reaches the backend\n" +
				"      exporter otlp/other (traces) items attributes[\"user.email\"] (line 13, constraint at line 15)\n" +
				"        expected: every span: attributes[\"user.email\"]: _|_ (no value)\n" +
				"        received: failed on 1 of 1 span\n" +
				"          - span \"POST /charge\" of service payment: got \"ann@example.com\"\n",
			"        expected: every span: attributes[\"http.response.status_code\"]?: >=200 & <300 (where it has a value)\n" +
				"        received: failed on 1 of 1 span\n" +
				"          - span \"POST /charge\" of service payment: got 502 (invalid value 502 (out of bound <300))\n",
			"      exporter debug (logs) any_item (line 23, constraint at line 26)\n" +
				"        expected: some log record with severity_text: \"WARN\"\n" +
				"        received: none of 2 log records\n" +
				"          - log record \"order placed\" of service checkout fails severity_text: \"WARN\": got \"INFO\" (conflicting values \"WARN\" and \"INFO\")\n",
			"2 tests: 0 passed, 2 failed",
		}, ""},
		{[]string{"test", filepath.Join(tests, "fail", "constraints.cue")}, 1, []string{
			"      exporter otlp/other (traces) items status.code (line 6, constraint at line 8)\n" +
				"        expected: every span: status.code: \"Ok\"\n" +
				"        received: failed on 1 of 1 span\n" +
				"          - span \"GET /items\" of service cart: got \"Error\" (conflicting values \"Ok\" and \"Error\")\n",
		}, ""},
		{[]string{"test", filepath.Join(tests, "fail"), "--format", "json"}, 1, []string{
			`"constraint": "attributes[\"user.email\"]: _|_"`, `"constraint_line": 15`, `"failed_items": 1`, `"total_items": 1`,
			`"item": "span \"POST /charge\" of service payment"`, `"got": "\"ann@example.com\""`,
		}, ""},
		{[]string{"test", filepath.Join(tests, "fail")}, 1, []string{
			"FAIL  ../../testdata/simulate/tests/fail/failing.yaml:9: expects the filter to keep health checks",
			"pipeline traces stage filter/health dropped (line 13)\n        expected: 0 spans\n        received: 1 span\n",
			"exporter otlp/checkout (traces) absent deployment.environment (line 16)\n        expected: on no span\n        received: on 1 of 1, e.g. span \"POST /cart\" of service checkout with deployment.environment=test",
			"present user.email (line 26)\n        expected: on every span\n        received: missing on 1 of 1",
			"no_output_from debug (line 28)\n        expected: nothing\n        received: 2 log records (logs) in 1 batches",
			"7 tests: 1 passed, 6 failed",
		}, ""},
		{[]string{"test", filepath.Join(tests, "fail"), "--format", "json"}, 1, []string{`"failed": 6`, `"expected": "on every span"`}, ""},
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad.yaml:6: expect: unknown key \"cuont\""},
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad.yaml:3: input: stat"},
		// CUE syntax errors in constraints and bad .cue files: file:line.
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad/constraint.yaml:7: items: attributes[\"user.email\": not a CUE expression: expected ']', found 'EOF'\n" +
			"../../testdata/simulate/tests/bad/constraint.yaml:8: items: body: constraint =~\"^order: not CUE: string literal not terminated\n" +
			"../../testdata/simulate/tests/bad/constraint.yaml:9: items: severity_text: constraint INFO: reference \"INFO\" not found (a CUE string needs its own quotes inside YAML's: '\"INFO\"')\n"},
		{[]string{"test", filepath.Join(tests, "bad")}, 2, nil, "bad/broken.cue:7: tests[0].expect[0].count: conflicting values 2 and 1\n" +
			"../../testdata/simulate/tests/bad/broken.cue:8: items: severity_number: conflicting values \"x\" and >=9 (mismatched types string and number)\n"},
		{[]string{"test", filepath.Join(tests, "bad", "syntax.cue")}, 2, nil, "bad/syntax.cue:3: not CUE: expected operand, found '}'"},
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
	if code := run(io, []string{"simulate", td("gateway.yaml"), "-i", rec}); code != 0 || !strings.Contains(stdout.String(), "to debug, otlp/trace: 50 spans") {
		t.Errorf("replay: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, args := range [][]string{{"synth"}, {"synth", "--signal", "profiles"}, {"synth", "--signal", "logs", "--count", "-1"}} {
		io, _, _, stderr := iostreams.Test()
		if code := run(io, args); code != 2 || !strings.Contains(stderr.String(), "otelcfg synth:") {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}

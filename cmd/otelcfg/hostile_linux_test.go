//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// maxChildRSS is the most memory one otelcfg run may take on any input.
const maxChildRSS = 1 << 30

// runMeasured runs PROG ARGS in dir with a timeout and returns its exit
// code, stderr and peak resident set size in bytes. A timeout, a signal or
// a Go panic trace fails the test.
func runMeasured(t *testing.T, dir string, timeout time.Duration, env []string, prog string, args ...string) (code int, stderr string, rss int64, took time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = new(bytes.Buffer), &errb
	start := time.Now()
	err := cmd.Run()
	took = time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("%s %v: no result within %v (a hang?)", prog, args, timeout)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%s %v: %v", prog, args, err)
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		t.Fatalf("%s %v: killed by %v\n%s", prog, args, ws.Signal(), errb.String())
	}
	stderr = errb.String()
	if strings.Contains(stderr, "goroutine ") && strings.Contains(stderr, "panic") {
		t.Fatalf("%s %v panicked:\n%s", prog, args, stderr)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cmd.ProcessState.ExitCode(), stderr, ru.Maxrss * 1024, took // Maxrss is in KiB on Linux
}

// TestHostileMemory runs otelcfg lint as a separate process on the worst
// hostile inputs and checks that each ends with exit 1 (a finding) or 2
// (refused input) within a minute, without a panic and under 1 GiB.
func TestHostileMemory(t *testing.T) {
	prog, err := exec.LookPath("otelcfg") // set up on PATH by testscript.Main
	if err != nil {
		t.Skip("otelcfg test command not on PATH:", err)
	}
	dir := t.TempDir()
	gen := func(kind, name string, mib int) {
		data, err := hostileInput(kind, mib)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 100 MiB, written in pieces: a child's max RSS starts at the parent's
	// peak (it is forked from it), so the test itself stays small.
	nine, err := hostileInput("big", 9)
	if err != nil {
		t.Fatal(err)
	}
	huge, err := os.Create(filepath.Join(dir, "huge.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for range 100 / 9 {
		if _, err := huge.Write(nine); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := huge.Write(nine[:100<<20-(100/9)*len(nine)]); err != nil {
		t.Fatal(err)
	}
	if err := huge.Close(); err != nil {
		t.Fatal(err)
	}
	gen("big", "nine.yaml", 9)
	gen("bomb", "bomb.yaml", 0)
	gen("deep", "deep.yaml", 0)
	gen("deepflow", "deepflow.yaml", 0)
	gen("protobuf", "otlp.yaml", 0)
	gen("pbtext", "pbtext.yaml", 0)
	gen("binary", "junk.yaml", 0)
	// The most nodes that fit under the size limit: an 8 MiB flow sequence.
	wide := []byte("receivers: [")
	for len(wide) < 8<<20-16 {
		wide = append(wide, "1,"...)
	}
	wide = append(wide, "1]\n"...)
	if err := os.WriteFile(filepath.Join(dir, "wide.yaml"), wide, 0o644); err != nil {
		t.Fatal(err)
	}
	// Aliases to a big sequence: few bytes, many nodes after expansion.
	fan := []byte("a: &a [" + strings.TrimSuffix(strings.Repeat("x,", 50000), ",") + "]\nreceivers:\n")
	for i := 0; i < 2000; i++ {
		fan = append(fan, "  - *a\n"...)
	}
	if err := os.WriteFile(filepath.Join(dir, "fan.yaml"), fan, 0o644); err != nil {
		t.Fatal(err)
	}
	// Millions of short lines, and duplicate keys just under the node limit.
	if err := os.WriteFile(filepath.Join(dir, "lines.yaml"), []byte("receivers:\n"+strings.Repeat("- \n", 8<<20/3-8)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dupkeys.yaml"), []byte("receivers:\n"+strings.Repeat("  a:\n", 499_000)), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		args    []string
		code    int
		fast    bool // refused before parsing: must take well under a second
		wantErr string
	}{
		{[]string{"lint", "huge.yaml"}, 2, true, "huge.yaml: larger than 8 MiB"},
		{[]string{"lint", "--max-size", "10", "nine.yaml"}, 1, false, ""},
		{[]string{"lint", "bomb.yaml"}, 2, false, "bomb.yaml:2:4: more than 524288 YAML nodes"},
		{[]string{"lint", "deep.yaml"}, 2, false, "nested deeper than 200 levels"},
		{[]string{"lint", "deepflow.yaml"}, 1, false, ""},
		{[]string{"lint", "wide.yaml"}, 2, true, "wide.yaml:1:1048588: more than 524288 YAML nodes"},
		{[]string{"lint", "fan.yaml"}, 2, false, "fan.yaml:1:48532: more than 524288 YAML nodes"},
		{[]string{"lint", "lines.yaml"}, 2, true, "more than 524288 YAML nodes"},
		{[]string{"lint", "dupkeys.yaml"}, 1, false, ""},
		{[]string{"lint", "otlp.yaml"}, 2, true, "otlp.yaml: binary data"},
		{[]string{"lint", "pbtext.yaml"}, 1, false, ""},
		{[]string{"lint", "junk.yaml"}, 2, true, "junk.yaml: binary data"},
		{[]string{"lint", "--format", "sarif", "deepflow.yaml", "dupkeys.yaml", "pbtext.yaml"}, 1, false, ""},
		{[]string{"lint", "--format", "sarif", "deepflow.yaml", "dupkeys.yaml", "bomb.yaml"}, 2, false, "bomb.yaml:2:4: more than"},
	} {
		code, stderr, rss, took := runMeasured(t, dir, time.Minute, nil, prog, tc.args...)
		t.Logf("otelcfg %s: exit %d, max RSS %.1f MiB, %v", strings.Join(tc.args, " "), code, float64(rss)/(1<<20), took.Round(time.Millisecond))
		if code != tc.code {
			t.Errorf("otelcfg %v: exit %d, want %d\n%s", tc.args, code, tc.code, stderr)
		}
		if !strings.Contains(stderr, tc.wantErr) {
			t.Errorf("otelcfg %v: stderr %q does not contain %q", tc.args, stderr, tc.wantErr)
		}
		if rss >= maxChildRSS {
			t.Errorf("otelcfg %v: max RSS %d MiB, want < 1 GiB", tc.args, rss>>20)
		}
		if tc.fast && took > 10*time.Second {
			t.Errorf("otelcfg %v took %v: a refused input must end quickly", tc.args, took)
		}
	}
}

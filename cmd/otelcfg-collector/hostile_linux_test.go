//go:build linux

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHostileRecordingMemory replays hostile recordings in a separate
// process (this test binary as otelcfg-collector) and checks that each ends
// within a minute, without a panic and under 1 GiB of memory.
func TestHostileRecordingMemory(t *testing.T) {
	prog, err := exec.LookPath("otelcfg-collector") // set up on PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, parts ...[]byte) {
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Join(parts, nil), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 100 MiB of real records, written in pieces to keep this process
	// small (a child's max RSS starts at the parent's peak).
	rec, err := os.ReadFile(td("traces.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat(rec, 1<<20/len(rec)+1)
	f, err := os.Create(filepath.Join(dir, "huge.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < 100<<20; n += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// 30 MiB of empty resources: 10 million objects from 3 bytes each.
	write("empties.jsonl", []byte(`{"resourceSpans":[`), bytes.Repeat([]byte("{},"), 10<<20), []byte("{}]}\n"))
	// Attribute values nested 1500 deep (valid), and nesting past the
	// JSON decoder's limit.
	deep := func(n int) []byte {
		return []byte(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":` + strings.Repeat(`{"arrayValue":{"values":[`, n) + `{"stringValue":"x"}` + strings.Repeat(`]}}`, n) + "}]}]}]}\n")
	}
	write("deep.jsonl", bytes.Repeat(deep(1500), 20))
	write("deeper.jsonl", deep(5000))
	// Binary protobuf-like bytes, invalid UTF-8 and NULs in a line.
	write("binary.jsonl", []byte("\x0a\x8c\x01\x0a\x1d\x0a\x0c\x73\x65\x72\x76\x69\x63\x65\x2e\x6e\x61\x6d\x65\x12\x0d\x00\xff\xfe"))
	write("badutf8.jsonl", rec, []byte("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"\xff\x00\"}}]}]}]}\n"))

	cfg, err := filepath.Abs(td("gateway.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		input   string
		code    int
		wantErr string
	}{
		{"huge.jsonl", 0, ""}, // streamed: replays, in bounded memory
		{"empties.jsonl", 2, "empties.jsonl:1: more than 1000000 JSON objects in one request"},
		{"deep.jsonl", 0, ""},
		{"deeper.jsonl", 2, "deeper.jsonl:1:"},
		{"binary.jsonl", 2, "binary.jsonl:2: not OTLP JSON"},
		{"badutf8.jsonl", -1, ""},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, prog, "simulate", cfg, "--input", tc.input)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = new(bytes.Buffer), &stderr
		start := time.Now()
		_ = cmd.Run()
		took := time.Since(start)
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Fatalf("%s: no result within a minute (a hang?)", tc.input)
		}
		ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			t.Fatalf("%s: killed by %v\n%s", tc.input, ws.Signal(), stderr.String())
		}
		if s := stderr.String(); strings.Contains(s, "goroutine ") && strings.Contains(s, "panic") {
			t.Fatalf("%s: panic\n%s", tc.input, s)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // KiB on Linux
		code := cmd.ProcessState.ExitCode()
		t.Logf("otelcfg simulate -i %s: exit %d, max RSS %.1f MiB, %v", tc.input, code, float64(rss)/(1<<20), took.Round(time.Millisecond))
		if tc.code >= 0 && code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", tc.input, code, tc.code, stderr.String())
		}
		if code != 0 && code != 2 {
			t.Errorf("%s: exit %d, want 0 or 2\n%s", tc.input, code, stderr.String())
		}
		if !strings.Contains(stderr.String(), tc.wantErr) {
			t.Errorf("%s: stderr %q does not contain %q", tc.input, stderr.String(), tc.wantErr)
		}
		if rss >= 1<<30 {
			t.Errorf("%s: max RSS %d MiB, want < 1 GiB", tc.input, rss>>20)
		}
		if tc.input == "huge.jsonl" && rss >= 300<<20 {
			t.Errorf("%s: max RSS %d MiB, want < 300 MiB: a recording is streamed", tc.input, rss>>20)
		}
	}
}

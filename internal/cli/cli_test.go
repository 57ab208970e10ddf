package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func tree(run func(*cobra.Command, []string) error) *cobra.Command {
	root := &cobra.Command{Use: "otelcfg"}
	lint := &cobra.Command{Use: "lint", RunE: run}
	lint.Flags().Int64(MaxSizeFlag, 8, "")
	graph := &cobra.Command{Use: "graph", RunE: run}
	root.AddCommand(lint, graph)
	return root
}

func TestMainExitCodesAndMessages(t *testing.T) {
	limit := &config.LimitError{Path: "big.yaml", Kind: config.LimitSize, Limit: 8 << 20}
	for _, tc := range []struct {
		name   string
		args   []string
		err    error
		code   int
		stderr string
	}{
		{"ok", []string{"lint"}, nil, ExitOK, ""},
		{"failed, already reported", []string{"lint"}, Exit(ExitFailed, nil), ExitFailed, ""},
		{"failed with a message", []string{"graph"}, Failed(errors.New("no")), ExitFailed, "otelcfg graph: no\n"},
		{"plain error is usage", []string{"graph"}, errors.New("x.yaml: no such file"), ExitUsage, "otelcfg graph: x.yaml: no such file\n"},
		{"bad flag", []string{"lint", "--bogus"}, nil, ExitUsage, "otelcfg lint: unknown flag: --bogus (see otelcfg lint --help)\n"},
		{"limit names the flag that raises it", []string{"lint"}, limit, ExitUsage,
			"otelcfg lint: big.yaml: larger than 8 MiB: not read (a collector config is rarely over 1 MiB); --max-size raises the limit (in MiB) if this really is a collector config\n"},
		{"no such flag, no such advice", []string{"graph"}, limit, ExitUsage,
			"otelcfg graph: big.yaml: larger than 8 MiB: not read (a collector config is rarely over 1 MiB)\n"},
		{"a passed-on exit status", []string{"graph"}, Exit(3, nil), 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _, errOut := iostreams.Test()
			code := MainCompanion(tree(func(*cobra.Command, []string) error { return tc.err }), io, tc.args)
			if code != tc.code || errOut.String() != tc.stderr {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut, tc.code, tc.stderr)
			}
		})
	}
}

// TestMainPrefix: otelcfg's own messages start "otelcfg: ".
func TestMainPrefix(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	if code := Main(tree(func(*cobra.Command, []string) error { return errors.New("no") }), io, []string{"lint"}); code != ExitUsage || errOut.String() != "otelcfg: no\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestFindProgram: next to the executable first (one ".exe" on Windows,
// however often it is asked), then PATH.
func TestFindProgram(t *testing.T) {
	dir := t.TempDir()
	name := "otelcfg-fake-companion"
	file := name
	if runtime.GOOS == "windows" {
		file += ".exe"
	}
	if err := os.WriteFile(filepath.Join(dir, file), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := FindProgram(name); err == nil {
		t.Fatal("found a program that is nowhere")
	}
	t.Setenv("PATH", dir)
	p := Program{Name: name}
	for i := 0; i < 2; i++ {
		got, err := p.Path()
		if err != nil || filepath.Base(got) != file {
			t.Fatalf("lookup %d: %q, %v", i, got, err)
		}
	}
}

func TestMissingProgramSaysHowToInstall(t *testing.T) {
	msg := MissingProgram("render", RenderProgram, "v1.2.3")
	for _, want := range []string{"render needs the otelcfg-render program", "go install ./cmd/...", "go install github.com/otelcfg/otelcfg/cmd/...@v1.2.3"} {
		if !strings.Contains(msg, want) {
			t.Errorf("lacks %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(MissingProgram("simulate", CollectorProgram, "dev"), "/cmd/...@latest") {
		t.Error("a development build should install @latest")
	}
}

// TestRunPassesOnASignal: a program killed by a signal (SIGPIPE when its
// output is cut short by head) ends otelcfg with the shell's status for
// it, without a message.
func TestRunPassesOnASignal(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no /bin/sh")
	}
	p := Program{Name: "sh", Lookup: func() (string, error) { return "/bin/sh", nil }}
	io, _, _, errOut := iostreams.Test()
	err := p.Run(io, "simulate", "dev", []string{"-c", "kill -PIPE $$"})
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 128+13 || ee.Err != nil || errOut.Len() != 0 {
		t.Errorf("got %v, stderr %q", err, errOut)
	}
}

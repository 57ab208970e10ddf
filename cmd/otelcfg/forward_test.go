package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func missing() (string, error) { return "", errors.New("not found") }

func wantExit(t *testing.T, err error, code int) {
	t.Helper()
	var ee *cli.ExitError
	if !errors.As(err, &ee) || ee.Code != code {
		t.Fatalf("want exit %d, got %v", code, err)
	}
}

// TestForwardMissingProgram: a missing companion program is exit 2 with
// both ways to install it (from a clone, from the module proxy).
func TestForwardMissingProgram(t *testing.T) {
	for _, tc := range []struct{ command, program string }{
		{"render", cli.RenderProgram}, {"convert", cli.RenderProgram},
		{"simulate", cli.CollectorProgram}, {"test", cli.CollectorProgram}, {"synth", cli.CollectorProgram},
	} {
		io, _, _, errOut := iostreams.Test()
		err := runForward(&ForwardOptions{IO: io, Command: tc.command, Program: cli.Program{Name: tc.program, Lookup: missing}, Args: []string{"x.yaml"}})
		wantExit(t, err, cli.ExitUsage)
		for _, want := range []string{
			"otelcfg: " + tc.command + " needs the " + tc.program + " program",
			"go install ./cmd/...",
			"go install github.com/otelcfg/otelcfg/cmd/...@latest",
		} {
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("%s: message lacks %q:\n%s", tc.command, want, errOut)
			}
		}
	}
}

// TestForwardArgsAndExitCode: each command puts the program's command name
// first, passes the arguments as given, and passes the exit status on.
func TestForwardArgsAndExitCode(t *testing.T) {
	sh := "/bin/sh"
	if _, err := os.Stat(sh); err != nil {
		t.Skip("no /bin/sh")
	}
	for _, tc := range []struct {
		cmd  func(*iostreams.IOStreams, func(*ForwardOptions) error) *cobra.Command
		args []string
		want string
	}{
		{newCmdRender, []string{"helm", "x.yaml", "--memory", "1Gi"}, "render helm x.yaml --memory 1Gi"},
		{newCmdConvert, []string{"x.yaml", "--to", "v1beta1"}, "convert x.yaml --to v1beta1"},
		{newCmdSimulate, []string{"c.yaml", "--list"}, "simulate c.yaml --list"},
		{newCmdTest, []string{"t.yaml", "--format", "junit"}, "test t.yaml --format junit"},
		{newCmdSynth, []string{"--signal", "logs", "--count", "5"}, "synth --signal logs --count 5"},
	} {
		io, _, out, _ := iostreams.Test()
		var got *ForwardOptions
		c := tc.cmd(io, func(o *ForwardOptions) error { got = o; return nil })
		c.SetArgs(tc.args)
		if err := c.Execute(); err != nil || strings.Join(got.Args, " ") != tc.want {
			t.Fatalf("forwarded %q (%v), want %q", got.Args, err, tc.want)
		}
		// sh -c 'echo $0 $1; exit 3' echoes the first two arguments it is given.
		got.Program.Lookup = func() (string, error) { return sh, nil }
		got.Args = append([]string{"-c", "echo forwarded $0 $1; exit 3"}, got.Args...)
		wantExit(t, runForward(got), 3)
		if first := strings.Fields(tc.want); out.String() != "forwarded "+first[0]+" "+first[1]+"\n" {
			t.Errorf("stdout %q", out)
		}
	}
}

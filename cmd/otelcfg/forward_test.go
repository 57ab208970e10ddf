package main

import (
	"errors"
	"os"
	"path/filepath"
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

// TestForwardHelpFlags: --help and -h are the program's to answer, so they
// are passed on like any other argument.
func TestForwardHelpFlags(t *testing.T) {
	for _, cmd := range []func(*iostreams.IOStreams, func(*ForwardOptions) error) *cobra.Command{
		newCmdRender, newCmdConvert, newCmdSimulate, newCmdTest, newCmdSynth,
	} {
		for _, help := range []string{"--help", "-h"} {
			io, _, _, _ := iostreams.Test()
			var got *ForwardOptions
			c := cmd(io, func(o *ForwardOptions) error { got = o; return nil })
			c.SetArgs([]string{"x", help})
			if err := c.Execute(); err != nil || got == nil || got.Args[len(got.Args)-1] != help || got.Args[len(got.Args)-2] != "x" {
				t.Errorf("%s %s: forwarded %v (%v)", c.Name(), help, got, err)
			}
		}
	}
}

// fakeProgram is a companion program (a shell script) that echoes its
// arguments, answers version, and for __complete offers one flag.
func fakeProgram(t *testing.T) cli.Program {
	t.Helper()
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	path := filepath.Join(t.TempDir(), "otelcfg-fake")
	script := `#!/bin/sh
case "$1" in
__complete) shift; echo "args:$*"; printf -- '--memory\tcontainer memory limit\n:4\n' ;;
version) echo "otelcfg-fake dev" ;;
*) echo "ran: $*" ;;
esac
`
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return cli.Program{Name: "otelcfg-fake", For: "render", Lookup: func() (string, error) { return path, nil }}
}

func forwardRoot(io *iostreams.IOStreams, p cli.Program) *cobra.Command {
	root := &cobra.Command{Use: "otelcfg"}
	root.AddCommand(newCmdForward(io, forward{program: p, prefix: []string{"render"},
		use: "render (helm|operator) CONFIG [flags]", short: "Generate Helm values", long: "Generate deployment artefacts."}, nil))
	return root
}

// TestForwardHelp: `otelcfg render --help` and `otelcfg help render` show
// the program's help; without the program, otelcfg's own help of the
// command and how to install the program (exit 0: help was asked for).
func TestForwardHelp(t *testing.T) {
	p := fakeProgram(t)
	for _, args := range [][]string{{"render", "--help"}, {"help", "render"}} {
		io, _, out, errOut := iostreams.Test()
		if code := cli.Main(forwardRoot(io, p), io, args); code != cli.ExitOK || out.String() != "ran: render --help\n" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	missing := cli.Program{Name: "otelcfg-fake", Lookup: missing}
	for _, args := range [][]string{{"render", "helm", "-h"}, {"help", "render"}} {
		io, _, out, errOut := iostreams.Test()
		code := cli.Main(forwardRoot(io, missing), io, args)
		if code != cli.ExitOK || !strings.Contains(out.String(), "Usage:\n  otelcfg render (helm|operator) CONFIG [flags]") ||
			!strings.Contains(out.String(), "Runs the otelcfg-fake program") ||
			!strings.Contains(errOut.String(), "otelcfg: render needs the otelcfg-fake program") || !strings.Contains(errOut.String(), "go install ./cmd/...") {
			t.Errorf("%v without the program: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	// Not a request for help: a missing program is still exit 2.
	io, _, out, _ := iostreams.Test()
	if code := cli.Main(forwardRoot(io, missing), io, []string{"render", "helm", "c.yaml", "--", "-h"}); code != cli.ExitUsage || out.Len() != 0 {
		t.Errorf("-h after --: exit %d, stdout %q", code, out)
	}
}

// TestForwardCompletion: otelcfg's completion script asks otelcfg, which
// asks the program with the forwarded arguments and relays its answer.
func TestForwardCompletion(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	if code := cli.Main(forwardRoot(io, fakeProgram(t)), io, []string{"__complete", "render", "helm", "--me"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "args:render helm --me\n--memory\tcontainer memory limit\n:4\n"; out.String() != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	// Without the program: nothing, and the shell completes file names.
	io, _, out, _ = iostreams.Test()
	cli.Main(forwardRoot(io, cli.Program{Name: "otelcfg-fake", Lookup: missing}), io, []string{"__complete", "render", "helm", "--me"})
	if out.String() != ":0\n" {
		t.Errorf("without the program: %q", out)
	}
}

// TestVersionListsPrograms: otelcfg version says where each companion
// program is and its own version, or how to install it.
func TestVersionListsPrograms(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	root := &cobra.Command{Use: "otelcfg"}
	p := fakeProgram(t)
	path, _ := p.Path()
	other := p
	other.Name = "otelcfg-other"
	root.AddCommand(newCmdVersion(io, []cli.Program{p, other, {Name: "otelcfg-gone", For: "simulate and test", Lookup: missing}}))
	if code := cli.Main(root, io, []string{"version"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"\notelcfg-fake: " + path + " (otelcfg-fake dev)\n",
		"\notelcfg-other: " + path + " (otelcfg-fake dev), not otelcfg-other dev: install otelcfg's programs from one release\n",
		"\notelcfg-gone: not installed: simulate and test need it (go install ./cmd/... in a clone of otelcfg, or go install github.com/otelcfg/otelcfg/cmd/...@latest)\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}

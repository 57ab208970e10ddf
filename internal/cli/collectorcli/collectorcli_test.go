package collectorcli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func run(io *iostreams.IOStreams, r Run, args []string) int {
	return cli.MainCompanion(NewRootCmd(io, "test", r), io, args)
}

// TestHelpNamesTheCommandAsTyped: help reads as the user runs the command
// through otelcfg; check stays hidden, and there is no completion command
// (otelcfg's script completes this program's commands).
func TestHelpNamesTheCommandAsTyped(t *testing.T) {
	for args, want := range map[string]string{
		"simulate --help": "otelcfg simulate CONFIG --input FILE... [flags]",
		"test -h":         "otelcfg test FILE|DIR... [flags]",
		"synth --help":    "otelcfg synth --signal traces|metrics|logs --count N [flags]",
		"--help":          "otelcfg [command]",
	} {
		io, _, out, errOut := iostreams.Test()
		if code := run(io, Run{}, strings.Fields(args)); code != cli.ExitOK {
			t.Fatalf("%s: exit %d: %s", args, code, errOut)
		}
		if !strings.Contains(out.String(), "Usage:\n  "+want) {
			t.Errorf("%s: usage line is not %q:\n%s", args, want, out)
		}
		if args == "--help" && (strings.Contains(out.String(), "check") || strings.Contains(out.String(), "completion")) {
			t.Errorf("help lists check or completion:\n%s", out)
		}
	}
}

// TestFlagsReachTheRun: what the flags say is what the work gets.
func TestFlagsReachTheRun(t *testing.T) {
	var sim *SimulateOptions
	var tst *TestOptions
	var syn *SynthOptions
	var chk *CheckOptions
	r := Run{
		Simulate: func(_ *cobra.Command, o *SimulateOptions) error { sim = o; return nil },
		Test:     func(_ *cobra.Command, o *TestOptions) error { tst = o; return nil },
		Synth:    func(_ *cobra.Command, o *SynthOptions) error { syn = o; return nil },
		Check:    func(_ *cobra.Command, o *CheckOptions) error { chk = o; return nil },
	}
	for _, args := range [][]string{
		// --input a b: cobra leaves b as an argument; it is an input too.
		{"simulate", "c.yaml", "--input", "a.jsonl", "b.jsonl", "--env", "K=V", "--receiver", "otlp", "-o", "out", "--format", "json"},
		{"test", "t1.yaml", "dir", "--run", "^red", "--format", "junit", "-o", "r.xml"},
		{"synth", "--signal", "logs", "-n", "7", "--seed", "3", "--format", "proto"},
		{"check"},
	} {
		io, _, _, errOut := iostreams.Test()
		if code := run(io, r, args); code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	if sim == nil || sim.Config != "c.yaml" || strings.Join(sim.Inputs, ",") != "a.jsonl,b.jsonl" || strings.Join(sim.Env, ",") != "K=V" ||
		strings.Join(sim.Receivers, ",") != "otlp" || sim.Out != "out" || sim.Format != "json" {
		t.Errorf("simulate: %+v", sim)
	}
	if tst == nil || strings.Join(tst.Paths, ",") != "t1.yaml,dir" || tst.Run.String() != "^red" || tst.Format != "junit" || tst.Output != "r.xml" {
		t.Errorf("test: %+v", tst)
	}
	if syn == nil || syn.Signal != "logs" || syn.Count != 7 || syn.Seed != 3 || syn.Format != "proto" {
		t.Errorf("synth: %+v", syn)
	}
	if chk == nil || chk.Version != "test" {
		t.Errorf("check: %+v", chk)
	}
}

// TestUsageErrors: arguments and flags are checked before any work (exit
// 2, "otelcfg COMMAND: " first), and a tree built without Run (the command
// reference's) says where the command runs instead of doing nothing.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"simulate"}, "otelcfg simulate: missing CONFIG (see otelcfg simulate --help)\n"},
		{[]string{"simulate", "c.yaml"}, "otelcfg simulate: no recording: give one or more --input FILE\n"},
		{[]string{"simulate", "c.yaml", "-i", "r.jsonl", "--format", "xml"}, "otelcfg simulate: --format \"xml\": want text or json\n"},
		{[]string{"test"}, "otelcfg test: no test files (see otelcfg test --help)\n"},
		{[]string{"test", "t.yaml", "--run", "("}, "otelcfg test: --run \"(\": error parsing regexp: missing closing ): `(`\n"},
		{[]string{"synth"}, "otelcfg synth: missing --signal traces|metrics|logs\n"},
		{[]string{"synth", "--bogus"}, "otelcfg synth: unknown flag: --bogus (see otelcfg synth --help)\n"},
		{[]string{"check", "extra"}, "otelcfg check: unknown command \"extra\" for \"otelcfg check\"\n"},
		{[]string{"completion", "bash"}, "otelcfg: unknown command \"completion\" for \"otelcfg\"\n"},
		{[]string{"simulate", "--list"}, "otelcfg simulate: otelcfg simulate runs in the otelcfg-collector program\n"},
	} {
		io, _, out, errOut := iostreams.Test()
		if code := run(io, Run{}, tc.args); code != cli.ExitUsage || errOut.String() != tc.stderr || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, %q", tc.args, code, out, errOut, tc.stderr)
		}
	}
}

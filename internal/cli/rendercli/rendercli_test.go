package rendercli

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
// through otelcfg, never as a command otelcfg does not have.
func TestHelpNamesTheCommandAsTyped(t *testing.T) {
	for args, want := range map[string]string{
		"render --help":      "otelcfg render [command]",
		"render helm --help": "otelcfg render helm CONFIG [flags]",
		"render operator -h": "otelcfg render operator CONFIG [flags]",
		"convert --help":     "otelcfg convert FILE --to",
	} {
		io, _, out, errOut := iostreams.Test()
		if code := run(io, Run{}, strings.Fields(args)); code != cli.ExitOK {
			t.Fatalf("%s: exit %d: %s", args, code, errOut)
		}
		if !strings.Contains(out.String(), "Usage:\n  "+want) {
			t.Errorf("%s: usage line is not %q:\n%s", args, want, out)
		}
	}
}

// TestFlagsReachTheRun: what the flags say is what the work gets.
func TestFlagsReachTheRun(t *testing.T) {
	var helm *HelmOptions
	var op *OperatorOptions
	var conv *ConvertOptions
	r := Run{
		Helm:     func(_ *cobra.Command, o *HelmOptions) error { helm = o; return nil },
		Operator: func(_ *cobra.Command, o *OperatorOptions) error { op = o; return nil },
		Convert:  func(_ *cobra.Command, o *ConvertOptions) error { conv = o; return nil },
	}
	for _, args := range [][]string{
		{"render", "helm", "c.yaml", "--memory", "2Gi", "--set", "a=1", "--set", "b=2", "--subchart", "-o", "v.yaml", "--chart", "ch.tgz"},
		{"render", "operator", "c.yaml", "--mode", "sidecar", "--name", "gw", "--instrumentation"},
		{"convert", "cr.yaml", "--to", "helm", "--namespace", "mon"},
	} {
		io, _, _, errOut := iostreams.Test()
		if code := run(io, r, args); code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	if helm == nil || helm.File != "c.yaml" || helm.Memory != "2Gi" || strings.Join(helm.Set, ",") != "a=1,b=2" || !helm.Subchart || helm.Output != "v.yaml" || helm.Chart != "ch.tgz" || helm.Version != "test" {
		t.Errorf("helm: %+v", helm)
	}
	if op == nil || op.File != "c.yaml" || op.API != "v1beta1" || op.Mode != "sidecar" || op.Name != "gw" || !op.Instrumentation || op.Version != "test" {
		t.Errorf("operator: %+v", op)
	}
	if conv == nil || conv.File != "cr.yaml" || conv.To != "helm" || conv.Namespace != "mon" || conv.Version != "test" {
		t.Errorf("convert: %+v", conv)
	}
}

// TestUsageErrors: arguments and flags are checked before any work, and a
// tree built without Run (the command reference's) says where the command
// runs instead of doing nothing.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"render", "helm"}, "otelcfg render: accepts 1 arg(s), received 0\n"},
		{[]string{"render", "operator", "a.yaml", "--bogus"}, "otelcfg render: unknown flag: --bogus (see otelcfg render operator --help)\n"},
		{[]string{"convert", "a.yaml"}, "otelcfg convert: required flag(s) \"to\" not set\n"},
		{[]string{"completion", "bash"}, "otelcfg: unknown command \"completion\" for \"otelcfg\"\n"},
		{[]string{"render", "helm", "a.yaml"}, "otelcfg render: otelcfg render helm runs in the otelcfg-render program\n"},
	} {
		io, _, out, errOut := iostreams.Test()
		if code := run(io, Run{}, tc.args); code != cli.ExitUsage || errOut.String() != tc.stderr || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, %q", tc.args, code, out, errOut, tc.stderr)
		}
	}
}

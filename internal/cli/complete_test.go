package cli

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// TestMain lets the test binary double as a companion program (with
// OTELCFG_FAKE_COMPANION=1): a small tree with a version command and
// completions, run by MainCompanion like the real ones.
func TestMain(m *testing.M) {
	if os.Getenv("OTELCFG_FAKE_COMPANION") == "1" {
		io := iostreams.System()
		os.Exit(MainCompanion(fakeCompanion(io), io, nil))
	}
	os.Exit(m.Run())
}

func fakeCompanion(io *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{Use: "otelcfg", CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true}}
	render := &cobra.Command{Use: "render"}
	helm := &cobra.Command{Use: "helm CONFIG", RunE: func(*cobra.Command, []string) error { return nil }}
	helm.Flags().String("memory", "", "container memory limit")
	helm.Flags().String("mode", "", "deployment or daemonset")
	FlagValues(helm, "mode", "deployment", "daemonset")
	render.AddCommand(helm)
	root.AddCommand(render, NewCmdVersion(io, "otelcfg-fake", "v9.9.9"))
	return root
}

// fake is this test binary as a companion program.
func fake(t *testing.T) Program {
	t.Setenv("OTELCFG_FAKE_COMPANION", "1")
	return Program{Name: "otelcfg-fake", Lookup: os.Executable}
}

func TestCompleteAsksTheProgram(t *testing.T) {
	p := fake(t)
	for _, tc := range []struct {
		args       []string
		toComplete string
		want       []cobra.Completion
		directive  cobra.ShellCompDirective
	}{
		{[]string{"render"}, "", []string{"helm"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"render", "helm"}, "--me", []string{"--memory\tcontainer memory limit"}, cobra.ShellCompDirectiveNoFileComp},
		{[]string{"render", "helm", "--mode"}, "d", []string{"deployment", "daemonset"}, cobra.ShellCompDirectiveNoFileComp},
		// A CONFIG argument: the program has nothing to offer, the shell
		// completes file names.
		{[]string{"render", "helm"}, "c", nil, cobra.ShellCompDirectiveDefault},
	} {
		got, d := p.Complete(tc.args, tc.toComplete)
		if !reflect.DeepEqual(got, tc.want) || d != tc.directive {
			t.Errorf("%v %q: %q, %d; want %q, %d", tc.args, tc.toComplete, got, d, tc.want, tc.directive)
		}
	}
}

// TestCompleteWithoutTheProgram: nothing, and the shell completes files.
func TestCompleteWithoutTheProgram(t *testing.T) {
	p := Program{Name: "otelcfg-missing", Lookup: func() (string, error) { return "", errors.New("not found") }}
	if got, d := p.Complete([]string{"render"}, ""); got != nil || d != cobra.ShellCompDirectiveDefault {
		t.Errorf("%q, %d", got, d)
	}
}

func TestParseCompletions(t *testing.T) {
	for _, tc := range []struct {
		out       string
		want      []cobra.Completion
		directive cobra.ShellCompDirective
	}{
		{"a\tA\nb\n:4\n", []string{"a\tA", "b"}, 4},
		{":36\n", nil, 36},
		{"", nil, cobra.ShellCompDirectiveDefault},
		{"a\nb\n", nil, cobra.ShellCompDirectiveDefault}, // no directive: not cobra's protocol
		{"a\n:x\n", nil, cobra.ShellCompDirectiveDefault},
		{"a\n:-1\n", nil, cobra.ShellCompDirectiveDefault},
	} {
		got, d := parseCompletions(tc.out)
		if !reflect.DeepEqual(got, tc.want) || d != tc.directive {
			t.Errorf("%q: %q, %d; want %q, %d", tc.out, got, d, tc.want, tc.directive)
		}
	}
}

func TestProgramVersion(t *testing.T) {
	path, v, err := fake(t).Version()
	if err != nil || path == "" || v != "otelcfg-fake v9.9.9" {
		t.Errorf("%q, %q, %v", path, v, err)
	}
	missing := Program{Name: "otelcfg-missing", Lookup: func() (string, error) { return "", errors.New("not found") }}
	if path, _, err := missing.Version(); path != "" || err == nil {
		t.Errorf("missing: %q, %v", path, err)
	}
	// Found, but not a companion: its path and why there is no version.
	sh := Program{Name: "sh", Lookup: func() (string, error) { return "/bin/false", nil }}
	if _, err := os.Stat("/bin/false"); err == nil {
		if path, v, err := sh.Version(); path != "/bin/false" || v != "" || err == nil || !strings.Contains(err.Error(), "/bin/false version") {
			t.Errorf("false: %q, %q, %v", path, v, err)
		}
	}
}

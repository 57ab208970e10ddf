package main

import (
	"github.com/spf13/cobra"

	"errors"
	"os"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func TestRenderMissingBinary(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	err := runRender(&RenderOptions{IO: io, Args: []string{"helm", "x.yaml"}, Lookup: func() (string, error) { return "", errors.New("not found") }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("want exit 2, got %v", err)
	}
	if !strings.Contains(errOut.String(), "go install github.com/otelcfg/otelcfg/cmd/otelcfg-render@") {
		t.Errorf("message does not say how to install: %q", errOut)
	}
}

func TestRenderForwardsExitCode(t *testing.T) {
	sh := "/bin/sh"
	if _, err := os.Stat(sh); err != nil {
		t.Skip("no /bin/sh")
	}
	io, _, out, _ := iostreams.Test()
	// sh -c 'echo $0; exit 3' forwards the args it is given.
	err := runRender(&RenderOptions{IO: io, Args: []string{"-c", "echo forwarded $0; exit 3", "helm"}, Lookup: func() (string, error) { return sh, nil }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 3 {
		t.Fatalf("want exit 3, got %v", err)
	}
	if got := out.String(); got != "forwarded helm\n" {
		t.Errorf("stdout %q", got)
	}
}

func TestConvertForwards(t *testing.T) {
	sh := "/bin/sh"
	if _, err := os.Stat(sh); err != nil {
		t.Skip("no /bin/sh")
	}
	io, _, out, _ := iostreams.Test()
	// The render binary gets "convert" first, then the arguments as given.
	var got *RenderOptions
	cmd := newCmdConvert(io, func(o *RenderOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"x.yaml", "--to", "v1beta1"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Args, " ") != "convert x.yaml --to v1beta1" {
		t.Fatalf("forwarded %q", got.Args)
	}
	got.Lookup = func() (string, error) { return sh, nil }
	got.Args = []string{"-c", "echo forwarded $0 $1; exit 1", "convert", "x.yaml"}
	err := runRender(got)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("want exit 1, got %v", err)
	}
	if out.String() != "forwarded convert x.yaml\n" {
		t.Errorf("stdout %q", out)
	}
}

func TestConvertMissingBinary(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	err := runRender(&RenderOptions{IO: io, Command: "convert", Args: []string{"convert", "x.yaml"}, Lookup: func() (string, error) { return "", errors.New("not found") }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("want exit 2, got %v", err)
	}
	if !strings.Contains(errOut.String(), "otelcfg: convert needs the otelcfg-render program") {
		t.Errorf("message: %q", errOut)
	}
}

func TestSimulateMissingBinary(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	err := runSimulate(&SimulateOptions{IO: io, Args: []string{"c.yaml", "--input", "r.jsonl"}, Lookup: func() (string, error) { return "", errors.New("not found") }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("want exit 2, got %v", err)
	}
	if !strings.Contains(errOut.String(), "go install github.com/otelcfg/otelcfg/cmd/otelcfg-simulate@") {
		t.Errorf("message does not say how to install: %q", errOut)
	}
}

func TestSimulateForwardsArgs(t *testing.T) {
	sh := "/bin/sh"
	if _, err := os.Stat(sh); err != nil {
		t.Skip("no /bin/sh")
	}
	io, _, out, _ := iostreams.Test()
	err := runSimulate(&SimulateOptions{IO: io, Args: []string{"-c", "echo forwarded $0 $1; exit 1", "c.yaml", "--list"}, Lookup: func() (string, error) { return sh, nil }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("want exit 1, got %v", err)
	}
	if got := out.String(); got != "forwarded c.yaml --list\n" {
		t.Errorf("stdout %q", got)
	}
}

func TestTestAndSynthForward(t *testing.T) {
	for _, tc := range []struct {
		cmd  func(*iostreams.IOStreams, func(*SimulateOptions) error) *cobra.Command
		args []string
		want string
	}{
		{newCmdTest, []string{"t.yaml", "--format", "junit"}, "test t.yaml --format junit"},
		{newCmdSynth, []string{"--signal", "logs", "--count", "5"}, "synth --signal logs --count 5"},
	} {
		io, _, _, _ := iostreams.Test()
		var got []string
		c := tc.cmd(io, func(o *SimulateOptions) error { got = o.Args; return nil })
		c.SetArgs(tc.args)
		if err := c.Execute(); err != nil || strings.Join(got, " ") != tc.want {
			t.Errorf("forwarded %q (%v), want %q", got, err, tc.want)
		}
	}
}

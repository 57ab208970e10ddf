package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// renderBinary is the program `otelcfg render` runs. Rendering links the
// Helm SDK and the operator's Kubernetes API types, whose package
// initialisation would slow down every `otelcfg lint`; they live in a
// separate binary.
const renderBinary = "otelcfg-render"

// RenderOptions are what `otelcfg render` forwards.
type RenderOptions struct {
	IO   *iostreams.IOStreams
	Args []string
	// Lookup finds the render binary (findRenderBinary unless testing).
	Lookup func() (string, error)
}

func newCmdRender(io *iostreams.IOStreams, runF func(*RenderOptions) error) *cobra.Command {
	opts := &RenderOptions{IO: io, Lookup: findRenderBinary}
	return &cobra.Command{
		Use:   "render (helm|operator) CONFIG [flags]",
		Short: "Generate Helm values or an OpenTelemetryCollector resource from a collector config",
		Long: `Generate deployment artefacts from one collector config: values for the
opentelemetry-collector Helm chart (render helm) or an OpenTelemetryCollector
resource (render operator). Runs the otelcfg-render program, found next to
otelcfg or on PATH; see otelcfg render --help once it is installed.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return runRender(opts)
		},
	}
}

// findRenderBinary looks next to the running executable, then on PATH.
func findRenderBinary() (string, error) {
	name := renderBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

func runRender(opts *RenderOptions) error {
	bin, err := opts.Lookup()
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "otelcfg: render needs the %s program, which is not installed next to otelcfg or on PATH.\n"+
			"Install it with:\n  go install github.com/otelcfg/otelcfg/cmd/otelcfg-render@%s\n", renderBinary, installVersion())
		return &exitError{code: exitUsage}
	}
	cmd := exec.Command(bin, opts.Args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = opts.IO.In, opts.IO.Out, opts.IO.ErrOut
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() >= 0 {
			return &exitError{code: ee.ExitCode()}
		}
		return fmt.Errorf("running %s: %w", bin, err)
	}
	return nil
}

// installVersion is the version to install the render binary at: the same
// as otelcfg's own, or latest for development builds.
func installVersion() string {
	if version == "" || version == "dev" {
		return "latest"
	}
	return version
}

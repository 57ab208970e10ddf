package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Commands whose dependencies would slow down every `otelcfg lint` at
// start-up (the Helm SDK, collector components) live in separate programs
// that otelcfg runs with the arguments it was given: `otelcfg render ...`
// runs otelcfg-render, `otelcfg simulate ...` runs otelcfg-simulate.

// pluginLookup returns a function that finds program name next to the
// running executable, then on PATH.
func pluginLookup(name string) func() (string, error) {
	return func() (string, error) {
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
}

// runPlugin runs program (found by lookup) with args on io and passes its
// exit status on. A missing program is a usage error (exit 2) with the
// command that installs it.
func runPlugin(io *iostreams.IOStreams, command, program string, lookup func() (string, error), args []string) error {
	bin, err := lookup()
	if err != nil {
		fmt.Fprintf(io.ErrOut, "otelcfg: %s needs the %s program, which is not installed next to otelcfg or on PATH.\n"+
			"Install it with:\n  go install github.com/otelcfg/otelcfg/cmd/%s@%s\n", command, program, program, installVersion())
		return &exitError{code: exitUsage}
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = io.In, io.Out, io.ErrOut
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() >= 0 {
			return &exitError{code: ee.ExitCode()}
		}
		return fmt.Errorf("running %s: %w", bin, err)
	}
	return nil
}

// installVersion is the version to install a plugin program at: the same
// as otelcfg's own, or latest for development builds.
func installVersion() string {
	if version == "" || version == "dev" {
		return "latest"
	}
	return version
}

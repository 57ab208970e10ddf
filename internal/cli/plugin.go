package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Commands whose dependencies would slow down every `otelcfg lint` at
// start-up (the Helm SDK, collector components) live in companion programs
// that otelcfg runs with the arguments it was given.

// Companion programs.
const (
	RenderProgram    = "otelcfg-render"    // render, convert
	CollectorProgram = "otelcfg-collector" // simulate, test, synth, and lint's exact checks
)

// Program is a companion program otelcfg runs.
type Program struct {
	Name string
	// For says which otelcfg commands run it, for messages.
	For string
	// Lookup finds it; nil means FindProgram(Name).
	Lookup func() (string, error)
}

// Path returns where the program is.
func (p Program) Path() (string, error) {
	if p.Lookup != nil {
		return p.Lookup()
	}
	return FindProgram(p.Name)
}

// FindProgram finds program name next to the running executable (the
// release archives and `go install ./cmd/...` put it there), then on PATH.
func FindProgram(name string) (string, error) {
	file := name
	if runtime.GOOS == "windows" {
		file += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), file)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(file)
}

// Run runs the program with args on io and passes its exit status on. A
// missing program is a usage error (exit 2) that says how to install it.
func (p Program) Run(io *iostreams.IOStreams, command, version string, args []string) error {
	bin, err := p.Path()
	if err != nil {
		fmt.Fprint(io.ErrOut, MissingProgram(command, p.Name, version))
		return Exit(ExitUsage, nil)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = io.In, io.Out, io.ErrOut
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() >= 0 {
			return Exit(ee.ExitCode(), nil)
		}
		// Killed by a signal (SIGPIPE: `otelcfg simulate --list | head`):
		// the shell's status for it, and no message.
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return Exit(128+int(ws.Signal()), nil)
		}
		return fmt.Errorf("running %s: %w", bin, err)
	}
	return nil
}

// MissingProgram says that command needs program and how to install it:
// from a clone (the clone's own code, works offline) and from the module
// proxy at otelcfg's own version.
func MissingProgram(command, program, version string) string {
	return fmt.Sprintf("otelcfg: %s needs the %s program, which is not installed next to otelcfg or on PATH.\n"+
		"Install every otelcfg program:\n"+
		"  go install ./cmd/...                                   # from a clone of otelcfg\n"+
		"  go install github.com/otelcfg/otelcfg/cmd/...@%s   # from the module proxy\n"+
		"or install %s alone the same way (./cmd/%s).\n", command, program, InstallVersion(version), program, program)
}

// InstallHint says in one line how to install every otelcfg program.
func InstallHint(version string) string {
	return "go install ./cmd/... in a clone of otelcfg, or go install github.com/otelcfg/otelcfg/cmd/...@" + InstallVersion(version)
}

// InstallVersion is the version to install from the module proxy: the
// running otelcfg's, or the latest for a development build.
func InstallVersion(version string) string {
	if version == "" || version == "dev" {
		return "latest"
	}
	return version
}

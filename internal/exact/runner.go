package exact

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Runner runs the collector's code on a request: the check program
// (PluginRunner), the user's own collector (CollectorRunner), or in tests
// the engine in-process.
type Runner interface {
	Check(ctx context.Context, req *Request) (*Response, error)
}

// RunnerFunc adapts a function to Runner.
type RunnerFunc func(ctx context.Context, req *Request) (*Response, error)

// Check calls f.
func (f RunnerFunc) Check(ctx context.Context, req *Request) (*Response, error) { return f(ctx, req) }

// PluginNames are the programs that answer `PROGRAM check`, in the order
// they are looked for (the collector program, and the simulate program it
// is named before the rename).
var PluginNames = []string{"otelcfg-collector", "otelcfg-simulate"}

// CheckCommand is the (hidden) subcommand of the plugin program that
// answers a Request on stdin with a Response on stdout.
const CheckCommand = "check"

// ErrNoPlugin means no check program is installed.
var ErrNoPlugin = errors.New("the component code is not checked: no otelcfg-collector program next to otelcfg or on PATH")

// FindPlugin returns the first of PluginNames found next to the running
// executable, then on PATH.
func FindPlugin() (string, error) {
	exe, _ := os.Executable()
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	for _, name := range PluginNames {
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		if exe != "" {
			p := filepath.Join(filepath.Dir(exe), name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
	}
	for _, name := range PluginNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoPlugin
}

// PluginRunner runs `Path check` once per request.
type PluginRunner struct{ Path string }

// Check sends req to the program and reads its response.
func (r PluginRunner) Check(ctx context.Context, req *Request) (*Response, error) {
	var in, out, errOut bytes.Buffer
	if err := WriteJSON(&in, req); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, r.Path, CheckCommand)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", r.Path, CheckCommand, err, strings.TrimSpace(errOut.String()))
	}
	resp, err := ReadResponse(&out)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.Path, CheckCommand, err)
	}
	if len(resp.Results) != len(req.Configs) {
		return nil, fmt.Errorf("%s %s: %d results for %d configs", r.Path, CheckCommand, len(resp.Results), len(req.Configs))
	}
	return resp, nil
}

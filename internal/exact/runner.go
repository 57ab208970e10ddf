package exact

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
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

// CheckCommand is the (hidden) subcommand of the plugin program that
// answers a Request on stdin with a Response on stdout.
const CheckCommand = "check"

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

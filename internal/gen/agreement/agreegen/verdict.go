package agreegen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Runner runs a reference collector binary on configs, each in a scrubbed
// environment (PATH=/usr/bin:/bin only) with /tmp as the working directory
// and, when NetNS is set, in a new network namespace (`unshare -n`) so that
// no component can reach any address, not even loopback.
type Runner struct {
	Bin   string
	NetNS bool
}

func (r Runner) command(ctx context.Context, args ...string) *exec.Cmd {
	argv := append([]string{"env", "-i", "PATH=/usr/bin:/bin", r.Bin}, args...)
	if r.NetNS {
		argv = append([]string{"unshare", "-n"}, argv...)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = "/tmp"
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	return cmd
}

// Validate runs `validate --config=PATH`; the verdict is the exit status.
func (r Runner) Validate(ctx context.Context, path string) (valid bool, msg string, err error) {
	cmd := r.command(ctx, "validate", "--config="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	var exit *exec.ExitError
	switch {
	case runErr == nil:
		return true, "", nil
	case errors.As(runErr, &exit) && ctx.Err() == nil:
		return false, Normalize(out.String()), nil
	default:
		return false, "", fmt.Errorf("validate %s: %w", path, runErr)
	}
}

// Start runs the collector on path for d. A collector still running then is
// stopped with SIGTERM and reported as started; one that exits earlier with
// an error has failed to start, and msg holds its `Error:` lines.
func (r Runner) Start(ctx context.Context, path string, d time.Duration) (started bool, msg string, err error) {
	cmd := r.command(ctx, "--config="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return false, "", fmt.Errorf("start %s: %w", path, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			return false, "exited with status 0 before " + d.String(), nil
		}
		return false, Normalize(errorLines(out.String())), nil
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		return true, "", nil
	}
}

// errorLines keeps the lines from the first one starting with "Error:" (the
// collector's final error), else the last line of the output.
func errorLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Error:") {
			return strings.Join(lines[i:], "\n")
		}
	}
	return lines[len(lines)-1]
}

var spaces = regexp.MustCompile(` {2,}`)

// MaxMessage is where a normalised message is cut.
const MaxMessage = 300

// Normalize turns an error output into one table cell, as
// testdata/agreement/README.md describes: lines joined by single spaces,
// tabs turned into spaces, runs of spaces squeezed, cut at 300 characters.
func Normalize(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	out := strings.ReplaceAll(strings.Join(lines, " "), "\t", " ")
	out = spaces.ReplaceAllString(out, " ")
	if r := []rune(out); len(r) > MaxMessage {
		out = string(r[:MaxMessage])
	}
	return out
}

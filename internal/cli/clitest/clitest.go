// Package clitest is what the programs' script tests share: testscript
// parameters and the exitcode command. Only tests import it.
package clitest

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Params runs the scripts dir/*.txtar with the exitcode command.
// OTELCFG_UPDATE=1 rewrites the expected files in the archives from the
// actual output. No script may hang: one that does fails within three
// minutes (or at the test's deadline), not at go test's ten.
func Params(t *testing.T, dir string) testscript.Params {
	deadline := time.Now().Add(3 * time.Minute)
	if d, ok := t.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	return testscript.Params{
		Dir:                 dir,
		UpdateScripts:       os.Getenv("OTELCFG_UPDATE") != "",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Deadline:            deadline,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exitcode": Exitcode},
	}
}

// Exitcode is the script command
//
//	exitcode N PROG [ARGS...]
//
// It runs PROG like exec, keeps its stdout and stderr for later
// stdout/stderr/cmp commands, and checks its exact exit status. A Go panic
// also exits with status 2, so a panic trace fails the check too.
func Exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if errOut := ts.ReadFile("stderr"); strings.Contains(errOut, "goroutine ") && strings.Contains(errOut, "panic") {
		ts.Fatalf("%s panicked", args[1])
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

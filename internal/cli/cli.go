// Package cli is what otelcfg's programs share on the command line: exit
// codes, the errors that carry them through cobra, how errors are printed,
// and how otelcfg finds and runs its companion programs (otelcfg-render,
// otelcfg-collector). Each program's main is one call to Main.
package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// Exit codes, the same in every program.
const (
	ExitOK = 0
	// ExitFailed: findings at or above --fail-level, an output that would
	// not pass lint or verification, a failed test, a config that cannot
	// be replayed.
	ExitFailed = 1
	// ExitUsage: bad flags or arguments, unreadable input, an input over a
	// limit, bad settings.
	ExitUsage = 2
)

// ExitError ends a command with Code. Err, when set, is printed; a nil Err
// means the command has already said what went wrong.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Exit returns an ExitError with code; err may be nil (already reported).
func Exit(code int, err error) error { return &ExitError{Code: code, Err: err} }

// Failed is Exit(ExitFailed, err): the command ran and the answer is no.
func Failed(err error) error { return Exit(ExitFailed, err) }

// Usagef is a usage error (exit 2) with a formatted message.
func Usagef(format string, args ...any) error {
	return Exit(ExitUsage, fmt.Errorf(format, args...))
}

// Main executes otelcfg's command tree root with args (nil: the process's
// arguments) on io and returns the exit code. Errors are printed as
// "otelcfg: message". An error that is not an ExitError is a usage error:
// the message names the flag or path at fault.
func Main(root *cobra.Command, io *iostreams.IOStreams, args []string) int {
	return execute(root, io, args, 1)
}

// MainCompanion is Main for a companion program, whose messages start with
// the otelcfg command that runs it ("otelcfg render: ", "otelcfg test: ").
func MainCompanion(root *cobra.Command, io *iostreams.IOStreams, args []string) int {
	return execute(root, io, args, 2)
}

func execute(root *cobra.Command, io *iostreams.IOStreams, args []string, prefixWords int) int {
	root.SilenceUsage, root.SilenceErrors = true, true
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return Usagef("%w (see %s --help)", err, c.CommandPath())
	})
	if args != nil {
		root.SetArgs(args)
	}
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	code := ExitUsage
	var ee *ExitError
	if errors.As(err, &ee) {
		code = ee.Code
		if ee.Err == nil {
			return code
		}
	}
	fmt.Fprintf(io.ErrOut, "%s: %s\n", Prefix(cmd, prefixWords), Message(cmd, err))
	return code
}

// MaxSizeFlag is the flag that raises the input size limit, in MiB.
const MaxSizeFlag = "max-size"

// Message is err's text; for an input over a limit it adds what raises the
// limit, when the command that ran has a flag for it.
func Message(cmd *cobra.Command, err error) string {
	var le *config.LimitError
	if !errors.As(err, &le) {
		return err.Error()
	}
	if le.Kind == config.LimitDepth {
		return err.Error() + "; no collector config nests this deep"
	}
	if cmd != nil && cmd.Flags().Lookup(MaxSizeFlag) != nil {
		return err.Error() + "; --" + MaxSizeFlag + " raises the limit (in MiB) if this really is a collector config"
	}
	return err.Error()
}

// Prefix is the path of cmd cut to its first n words ("otelcfg render").
func Prefix(cmd *cobra.Command, n int) string {
	if cmd == nil {
		return "otelcfg"
	}
	words := strings.Fields(cmd.CommandPath())
	return strings.Join(words[:min(n, len(words))], " ")
}

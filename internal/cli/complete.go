package cli

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// completeTimeout bounds how long a shell waits on a program for
// completions (the collector program starts in ~0.3 s).
const completeTimeout = 10 * time.Second

// Complete asks the program which words complete a command line, through
// cobra's hidden __complete command: the protocol otelcfg's completion
// script speaks to otelcfg itself, so one script covers every program.
// args are the program's arguments typed so far (its command first),
// toComplete the word being typed. A program that is missing or fails
// completes nothing, and the shell falls back to file names.
func (p Program) Complete(args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	bin, err := p.Path()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	ctx, cancel := context.WithTimeout(context.Background(), completeTimeout)
	defer cancel()
	argv := append(append([]string{cobra.ShellCompRequestCmd}, args...), toComplete)
	out, err := exec.CommandContext(ctx, bin, argv...).Output() // stderr: cobra's debug line, dropped
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return parseCompletions(string(out))
}

// parseCompletions reads __complete's output: one completion a line
// (description after a tab), then ":DIRECTIVE".
func parseCompletions(out string) ([]cobra.Completion, cobra.ShellCompDirective) {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if !strings.HasPrefix(last, ":") || err != nil || d < 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	comps := lines[:len(lines)-1]
	if len(comps) == 0 {
		comps = nil
	}
	return comps, cobra.ShellCompDirective(d)
}

// FlagValues makes the shell complete flag name of cmd with values (and
// not with file names).
func FlagValues(cmd *cobra.Command, name string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

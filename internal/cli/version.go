package cli

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// NewCmdVersion is a companion program's `version` command. otelcfg
// version runs it to say which companion programs it found.
func NewCmdVersion(io *iostreams.IOStreams, program, version string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print " + program + "'s version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return PrintVersion(io, program, version)
		},
	}
}

// PrintVersion writes "PROGRAM VERSION", the line Program.Version reads.
func PrintVersion(io *iostreams.IOStreams, program, version string) error {
	_, err := fmt.Fprintf(io.Out, "%s %s\n", program, version)
	return err
}

// Version finds the program and asks it its version (the first line of
// `PROGRAM version`, "otelcfg-render v1.2.3"). A missing program is an
// error; one that is found but does not answer returns its path and the
// error.
func (p Program) Version() (path, version string, err error) {
	path, err = p.Path()
	if err != nil {
		return "", "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), completeTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "version").Output()
	if err != nil {
		return path, "", fmt.Errorf("%s version: %w", path, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	if line = strings.TrimSpace(line); line == "" {
		return path, "", fmt.Errorf("%s version: no answer", path)
	}
	return path, line, nil
}

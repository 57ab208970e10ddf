package cli

import (
	"fmt"

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

// PrintVersion writes "PROGRAM VERSION", the line otelcfg version reads.
func PrintVersion(io *iostreams.IOStreams, program, version string) error {
	_, err := fmt.Fprintf(io.Out, "%s %s\n", program, version)
	return err
}

package collectorcli

import (
	"strconv"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// CheckOptions are what `check` works with.
type CheckOptions struct {
	IO *iostreams.IOStreams
	// Version is the program's, named in the response.
	Version string
}

// NewCmdCheck is the hidden command that otelcfg lint runs (package
// exact): a protocol request on stdin, one response on stdout.
func NewCmdCheck(io *iostreams.IOStreams, version string, runF func(*cobra.Command, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: io, Version: version}
	return &cobra.Command{
		Use:   exact.CheckCommand,
		Short: "Check collector configs with the collector's own component code (for otelcfg lint)",
		Long: `Read a check request (JSON, protocol version ` + strconv.Itoa(exact.ProtocolVersion) + `) on stdin, run every
config through the collector's component code (decode, validate, create,
start where side-effect free) and write one JSON response on stdout. otelcfg
lint runs this; it is not meant to be run by hand.`,
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF == nil {
				return notHere(cmd)
			}
			return runF(cmd, opts)
		},
	}
}

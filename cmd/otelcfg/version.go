package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func newCmdVersion(io *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print otelcfg's version and the upstream versions its knowledge comes from",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(io.Out, "otelcfg %s\ncollector components: %s (contrib distribution)\nhelm chart model: opentelemetry-collector %s\n",
				version, catalog.Release, chart.ChartVersion)
			return err
		},
	}
}

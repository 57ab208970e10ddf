package main

//go:generate go run ../../internal/gen/clidocs -out ../../docs/cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/semconv"
	"github.com/otelcfg/otelcfg/schema"
)

func newCmdVersion(io *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print otelcfg's version and the upstream versions its knowledge comes from",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(io.Out, "otelcfg %s\n"+
				"collector components: %s (contrib distribution)\n"+
				"helm chart model: opentelemetry-collector %s\n"+
				"semantic conventions: %s\n"+
				"settings schemas: %d of %d component types (%s)\n",
				version, catalog.Release, chart.ChartVersion, semconv.Version,
				len(schema.Components), len(schema.Components)+len(schema.Unchecked), schema.Release)
			return err
		},
	}
}

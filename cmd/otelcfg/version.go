package main

//go:generate go run ../../internal/gen/clidocs -out ../../docs/cli

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/semconv"
	"github.com/otelcfg/otelcfg/schema"
)

// newCmdVersion prints otelcfg's version, where its knowledge comes from,
// and which of programs (the companions) it found.
func newCmdVersion(ios *iostreams.IOStreams, programs []cli.Program) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print otelcfg's version, the upstream versions its knowledge comes from, and the companion programs found",
		Long: `Print otelcfg's version and the upstream versions its knowledge comes from,
then each companion program (otelcfg-render: render and convert;
otelcfg-collector: simulate, test, synth and lint's exact checks): where it
was found (next to otelcfg, then on PATH) and its own version, which should
be otelcfg's.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(ios.Out, "otelcfg %s\n"+
				"collector components: %s (contrib distribution)\n"+
				"helm chart model: opentelemetry-collector %s\n"+
				"semantic conventions: %s\n"+
				"settings schemas: %d of %d component types (%s)\n",
				version, catalog.Release, chart.ChartVersion, semconv.Version,
				len(schema.Components), len(schema.Components)+len(schema.Unchecked), schema.Release)
			if err != nil {
				return err
			}
			// Asked together: each takes a program's start-up (~0.3 s for
			// the collector's).
			lines := make([]string, len(programs))
			var wg sync.WaitGroup
			for i, p := range programs {
				wg.Go(func() { lines[i] = programVersion(p) })
			}
			wg.Wait()
			_, err = io.WriteString(ios.Out, strings.Join(lines, ""))
			return err
		},
	}
}

// programVersion is one line about companion program p:
//
//	otelcfg-render: /usr/local/bin/otelcfg-render (otelcfg-render v1.2.3)
//	otelcfg-collector: not installed: simulate, test, synth and ... need it (go install ...)
func programVersion(p cli.Program) string {
	path, v, err := p.Version()
	var line string
	switch {
	case path == "":
		line = "not installed: " + p.For + " need it (" + cli.InstallHint(version) + ")"
	case err != nil:
		line = path + " (no version: " + err.Error() + ")"
	default:
		line = path + " (" + v + ")"
		if want := p.Name + " " + version; v != want {
			line += ", not " + want + ": install otelcfg's programs from one release"
		}
	}
	return p.Name + ": " + line + "\n"
}

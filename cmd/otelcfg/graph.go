package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/graph"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func newCmdGraph(io *iostreams.IOStreams) *cobra.Command {
	var format, kind string
	cmd := &cobra.Command{
		Use:   "graph CONFIG",
		Short: "Draw the pipeline graph of a config: receivers → processors → exporters, connectors",
		Long: `Draw how data flows through a collector config: per pipeline, receivers →
processors → exporters, and the connectors that join pipelines, with edges
labelled by pipeline (whose first part is the signal). CONFIG is read like
otelcfg lint reads it (plain config, Helm values with the chart's defaults
merged, OpenTelemetryCollector, ConfigMap; - for stdin), so Helm values are
drawn as the chart renders them. Output is deterministic: pipelines and shared
components are sorted by ID, processors keep their order.

--format text (default) lists each pipeline; mermaid and dot write a diagram
for Mermaid (GitHub renders it in a ` + "```mermaid" + ` block) or Graphviz.`,
		Example: `  otelcfg graph collector.yaml
  otelcfg graph --format mermaid values.yaml
  otelcfg graph --format dot collector.yaml | dot -Tsvg > pipelines.svg`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			known := false
			for _, f := range graph.Formats {
				known = known || f == format
			}
			if !known {
				return fmt.Errorf("--format %q: want one of %s", format, strings.Join(graph.Formats, ", "))
			}
			opts := config.Options{HelmRender: chart.HelmRender, Stdin: io.In}
			if kind != "" {
				ok := false
				for _, k := range config.Kinds {
					ok = ok || string(k) == kind
				}
				if !ok {
					return fmt.Errorf("--kind %q: want one of %s", kind, kindList())
				}
				opts.Kind = config.Kind(kind)
			}
			gs, err := graph.Load(args[0], opts)
			if err != nil {
				return err
			}
			return graph.Write(io.Out, format, gs)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(graph.Formats, ", "))
	f.StringVar(&kind, "kind", "", "treat every document as this kind: "+kindList())
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(graph.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kindStrings(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

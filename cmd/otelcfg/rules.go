package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/ruledoc"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
	"github.com/otelcfg/otelcfg/internal/suggest"
)

func newCmdRules(io *iostreams.IOStreams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules [RULE-ID]",
		Short: "List the lint rules, or explain one",
		Args:  cobra.MaximumNArgs(1),
		ValidArgsFunction: func(c *cobra.Command, args []string, s string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ruleIDCompletion(c, args, s)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			all := rules.All()
			if len(args) == 1 {
				r := rules.ByID(args[0])
				if r == nil {
					return unknownRuleError(args[0])
				}
				all = []*lint.Rule{r}
				if format == "text" {
					return ruledoc.Text(io.Out, r)
				}
			}
			switch format {
			case "text":
				return ruledoc.Table(io.Out, all)
			case "markdown":
				return ruledoc.Markdown(io.Out, all)
			case "json":
				type ruleJSON struct {
					ID        string `json:"id"`
					Severity  string `json:"severity"`
					Title     string `json:"title"`
					Text      string `json:"text"`
					Bad       string `json:"bad"`
					Good      string `json:"good"`
					Collector bool   `json:"collector"` // the collector itself rejects what the rule finds
				}
				out := make([]ruleJSON, 0, len(all))
				for _, r := range all {
					out = append(out, ruleJSON{r.ID, r.Severity.String(), r.Doc.Title, r.Doc.Text, r.Doc.Bad, r.Doc.Good, r.Doc.Collector})
				}
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			return fmt.Errorf("--format %q: want text, json or markdown", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, json or markdown")
	return cmd
}

// unknownRuleError names the rule ID closest to id, as `components show`
// does for types.
func unknownRuleError(id string) error {
	ids := make([]string, 0, len(rules.All()))
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	if s, ok := suggest.Closest(id, ids, suggest.Limit(id)); ok {
		return fmt.Errorf("no rule %q; did you mean %q? (`otelcfg rules` lists them)", id, s)
	}
	return fmt.Errorf("no rule %q; `otelcfg rules` lists them", id)
}

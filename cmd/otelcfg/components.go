package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/schemaexport"
)

// ComponentsOptions are the flags of `otelcfg components` and `components show`.
type ComponentsOptions struct {
	IO     *iostreams.IOStreams
	Class  string // "" for all
	Format string // text or json
	Type   string // show: the type to describe
}

func newCmdComponents(io *iostreams.IOStreams) *cobra.Command {
	opts := &ComponentsOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "components",
		Short: "List the component types otelcfg knows, or describe one",
		Long: "List component types with class, stability per signal, deprecated aliases, distributions\n" +
			"and whether their settings are checked against a schema.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runComponents(opts) },
	}
	cmd.Flags().StringVar(&opts.Class, "class", "", "only this class: receiver, processor, exporter, connector or extension")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "text or json")
	showOpts := &ComponentsOptions{IO: io}
	show := &cobra.Command{
		Use:   "show TYPE",
		Short: "Describe a component type and its settings (type, default, description)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			showOpts.Type = args[0]
			return runComponentsShow(showOpts)
		},
	}
	show.Flags().StringVar(&showOpts.Class, "class", "", "the class, when TYPE names components of several classes")
	cmd.AddCommand(show)
	return cmd
}

func classes(class string) ([]catalog.Class, error) {
	if class == "" {
		return catalog.Classes, nil
	}
	for _, c := range catalog.Classes {
		if string(c) == class {
			return []catalog.Class{c}, nil
		}
	}
	return nil, fmt.Errorf("--class %q: want receiver, processor, exporter, connector or extension", class)
}

type componentJSON struct {
	Type          string            `json:"type"`
	Class         string            `json:"class"`
	Stability     map[string]string `json:"stability"`
	Aliases       []string          `json:"deprecated_aliases"`
	Distributions []string          `json:"distributions"`
	Module        string            `json:"module,omitempty"`
	Version       string            `json:"version,omitempty"`
	Schema        bool              `json:"schema"`
}

func runComponents(opts *ComponentsOptions) error {
	cs, err := classes(opts.Class)
	if err != nil {
		return err
	}
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--format %q: want text or json", opts.Format)
	}
	src := schemaexport.Default()
	var list []componentJSON
	for _, class := range cs {
		for _, t := range src.Catalog.Types(class) {
			c, _ := src.Catalog.Lookup(class, t)
			_, has := src.Index[string(class)+"/"+t]
			list = append(list, componentJSON{t, string(class), c.Stability, nonNil(c.DeprecatedTypes), nonNil(c.Distributions), c.Module, c.Version, has})
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCLASS\tSTABILITY\tALIASES\tDISTRIBUTIONS\tSCHEMA")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Type, c.Class, dash(stability(c.Stability)), dash(aliases(c.Aliases)), dash(strings.Join(c.Distributions, ",")), yesNo(c.Schema))
	}
	return tw.Flush()
}

func runComponentsShow(opts *ComponentsOptions) error {
	cs, err := classes(opts.Class)
	if err != nil {
		return err
	}
	src := schemaexport.Default()
	var found []*catalog.Component
	var removed []catalog.Removed
	for _, class := range cs {
		if c, ok := src.Catalog.Lookup(class, opts.Type); ok {
			found = append(found, c)
		} else if r, ok := src.Catalog.Removed(class, opts.Type); ok {
			removed = append(removed, *r)
		}
	}
	out := opts.IO.Out
	switch {
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, string(c.Class))
		}
		return fmt.Errorf("%q is a type of several classes (%s); choose one with --class", opts.Type, strings.Join(names, ", "))
	case len(found) == 0 && len(removed) > 0:
		for _, r := range removed {
			fmt.Fprintf(out, "%s %s: removed in %s", r.Type, r.Class, r.RemovedIn)
			if r.DeprecatedIn != "" {
				fmt.Fprintf(out, " (deprecated since %s)", r.DeprecatedIn)
			}
			fmt.Fprintf(out, "\nreplacement: %s\n", r.Replacement)
			if r.Note != "" {
				fmt.Fprintf(out, "note: %s\n", r.Note)
			}
		}
		return nil
	case len(found) == 0:
		msg := fmt.Sprintf("no component type %q", opts.Type)
		if s := closestType(src.Catalog, cs, opts.Type); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return fmt.Errorf("%s (`otelcfg components` lists them)", msg)
	}
	c := found[0]
	key := string(c.Class) + "/" + c.Type
	fmt.Fprintf(out, "type:          %s\n", c.Type)
	if c.Type != opts.Type {
		fmt.Fprintf(out, "               (%q is a deprecated alias)\n", opts.Type)
	}
	fmt.Fprintf(out, "class:         %s\n", c.Class)
	fmt.Fprintf(out, "aliases:       %s\n", dash(aliases(c.DeprecatedTypes)))
	fmt.Fprintf(out, "stability:     %s\n", dash(schemaexport.StabilityText(c)))
	fmt.Fprintf(out, "distributions: %s\n", dash(strings.Join(c.Distributions, ",")))
	if c.Module != "" {
		fmt.Fprintf(out, "module:        %s@%s\n", c.Module, c.Version)
	}
	fields, ok, err := src.Fields(key)
	if err != nil {
		return err
	}
	if !ok {
		reason := src.Unchecked[key]
		if reason == "" {
			reason = "no schema"
		}
		fmt.Fprintf(out, "\nsettings are not checked: %s\n", reason)
		return nil
	}
	fmt.Fprintf(out, "\nsettings (%s):\n", src.Index[key].Module+"@"+src.Index[key].Version)
	for _, f := range fields {
		line := "  " + f.Path
		if f.Required {
			line += " (required)"
		}
		line += ": " + f.Type
		if f.Default != "" {
			line += " = " + f.Default
		}
		fmt.Fprintln(out, line)
		if f.Description != "" {
			fmt.Fprintf(out, "      %s\n", f.Description)
		}
	}
	return nil
}

// closestType suggests the catalog type nearest to typ (aliases and removed
// types included).
func closestType(cat *catalog.Catalog, cs []catalog.Class, typ string) string {
	var cands []string
	for _, class := range cs {
		for _, t := range cat.Types(class) {
			c, _ := cat.Lookup(class, t)
			cands = append(cands, t)
			cands = append(cands, c.DeprecatedTypes...)
		}
	}
	for _, r := range catalog.RemovedComponents() {
		cands = append(cands, r.Type)
	}
	sort.Strings(cands)
	best, bestD := "", len(typ)/2+2
	for _, c := range cands {
		if d := editDistance(typ, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func stability(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+":"+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func aliases(as []string) string {
	if len(as) == 0 {
		return ""
	}
	return strings.Join(as, ",") + " (deprecated)"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/defaults"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/schemaexport"
)

// ComponentsOptions are the flags of `otelcfg components` and `components show`.
type ComponentsOptions struct {
	IO     *iostreams.IOStreams
	Class  string // "" for all
	Format string // text, wide or json
	Type   string // show: the type to describe
	// Width is the terminal width the text table fits (0: $COLUMNS, else 80).
	Width int
}

func newCmdComponents(io *iostreams.IOStreams) *cobra.Command {
	opts := &ComponentsOptions{IO: io}
	var wide bool
	cmd := &cobra.Command{
		Use:   "components",
		Short: "List the component types otelcfg knows, or describe one",
		Long: "List component types with class, whether their settings are checked against a schema,\n" +
			"and stability per signal, wrapped to fit the terminal ($COLUMNS, else 80 columns).\n" +
			"--wide (or --format wide) adds deprecated aliases and distributions, one line per type;\n" +
			"--format json prints every field.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if wide {
				if opts.Format != "text" && opts.Format != "wide" {
					return fmt.Errorf("--wide with --format %q: --wide is a text table", opts.Format)
				}
				opts.Format = "wide"
			}
			return runComponents(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Class, "class", "", "only this class: receiver, processor, exporter, connector or extension")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "text, wide or json")
	cmd.Flags().BoolVar(&wide, "wide", false, "every column (aliases, distributions), one line per type: same as --format wide")
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
	if opts.Format != "text" && opts.Format != "wide" && opts.Format != "json" {
		return fmt.Errorf("--format %q: want text, wide or json", opts.Format)
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
	if opts.Format == "text" {
		return narrowTable(opts.IO.Out, list, terminalWidth(opts.Width))
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCLASS\tSTABILITY\tALIASES\tDISTRIBUTIONS\tSCHEMA")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Type, c.Class, dash(stability(c.Stability)), dash(aliases(c.Aliases)), dash(strings.Join(c.Distributions, ",")), yesNo(c.Schema))
	}
	return tw.Flush()
}

// terminalWidth is w, else $COLUMNS, else 80 (what a terminal has when
// nothing says otherwise; a pipe gets the same table as a terminal).
func terminalWidth(w int) int {
	if w > 0 {
		return w
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

// narrowTable prints TYPE, CLASS, SCHEMA and STABILITY, the last grouped by
// level and wrapped onto continuation lines so that rows fit width (as far
// as the widest type name allows), the way kubectl keeps its default columns
// few and leaves the rest to -o wide.
func narrowTable(w io.Writer, list []componentJSON, width int) error {
	tw, cw := len("TYPE"), len("CLASS")
	for _, c := range list {
		tw, cw = max(tw, len(c.Type)), max(cw, len(c.Class))
	}
	const gap, sw = 2, len("SCHEMA")
	indent := tw + gap + cw + gap + sw + gap
	room := max(width-indent, 24) // below that, wrapping helps no one
	row := func(typ, class, schema, stab string) {
		line := fmt.Sprintf("%-*s%*s%-*s%*s%-*s%*s%s", tw, typ, gap, "", cw, class, gap, "", sw, schema, gap, "", stab)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	row("TYPE", "CLASS", "SCHEMA", "STABILITY")
	for _, c := range list {
		lines := wrapWords(dash(stabilityByLevel(c.Stability)), room)
		row(c.Type, c.Class, yesNo(c.Schema), lines[0])
		for _, l := range lines[1:] {
			row("", "", "", l)
		}
	}
	return nil
}

// levelOrder sorts stability levels from most to least mature.
var levelOrder = []string{"stable", "beta", "alpha", "development", "deprecated", "unmaintained"}

// stabilityByLevel groups signals by level, most mature first:
// "beta:logs,metrics,traces alpha:profiles".
func stabilityByLevel(m map[string]string) string {
	by := map[string][]string{}
	for sig, lvl := range m {
		by[lvl] = append(by[lvl], sig)
	}
	var parts []string
	for _, lvl := range levelOrder {
		if sigs := by[lvl]; len(sigs) > 0 {
			sort.Strings(sigs)
			parts = append(parts, lvl+":"+strings.Join(sigs, ","))
			delete(by, lvl)
		}
	}
	var rest []string // a level this list does not know: kept, after the others
	for lvl := range by {
		rest = append(rest, lvl)
	}
	sort.Strings(rest)
	for _, lvl := range rest {
		sigs := by[lvl]
		sort.Strings(sigs)
		parts = append(parts, lvl+":"+strings.Join(sigs, ","))
	}
	return strings.Join(parts, " ")
}

// wrapWords breaks s into lines of at most width bytes, after a space, a
// comma or a colon; a single word longer than width gets a line of its own.
func wrapWords(s string, width int) []string {
	var lines []string
	for len(s) > width {
		// The line ends before a space, else after a comma, else after a
		// colon: a level stays with its signals where it can.
		cut := strings.LastIndex(s[:width+1], " ")
		for _, sep := range []string{",", ":"} {
			if cut <= 0 {
				cut = strings.LastIndex(s[:width], sep) + 1
			}
		}
		if cut <= 0 {
			cut = strings.IndexAny(s, " ,:")
			if cut < 0 {
				break
			}
			if s[cut] != ' ' {
				cut++
			}
		}
		lines = append(lines, strings.TrimRight(s[:cut], " "))
		s = strings.TrimLeft(s[cut:], " ")
	}
	return append(lines, s)
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
	return printSettings(out, src, c)
}

// printSettings prints c's settings from its schema, each with its
// upstream default: the factory's (internal/defaults, generated from
// CreateDefaultConfig()) for the compiled-in components, else the
// schema's. Defaults of keys the schema does not list follow.
func printSettings(out io.Writer, src schemaexport.Source, c *catalog.Component) error {
	key := string(c.Class) + "/" + c.Type
	defs, compiled := defaults.Lookup(string(c.Class), c.Type)
	fields, ok, err := src.Fields(key)
	if err != nil {
		return err
	}
	var source string
	switch {
	case compiled && len(defs.Settings) == 0:
		source = "defaults: none (" + defs.Source() + " sets no setting)"
	case compiled:
		source = "defaults: " + defs.Source()
	case ok:
		source = "defaults: the schema's; " + c.Type + " is not compiled into otelcfg's plugin programs, so its factory's defaults are not known"
	default:
		source = c.Type + " is not compiled into otelcfg's plugin programs, so its factory's defaults are not known"
	}
	if !ok {
		reason := src.Unchecked[key]
		if reason == "" {
			reason = "no schema"
		}
		fmt.Fprintf(out, "\nsettings are not checked: %s\n", reason)
		if compiled && len(defs.Settings) > 0 {
			printDefaults(out, "defaults ("+defs.Source()+"):", defs.Settings)
		} else {
			fmt.Fprintln(out, source)
		}
		return nil
	}
	fmt.Fprintf(out, "\nsettings (schema: %s@%s; %s):\n", src.Index[key].Module, src.Index[key].Version, source)
	var rest []defaults.Setting
	if compiled {
		rest = defs.Settings
	}
	for _, f := range fields {
		var mine []defaults.Setting
		mine, rest = matchDefaults(f.Path, rest)
		line := "  " + f.Path
		if f.Required {
			line += " (required)"
		}
		line += ": " + f.Type
		switch {
		case len(mine) == 1 && mine[0].Path == f.Path:
			line += " = " + defaultText(mine[0].Value)
			mine = nil
		case !compiled && f.Default != "":
			line += " = " + f.Default
		}
		fmt.Fprintln(out, line)
		if f.Description != "" {
			fmt.Fprintf(out, "      %s\n", f.Description)
		}
		for _, d := range mine { // defaults of the names a <name> field stands for
			fmt.Fprintf(out, "      %s = %s\n", d.Path, defaultText(d.Value))
		}
	}
	printDefaults(out, "defaults of keys the schema does not list:", rest)
	return nil
}

// matchDefaults splits ds into those at path (a schema field path, where
// <name> stands for any key) and the others.
func matchDefaults(path string, ds []defaults.Setting) (match, rest []defaults.Setting) {
	var re *regexp.Regexp
	if strings.Contains(path, "<name>") {
		re = regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(path), "<name>", ".+") + "$")
	}
	for _, d := range ds {
		if d.Path == path || re != nil && re.MatchString(d.Path) {
			match = append(match, d)
		} else {
			rest = append(rest, d)
		}
	}
	return match, rest
}

func printDefaults(out io.Writer, title string, ds []defaults.Setting) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(out, "\n%s\n", title)
	for _, d := range ds {
		fmt.Fprintf(out, "  %s = %s\n", d.Path, defaultText(d.Value))
	}
}

// defaultText is a default as printed; null marks a section that is off
// unless written (the defaults under it apply when it is).
func defaultText(v string) string {
	if v == "null" {
		return "null (off unless present; present, it gets the defaults below)"
	}
	return v
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

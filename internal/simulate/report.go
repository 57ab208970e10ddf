package simulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// OutputName is the file under --out that holds what exporter id receives
// for signal: "otlp/trace" traces → otlp_trace.traces.jsonl.
func OutputName(id, signal string) string {
	return strings.NewReplacer("/", "_", string(os.PathSeparator), "_").Replace(id) + "." + signal + ".jsonl"
}

// WriteOutputs writes each exporter's lines under dir and records the file
// names in res.
func WriteOutputs(res *Result, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, x := range res.Exporters {
		var b bytes.Buffer
		for _, l := range x.Lines {
			b.Write(l)
			b.WriteByte('\n')
		}
		p := filepath.Join(dir, OutputName(x.ID, x.Signal))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return err
		}
		x.File = p
	}
	return nil
}

// WriteJSON writes res as one indented JSON document.
func WriteJSON(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// WriteText writes res as a table per pipeline.
func WriteText(w io.Writer, res *Result) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "config %s\n", res.Config)
	for _, in := range res.Inputs {
		fmt.Fprintf(&b, "input  %s: %d %s in %d batches\n", in.Signal, in.Items, in.Unit, in.Batches)
	}
	if len(res.Inputs) == 0 {
		fmt.Fprintf(&b, "input  nothing replayed\n")
	}
	for _, p := range res.Pipelines {
		fmt.Fprintf(&b, "\npipeline %s (%s)\n", p.ID, p.Unit)
		if len(p.Stages) == 0 {
			fmt.Fprintf(&b, "  not simulated\n")
			continue
		}
		fmt.Fprintf(&b, "  from %s\n", strings.Join(p.Receivers, ", "))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "  stage\tin\tout\tdropped\t\n")
		for _, st := range p.Stages {
			name := st.Component
			if st.Kind == "input" {
				name = "(receivers)"
			}
			note := ""
			if st.Error != "" {
				note = "  FAILED: " + st.Error
			}
			if st.Note != "" {
				note += "  " + st.Note
			}
			if st.Reason != "" {
				note += "  (" + st.Reason + ")"
			}
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%s\n", name, st.In, st.Out, st.Dropped, note)
		}
		tw.Flush()
		fmt.Fprintf(&b, "  to %s: %d %s\n", strings.Join(p.Exporters, ", "), p.Out, p.Unit)
	}
	if len(res.Exporters) > 0 {
		fmt.Fprintf(&b, "\nexporters\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, x := range res.Exporters {
			file := ""
			if x.File != "" {
				file = "→ " + x.File
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d %s\t%d batches\t%s\n", x.ID, x.Signal, x.Items, x.Unit, x.Batches, file)
		}
		tw.Flush()
	}
	if len(res.Notes) > 0 {
		fmt.Fprintf(&b, "\nnotes\n")
		for _, n := range res.Notes {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	if len(res.Failures) > 0 {
		fmt.Fprintf(&b, "\nFAILED: components failed, the output is incomplete\n")
		for _, f := range res.Failures {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteList writes the compiled-in components.
func WriteList(w io.Writer, asJSON bool) error {
	l, err := List()
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(l)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "KIND\tTYPE\tSIGNALS\tMODULE\tNOTE\n")
	for _, c := range l {
		typ := c.Type
		if len(c.Aliases) > 0 {
			typ += " (" + strings.Join(c.Aliases, ", ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Kind, typ, strings.Join(c.Signals, ","), c.Module, c.Note)
	}
	fmt.Fprintf(tw, "\nOther processors are passed through with a note; other connectors are an error. Receivers are\nreplaced by the recording and exporters by capture files.\n")
	return tw.Flush()
}

package graph

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Write renders graphs in format ("text", "mermaid" or "dot"). Several
// graphs (a multi-document file) become one diagram with a cluster per
// document, so the output stays one valid Mermaid or DOT document.
func Write(w io.Writer, format string, graphs []*Graph) error {
	var b strings.Builder
	switch format {
	case "text", "":
		for i, g := range graphs {
			if i > 0 {
				b.WriteString("\n")
			}
			writeText(&b, g)
		}
	case "mermaid":
		b.WriteString("flowchart LR\n")
		for i, g := range graphs {
			writeDiagram(&b, mermaid{}, g, i, len(graphs) > 1)
		}
	case "dot":
		b.WriteString("digraph otelcol {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
		for i, g := range graphs {
			writeDiagram(&b, dot{}, g, i, len(graphs) > 1)
		}
		b.WriteString("}\n")
	default:
		return fmt.Errorf("unknown graph format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeText(b *strings.Builder, g *Graph) {
	fmt.Fprintf(b, "%s\n", g.Label)
	if len(g.Pipelines) == 0 {
		b.WriteString("  no pipelines\n")
	}
	for _, p := range g.Pipelines {
		fmt.Fprintf(b, "  pipeline %s [%s]\n", p.ID, p.Signal)
		fmt.Fprintf(b, "    receivers:  %s\n", g.textList(p.Receivers, ", "))
		fmt.Fprintf(b, "    processors: %s\n", g.textList(p.Processors, " → "))
		fmt.Fprintf(b, "    exporters:  %s\n", g.textList(p.Exporters, ", "))
	}
	for _, c := range g.Connectors {
		fmt.Fprintf(b, "  connector %s: %s → %s\n", c.ID, g.pipeList(c.From), g.pipeList(c.To))
	}
	if len(g.Extensions) > 0 {
		fmt.Fprintf(b, "  extensions: %s\n", strings.Join(g.Extensions, ", "))
	}
}

// textList joins ids, marking connectors.
func (g *Graph) textList(ids []string, sep string) string {
	if len(ids) == 0 {
		return "-"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if g.IsConnector(id) {
			out[i] += " (connector)"
		}
	}
	return strings.Join(out, sep)
}

// pipeList names pipelines with their signals: "traces [traces], metrics/x [metrics]".
func (g *Graph) pipeList(ids []string) string {
	if len(ids) == 0 {
		return "(nothing)"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = fmt.Sprintf("%s [%s]", id, g.signalOf(id))
	}
	return strings.Join(out, ", ")
}

// kind of a node, which decides its shape.
type kind int

const (
	receiver kind = iota
	processor
	exporter
	connector
)

// dialect writes the syntax of one diagram language.
type dialect interface {
	comment(b *strings.Builder, indent, text string)
	node(b *strings.Builder, indent, id, label string, k kind)
	begin(b *strings.Builder, indent, id, label string)
	end(b *strings.Builder, indent string)
	edge(b *strings.Builder, indent, from, to, label string)
}

// writeDiagram writes g's nodes and edges. Receivers, exporters and
// connectors are one node each (the collector shares them between
// pipelines); processors are one node per pipeline (each pipeline has its
// own instance), grouped in a cluster named after the pipeline. Edges into
// and out of a pipeline are labelled with the pipeline ID, whose first part
// is its signal; a connector's edges show the signal it converts from and to.
func writeDiagram(b *strings.Builder, d dialect, g *Graph, gi int, wrap bool) {
	indent, prefix := "  ", ""
	if wrap {
		prefix = "d" + strconv.Itoa(gi+1) + "_"
		d.begin(b, indent, prefix[:len(prefix)-1], g.Label)
		indent += "  "
	} else {
		d.comment(b, indent, g.Label)
	}
	ids := map[string]string{} // "r:otlp" → node ID
	for i, id := range g.Receivers {
		ids["r:"+id] = prefix + "r" + strconv.Itoa(i)
		d.node(b, indent, ids["r:"+id], id, receiver)
	}
	for i, id := range g.Exporters {
		ids["e:"+id] = prefix + "e" + strconv.Itoa(i)
		d.node(b, indent, ids["e:"+id], id, exporter)
	}
	for i, c := range g.Connectors {
		ids["c:"+c.ID] = prefix + "c" + strconv.Itoa(i)
		d.node(b, indent, ids["c:"+c.ID], c.ID, connector)
	}
	for pi, p := range g.Pipelines {
		if len(p.Processors) == 0 {
			continue
		}
		pid := prefix + "p" + strconv.Itoa(pi)
		d.begin(b, indent, pid, "pipeline "+p.ID)
		for j, id := range p.Processors {
			d.node(b, indent+"  ", pid+"_"+strconv.Itoa(j), id, processor)
		}
		d.end(b, indent)
	}
	seen := map[[3]string]bool{}
	edge := func(from, to, label string) {
		k := [3]string{from, to, label}
		if seen[k] {
			return
		}
		seen[k] = true
		d.edge(b, indent, from, to, label)
	}
	for pi, p := range g.Pipelines {
		pid := prefix + "p" + strconv.Itoa(pi)
		var ins, outs []string
		for _, id := range p.Receivers {
			if g.IsConnector(id) {
				ins = append(ins, ids["c:"+id])
			} else {
				ins = append(ins, ids["r:"+id])
			}
		}
		for _, id := range p.Exporters {
			if g.IsConnector(id) {
				outs = append(outs, ids["c:"+id])
			} else {
				outs = append(outs, ids["e:"+id])
			}
		}
		if len(p.Processors) == 0 {
			for _, in := range ins {
				for _, out := range outs {
					edge(in, out, p.ID)
				}
			}
			continue
		}
		first, last := pid+"_0", pid+"_"+strconv.Itoa(len(p.Processors)-1)
		for _, in := range ins {
			edge(in, first, p.ID)
		}
		for j := 1; j < len(p.Processors); j++ {
			edge(pid+"_"+strconv.Itoa(j-1), pid+"_"+strconv.Itoa(j), "")
		}
		for _, out := range outs {
			edge(last, out, p.ID)
		}
	}
	if wrap {
		d.end(b, "  ")
	}
}

type mermaid struct{}

func (mermaid) comment(b *strings.Builder, indent, text string) {
	fmt.Fprintf(b, "%s%%%% %s\n", indent, strings.ReplaceAll(text, "\n", " "))
}

func (mermaid) node(b *strings.Builder, indent, id, label string, k kind) {
	open, close := "[", "]"
	switch k {
	case receiver:
		open, close = "([", "])"
	case exporter:
		open, close = "[[", "]]"
	case connector:
		open, close = "{{", "}}"
	}
	fmt.Fprintf(b, "%s%s%s%s%s\n", indent, id, open, mermaidText(label), close)
}

func (mermaid) begin(b *strings.Builder, indent, id, label string) {
	fmt.Fprintf(b, "%ssubgraph %s[%s]\n", indent, id, mermaidText(label))
}

func (mermaid) end(b *strings.Builder, indent string) { fmt.Fprintf(b, "%send\n", indent) }

func (mermaid) edge(b *strings.Builder, indent, from, to, label string) {
	if label == "" {
		fmt.Fprintf(b, "%s%s --> %s\n", indent, from, to)
		return
	}
	fmt.Fprintf(b, "%s%s -->|%s| %s\n", indent, from, mermaidText(label), to)
}

// mermaidText quotes a label; Mermaid has no backslash escapes, only entities.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ")
	return `"` + r.Replace(s) + `"`
}

type dot struct{}

func (dot) comment(b *strings.Builder, indent, text string) {
	fmt.Fprintf(b, "%s// %s\n", indent, strings.ReplaceAll(text, "\n", " "))
}

func (dot) node(b *strings.Builder, indent, id, label string, k kind) {
	attrs := ""
	switch k {
	case receiver:
		attrs = ", style=rounded"
	case exporter:
		attrs = ", style=bold"
	case connector:
		attrs = ", shape=hexagon"
	}
	fmt.Fprintf(b, "%s%s [label=%s%s];\n", indent, id, strconv.Quote(label), attrs)
}

func (dot) begin(b *strings.Builder, indent, id, label string) {
	fmt.Fprintf(b, "%ssubgraph cluster_%s {\n%s  label=%s;\n", indent, id, indent, strconv.Quote(label))
}

func (dot) end(b *strings.Builder, indent string) { fmt.Fprintf(b, "%s}\n", indent) }

func (dot) edge(b *strings.Builder, indent, from, to, label string) {
	if label == "" {
		fmt.Fprintf(b, "%s%s -> %s;\n", indent, from, to)
		return
	}
	fmt.Fprintf(b, "%s%s -> %s [label=%s];\n", indent, from, to, strconv.Quote(label))
}

// Package graph draws the pipeline graph of a collector config: receivers →
// processors → exporters per pipeline, and connectors joining pipelines,
// with edges labelled by signal. It reads configs with the same loader as
// lint (plain configs, Helm values through a HelmRenderer, operator CRs,
// ConfigMaps), so a Helm values file is drawn as the chart renders it.
//
// Output is deterministic: pipelines are sorted by ID, shared components
// (receivers, exporters, connectors) by ID, and processors keep their
// pipeline order, which is the order data flows through them.
package graph

import (
	"fmt"
	"sort"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "mermaid", "dot"}

// Graph is the pipeline graph of one collector configuration.
type Graph struct {
	File  string // input path
	Label string // "file" or "file (OpenTelemetryCollector ns/name)"

	Pipelines  []*Pipeline  // sorted by ID
	Connectors []*Connector // sorted by ID
	Extensions []string     // service.extensions, as listed

	Receivers []string // IDs used as receivers that are not connectors, sorted
	Exporters []string // IDs used as exporters that are not connectors, sorted
}

// Pipeline is one entry of service.pipelines.
type Pipeline struct {
	ID         string
	Signal     string
	Receivers  []string // includes connectors used as receivers
	Processors []string
	Exporters  []string // includes connectors used as exporters
}

// Connector joins the pipelines it exports from to those it receives into.
type Connector struct {
	ID   string
	From []string // pipelines that use it as an exporter, sorted
	To   []string // pipelines that use it as a receiver, sorted
}

// Load reads path ("-" for stdin) with opts and returns the graph of every
// collector configuration in it. Pass chart.HelmRender as opts.HelmRender
// to draw Helm values with the chart's defaults, as lint checks them.
func Load(path string, opts config.Options) ([]*Graph, error) {
	docs, err := config.LoadFile(path, opts)
	if err != nil {
		return nil, err
	}
	return FromDocuments(docs)
}

// FromDocuments builds one graph per document that holds a config. It fails
// when none does, with the first problem that says why.
func FromDocuments(docs []*config.Document) ([]*Graph, error) {
	var out []*Graph
	for _, d := range docs {
		if d.Config == nil {
			continue
		}
		g := Build(config.BuildCollector(d.Config, d.ConfigPath))
		g.File = d.File
		g.Label = d.File
		if d.Name != "" {
			g.Label += " (" + d.Name + ")"
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		file := ""
		if len(docs) > 0 {
			file = docs[0].File
		}
		for _, d := range docs {
			for _, p := range d.Problems {
				return nil, fmt.Errorf("%s: no collector config to draw: %s", p.Pos, p.Message)
			}
		}
		return nil, fmt.Errorf("%s: no collector config to draw", file)
	}
	return out, nil
}

// Build turns a collector model into its graph. A reference to a component
// defined under connectors: is a connector; every other reference is drawn
// as what its list says, defined or not (lint reports undefined ones).
func Build(c *config.Collector) *Graph {
	g := &Graph{}
	isConnector := map[string]bool{}
	for _, comp := range c.Components["connectors"] {
		isConnector[comp.ID] = true
	}
	for _, e := range c.Extensions {
		g.Extensions = append(g.Extensions, e.ID)
	}
	conns := map[string]*Connector{}
	conn := func(id string) *Connector {
		if conns[id] == nil {
			conns[id] = &Connector{ID: id}
		}
		return conns[id]
	}
	receivers, exporters := map[string]bool{}, map[string]bool{}
	for _, cp := range c.Pipelines {
		p := &Pipeline{ID: cp.ID, Signal: cp.Signal}
		for _, r := range cp.Receivers {
			p.Receivers = append(p.Receivers, r.ID)
			if isConnector[r.ID] {
				conn(r.ID).To = appendUnique(conn(r.ID).To, p.ID)
			} else {
				receivers[r.ID] = true
			}
		}
		for _, r := range cp.Processors {
			p.Processors = append(p.Processors, r.ID)
		}
		for _, r := range cp.Exporters {
			p.Exporters = append(p.Exporters, r.ID)
			if isConnector[r.ID] {
				conn(r.ID).From = appendUnique(conn(r.ID).From, p.ID)
			} else {
				exporters[r.ID] = true
			}
		}
		g.Pipelines = append(g.Pipelines, p)
	}
	sort.SliceStable(g.Pipelines, func(i, j int) bool { return g.Pipelines[i].ID < g.Pipelines[j].ID })
	for _, cn := range conns {
		sort.Strings(cn.From)
		sort.Strings(cn.To)
		g.Connectors = append(g.Connectors, cn)
	}
	sort.Slice(g.Connectors, func(i, j int) bool { return g.Connectors[i].ID < g.Connectors[j].ID })
	g.Receivers = sortedKeys(receivers)
	g.Exporters = sortedKeys(exporters)
	return g
}

// IsConnector reports whether id is one of g's connectors.
func (g *Graph) IsConnector(id string) bool { return g.connector(id) != nil }

func (g *Graph) connector(id string) *Connector {
	i := sort.Search(len(g.Connectors), func(i int) bool { return g.Connectors[i].ID >= id })
	if i < len(g.Connectors) && g.Connectors[i].ID == id {
		return g.Connectors[i]
	}
	return nil
}

// signalOf returns the signal of the pipeline with id ("" when unknown).
func (g *Graph) signalOf(id string) string {
	for _, p := range g.Pipelines {
		if p.ID == id {
			return p.Signal
		}
	}
	return ""
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

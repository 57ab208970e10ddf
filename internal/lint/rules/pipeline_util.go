package rules

import (
	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Helpers shared by the pipeline-practice rules that depend on how the
// collector is deployed (batch, memory_limiter and sampler order, retries).

// isManagedCollector is true for Helm values and OpenTelemetryCollector
// resources other than sidecars: long-running collectors of their own.
func isManagedCollector(doc *config.Document) bool {
	switch doc.Kind {
	case config.KindHelmValues:
		return true
	case config.KindOperatorCR:
		return ruleutil.ModeOf(doc) != "sidecar"
	}
	return false
}

// isGateway is true for a Helm release or CR that runs as a deployment or
// statefulset: a central tier that receives from many senders.
func isGateway(doc *config.Document) bool {
	if doc.Kind != config.KindHelmValues && doc.Kind != config.KindOperatorCR {
		return false
	}
	m := ruleutil.ModeOf(doc)
	return m == "deployment" || m == "statefulset"
}

// isAgent is true for a collector running on every node or in every pod:
// Helm daemonset, CR daemonset or sidecar.
func isAgent(doc *config.Document) bool {
	if doc.Kind != config.KindHelmValues && doc.Kind != config.KindOperatorCR {
		return false
	}
	m := ruleutil.ModeOf(doc)
	return m == "daemonset" || m == "sidecar" && doc.Kind == config.KindOperatorCR
}

// listRef is one entry of a pipeline list, with its canonical type and
// whether the chart (a default or a preset) put it there.
type listRef struct {
	config.Ref
	Type   string
	Origin string
}

// pipelineList returns the entries of list ("receivers", "processors",
// "exporters") of pipeline p.
func pipelineList(cat *catalog.Catalog, p *config.Pipeline, list string) []listRef {
	n := p.Node.Get(list)
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	section := list
	var out []listRef
	for i, it := range n.Items {
		if it.Kind != config.ScalarNode {
			continue
		}
		out = append(out, listRef{
			Ref:    config.Ref{ID: it.Value, Pos: it.Pos, Path: config.IndexPath(config.JoinPath(p.Path, list), i)},
			Type:   ruleutil.ComponentType(cat, section, it.Value),
			Origin: it.Origin,
		})
	}
	return out
}

// fedByConnectorsOnly is true when every receiver of p is a connector: the
// data was already admitted (and limited) by the pipeline feeding it.
func fedByConnectorsOnly(c *config.Collector, p *config.Pipeline) bool {
	if len(p.Receivers) == 0 {
		return false
	}
	for _, r := range p.Receivers {
		if ruleutil.Defined(c, "connectors", r.ID) == nil {
			return false
		}
	}
	return true
}

// sinkExporters are exporters that send nothing anywhere.
var sinkExporters = map[string]bool{"debug": true, "nop": true}

// listPos is where to report about list ("processors", ...) of p: the list
// key when written, else the pipeline key.
func listPos(p *config.Pipeline, list string) (config.Pos, string) {
	if e := p.Node.Entry(list); e != nil && e.Value.Origin == "" {
		return e.KeyPos, p.Path + "." + list
	}
	return p.KeyPos, p.Path
}

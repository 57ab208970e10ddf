package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// lookupRef finds the catalog entry of a pipeline reference, if both the
// definition and the type are known.
func lookupRef(pass *lint.Pass, list string, id string) (*config.Component, *catalog.Component) {
	def := resolve(pass.Collector, list, id)
	if def == nil {
		return nil, nil
	}
	comp, ok := pass.Catalog.Lookup(ruleutil.ClassOf(def.Section), def.Type)
	if !ok {
		return def, nil
	}
	return def, comp
}

// signalsOf lists the signals a receiver/processor/exporter supports.
func signalsOf(c *catalog.Component) []string {
	var out []string
	for _, s := range config.Signals {
		if c.Supports(s) {
			out = append(out, s)
		}
	}
	return out
}

// UnsupportedSignal reports components placed in a pipeline of a signal
// they do not handle.
var UnsupportedSignal = register(&lint.Rule{
	ID:       "unsupported-signal",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A component does not support the pipeline's signal",
		Text:      "Each receiver, processor and exporter supports some of traces, metrics, logs and profiles (its metadata says which). The collector fails to build a pipeline that puts a component in a signal it does not handle, e.g. the zipkin receiver in a metrics pipeline.",
		Bad:       "receivers:\n  zipkin:\nexporters:\n  debug:\nservice:\n  pipelines:\n    metrics:\n      receivers: [zipkin]\n      exporters: [debug]\n",
		Good:      "receivers:\n  zipkin:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [zipkin]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		eachPipelineRef(pass, func(p *config.Pipeline, list string, r config.Ref) {
			def, comp := lookupRef(pass, list, r.ID)
			if comp == nil || def.Section == "connectors" || !comp.SignalsKnown() || comp.Supports(p.Signal) {
				return
			}
			pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path,
				Message: fmt.Sprintf("%s %q does not support %s (it supports %s): remove it from pipeline %q or move it to a pipeline of a supported signal",
					ruleutil.ClassOf(def.Section), r.ID, p.Signal, strings.Join(signalsOf(comp), ", "), p.ID),
				Related: []lint.Related{{Pos: def.KeyPos, Message: "defined here"}}})
		})
		return nil
	},
})

// connectorUse is where one connector appears.
type connectorUse struct {
	asExporter []*config.Pipeline
	asReceiver []*config.Pipeline
	expRefs    map[*config.Pipeline]config.Ref
	rcvRefs    map[*config.Pipeline]config.Ref
}

func connectorUses(pass *lint.Pass) (map[string]*connectorUse, []string) {
	uses := map[string]*connectorUse{}
	var ids []string
	eachPipelineRef(pass, func(p *config.Pipeline, list string, r config.Ref) {
		if list == "processors" || ruleutil.Defined(pass.Collector, "connectors", r.ID) == nil {
			return
		}
		if list == "receivers" && ruleutil.Defined(pass.Collector, "receivers", r.ID) != nil {
			return // a receiver of the same ID wins the lookup
		}
		if list == "exporters" && ruleutil.Defined(pass.Collector, "exporters", r.ID) != nil {
			return
		}
		u := uses[r.ID]
		if u == nil {
			u = &connectorUse{expRefs: map[*config.Pipeline]config.Ref{}, rcvRefs: map[*config.Pipeline]config.Ref{}}
			uses[r.ID] = u
			ids = append(ids, r.ID)
		}
		if list == "exporters" {
			u.asExporter = append(u.asExporter, p)
			u.expRefs[p] = r
		} else {
			u.asReceiver = append(u.asReceiver, p)
			u.rcvRefs[p] = r
		}
	})
	sort.Strings(ids)
	return uses, ids
}

// connects reports whether connector type comp can join signal from to signal
// to; unknown components and unknown signals are given the benefit of doubt.
func connects(comp *catalog.Component, from, to string) bool {
	return comp == nil || !comp.SignalsKnown() || comp.SupportsConnection(from, to)
}

// ConnectorUnpaired reports connectors whose use as exporter or receiver
// has no matching, supported use on the other side.
var ConnectorUnpaired = register(&lint.Rule{
	ID:       "connector-unpaired",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A connector is not joined to a pipeline it can feed",
		Text:      "A connector is the exporter of one pipeline and the receiver of another. For every signal it is exported from, some pipeline must receive from it with a signal pair the connector supports (e.g. span_metrics turns traces into metrics), and the other way round. Otherwise the collector refuses to build the pipelines.",
		Bad:       "connectors:\n  span_metrics:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [span_metrics]\n",
		Good:      "connectors:\n  span_metrics:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [span_metrics]\n    metrics:\n      receivers: [span_metrics]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		uses, ids := connectorUses(pass)
		for _, id := range ids {
			u := uses[id]
			def := ruleutil.Defined(pass.Collector, "connectors", id)
			comp, _ := pass.Catalog.Lookup(catalog.Connector, def.Type)
			for _, p := range u.asExporter {
				if anyPipeline(u.asReceiver, func(q *config.Pipeline) bool { return connects(comp, p.Signal, q.Signal) }) {
					continue
				}
				r := u.expRefs[p]
				msg := fmt.Sprintf("connector %q is used as exporter in %s pipeline %q but not as a receiver in any pipeline: add it to the receivers of the pipeline it should feed", id, p.Signal, p.ID)
				if len(u.asReceiver) > 0 {
					msg = fmt.Sprintf("connector %q is used as exporter in %s pipeline %q but no pipeline receiving from it has a signal it can produce from %s%s", id, p.Signal, p.ID, p.Signal, supportedPairs(comp))
				}
				pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path, Message: msg})
			}
			for _, q := range u.asReceiver {
				if anyPipeline(u.asExporter, func(p *config.Pipeline) bool { return connects(comp, p.Signal, q.Signal) }) {
					continue
				}
				r := u.rcvRefs[q]
				msg := fmt.Sprintf("connector %q is used as receiver in %s pipeline %q but not as an exporter in any pipeline: add it to the exporters of the pipeline it should read from", id, q.Signal, q.ID)
				if len(u.asExporter) > 0 {
					msg = fmt.Sprintf("connector %q is used as receiver in %s pipeline %q but no pipeline exporting to it has a signal it can turn into %s%s", id, q.Signal, q.ID, q.Signal, supportedPairs(comp))
				}
				pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path, Message: msg})
			}
		}
		return nil
	},
})

func anyPipeline(ps []*config.Pipeline, f func(*config.Pipeline) bool) bool {
	for _, p := range ps {
		if f(p) {
			return true
		}
	}
	return false
}

func supportedPairs(comp *catalog.Component) string {
	if comp == nil || !comp.SignalsKnown() {
		return ""
	}
	var pairs []string
	for k := range comp.Stability {
		pairs = append(pairs, strings.Replace(k, "_to_", "→", 1))
	}
	sort.Strings(pairs)
	return fmt.Sprintf(" (%s supports %s)", comp.Type, strings.Join(pairs, ", "))
}

// ConnectorCycle reports pipelines that feed themselves through connectors.
var ConnectorCycle = register(&lint.Rule{
	ID:       "connector-cycle",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "Connectors join pipelines in a cycle",
		Text:      "Data must flow from receivers to exporters without coming back: a pipeline that exports to a connector which (directly or through other pipelines) feeds the same pipeline makes the collector refuse the config.",
		Bad:       "connectors:\n  forward:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp, forward]\n      exporters: [forward]\n",
		Good:      "connectors:\n  forward:\nservice:\n  pipelines:\n    traces/in:\n      receivers: [otlp]\n      exporters: [forward]\n    traces/out:\n      receivers: [forward]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		uses, ids := connectorUses(pass)
		type edge struct {
			to   *config.Pipeline
			conn string
		}
		out := map[*config.Pipeline][]edge{}
		for _, id := range ids {
			u := uses[id]
			def := ruleutil.Defined(pass.Collector, "connectors", id)
			comp, _ := pass.Catalog.Lookup(catalog.Connector, def.Type)
			for _, p := range u.asExporter {
				for _, q := range u.asReceiver {
					if connects(comp, p.Signal, q.Signal) {
						out[p] = append(out[p], edge{q, id})
					}
				}
			}
		}
		// Depth-first search in pipeline order; report each cycle once, at
		// the connector reference that closes it.
		const (
			unseen = iota
			active
			done
		)
		state := map[*config.Pipeline]int{}
		var stack []*config.Pipeline
		var visit func(p *config.Pipeline)
		visit = func(p *config.Pipeline) {
			state[p] = active
			stack = append(stack, p)
			for _, e := range out[p] {
				switch state[e.to] {
				case unseen:
					visit(e.to)
				case active:
					var names []string
					for i := len(stack) - 1; i >= 0; i-- {
						names = append([]string{stack[i].ID}, names...)
						if stack[i] == e.to {
							break
						}
					}
					r := uses[e.conn].expRefs[p]
					pass.Reportf(r.Pos, r.Path, "connector %q closes a cycle: pipelines %s → %s; data would loop forever, so the collector refuses it: break the cycle", e.conn, strings.Join(names, " → "), e.to.ID)
				}
			}
			stack = stack[:len(stack)-1]
			state[p] = done
		}
		for _, p := range pass.Collector.Pipelines {
			if state[p] == unseen {
				visit(p)
			}
		}
		return nil
	},
})

package simulate

import (
	"fmt"
	"slices"
	"sort"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/processor"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/components"
	"github.com/otelcfg/otelcfg/internal/config"
)

// The replay takes its factories from the component set the collector
// program links (package components, the set lint's exact layer runs), and
// runs for real the processors and connectors listed here: those whose
// effect on data a replay shows deterministically, each with a fidelity
// case compared with a real collector (testdata/simulate/fidelity). Any
// other compiled-in processor is passed through with a note (its settings
// are still decoded and validated); any other connector is refused, since
// a replay cannot know what it would emit.
var (
	replayedProcessors = []string{
		"attributes", "batch", "cumulative_to_delta", "delta_to_cumulative", "filter",
		"groupbyattrs", "memory_limiter", "metrics_transform", "probabilistic_sampler",
		"redaction", "resource", "resource_detection", "tail_sampling", "transform",
	}
	replayedConnectors = []string{"count", "forward", "routing", "span_metrics"}
)

// compiled is every compiled-in factory (keyed by type and by deprecated
// alias, as in the collector), or the error that building them gave.
var compiled, compiledErr = components.Factories()

// processorFactories and connectorFactories are the components a replay
// runs, by type. resource_detection is the replay's own: its env detector
// from the replay's environment (resourcedetection.go); the real one's
// other detectors read the host, a cloud or Kubernetes.
var (
	processorFactories = replayFactories(compiled.Processors, replayedProcessors, map[string]processor.Factory{
		"resource_detection": newResourceDetectionFactory(),
	})
	connectorFactories = replayFactories(compiled.Connectors, replayedConnectors, nil)
)

// replayFactories picks types from all (own replaces a compiled-in
// factory); a listed type that is not compiled in is left out.
func replayFactories[F component.Factory](all map[component.Type]F, types []string, own map[string]F) map[string]F {
	out := map[string]F{}
	for _, typ := range types {
		if f, ok := own[typ]; ok {
			out[typ] = f
		} else if f, ok := all[typeOf(typ)]; ok {
			out[typ] = f
		}
	}
	return out
}

// typeOf is typ as a component type; an invalid name is the zero type,
// which no factory map holds.
func typeOf(typ string) component.Type {
	t, _ := component.NewType(typ)
	return t
}

// passThrough are replayed processors a replay deliberately does not run:
// their config is checked, the data goes through unchanged.
var passThrough = map[string]string{
	"memory_limiter": "a replay does not model memory pressure",
}

// notCompiled says why processors users often have are not compiled in
// (a dry run passes them through), by type.
var notCompiled = map[string]string{
	"k8s_attributes": "needs the Kubernetes API",
}

// canonical is the type typ names in class: a deprecated alias resolves to
// its component's type (the catalog's aliases, from each module's
// metadata.yaml at the pinned release).
func canonical(class catalog.Class, typ string) string {
	if c, ok := catalog.Default().Lookup(class, typ); ok {
		return c.Type
	}
	return typ
}

// replayable says whether a replay runs pipelines of signal sig (one of
// config.Signals): profiles are not replayed.
func replayable(sig string) bool { return sig == "traces" || sig == "metrics" || sig == "logs" }

// replaySignals are the signals a replay runs, in config.Signals' order.
func replaySignals() []string {
	var out []string
	for _, s := range config.Signals {
		if replayable(s) {
			out = append(out, s)
		}
	}
	return out
}

// Component is one compiled-in component, for --list.
type Component struct {
	Kind    string   `json:"kind"` // processor or connector
	Type    string   `json:"type"`
	Aliases []string `json:"aliases,omitempty"`
	Module  string   `json:"module"`
	Signals []string `json:"signals"` // processors: signals; connectors: "traces->metrics"
	Note    string   `json:"note,omitempty"`
}

// listNotes say what a replay does with a replayed component, by type.
var listNotes = map[string]string{
	"batch":               "cut by size and by timeout on the recording's time; the rest flushed at the end",
	"tail_sampling":       "decides decision_wait after a trace's first span, on the recording's time",
	"delta_to_cumulative": "accumulates across the whole replay (max_stale is measured on the wall clock)",
	"resource_detection":  "env detector only, from the replay's environment (--env, --env-file); other detectors noted as not simulated",
	"span_metrics":        "flushes every metrics_flush_interval of the recording's time (fake clock)",
}

// module names the Go module of a compiled-in component, path@version.
func module(class catalog.Class, typ string) string {
	for _, m := range components.Modules() {
		if m.Class == class && m.Type == typ {
			s := m.Path + "@" + m.Version
			if class == catalog.Processor && typ == "resource_detection" {
				s += " (env detector; reimplemented, see docs/simulate.md)"
			}
			return s
		}
	}
	return ""
}

// List returns the compiled-in processors and connectors, sorted by kind
// and type: those a replay runs, and the others with what a replay does
// with them.
func List() ([]Component, error) {
	if compiledErr != nil {
		return nil, fmt.Errorf("compiled-in components: %w", compiledErr)
	}
	var out []Component
	for _, m := range components.Modules() {
		var c Component
		switch m.Class {
		case catalog.Processor:
			c = listProcessor(m.Type)
		case catalog.Connector:
			c = listConnector(m.Type)
		default:
			continue
		}
		c.Type, c.Module = m.Type, module(m.Class, m.Type)
		if cc, ok := catalog.Default().Lookup(m.Class, m.Type); ok {
			c.Aliases = slices.Sorted(slices.Values(cc.DeprecatedTypes))
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind > out[j].Kind // processors first
		}
		return out[i].Type < out[j].Type
	})
	return out, nil
}

func listProcessor(typ string) Component {
	c := Component{Kind: "processor", Note: listNotes[typ]}
	f, replayed := processorFactories[typ]
	if !replayed {
		f = compiled.Processors[typeOf(typ)]
		c.Note = "passed through: not replayed (its settings are checked)"
	} else if why, ok := passThrough[typ]; ok {
		c.Note = "passed through: " + why
	}
	if f.TracesStability() != 0 {
		c.Signals = append(c.Signals, "traces")
	}
	if f.MetricsStability() != 0 {
		c.Signals = append(c.Signals, "metrics")
	}
	if f.LogsStability() != 0 {
		c.Signals = append(c.Signals, "logs")
	}
	return c
}

func listConnector(typ string) Component {
	c := Component{Kind: "connector", Note: listNotes[typ]}
	f, replayed := connectorFactories[typ]
	if !replayed {
		f = compiled.Connectors[typeOf(typ)]
		c.Note = "not replayed: a config that uses it is refused"
	}
	for _, from := range replaySignals() {
		for _, to := range replaySignals() {
			if connectorStability(f, from, to) {
				c.Signals = append(c.Signals, from+"->"+to)
			}
		}
	}
	return c
}

func connectorStability(f connector.Factory, from, to string) bool {
	var l interface{ String() string }
	switch from + ">" + to {
	case "traces>traces":
		l = f.TracesToTracesStability()
	case "traces>metrics":
		l = f.TracesToMetricsStability()
	case "traces>logs":
		l = f.TracesToLogsStability()
	case "metrics>traces":
		l = f.MetricsToTracesStability()
	case "metrics>metrics":
		l = f.MetricsToMetricsStability()
	case "metrics>logs":
		l = f.MetricsToLogsStability()
	case "logs>traces":
		l = f.LogsToTracesStability()
	case "logs>metrics":
		l = f.LogsToMetricsStability()
	case "logs>logs":
		l = f.LogsToLogsStability()
	}
	return l != nil && l.String() != "Undefined"
}

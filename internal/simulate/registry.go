package simulate

import (
	"sort"

	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/connector/forwardconnector"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/batchprocessor"
	"go.opentelemetry.io/collector/processor/memorylimiterprocessor"

	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/countconnector"
	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/routingconnector"
	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/attributesprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/cumulativetodeltaprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/deltatocumulativeprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/groupbyattrsprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/metricstransformprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/probabilisticsamplerprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/redactionprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/resourceprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/transformprocessor"
)

// Versions of the compiled-in component modules (go.mod pins them; this is
// what --list prints).
const (
	coreVersion    = "v0.158.0"
	contribVersion = "v0.158.0"
	routingVersion = "v0.149.0"
)

// processorFactories are the processors a replay runs for real.
var processorFactories = func() map[string]processor.Factory {
	m := map[string]processor.Factory{}
	for _, f := range []processor.Factory{
		batchprocessor.NewFactory(),
		memorylimiterprocessor.NewFactory(),
		attributesprocessor.NewFactory(),
		resourceprocessor.NewFactory(),
		filterprocessor.NewFactory(),
		transformprocessor.NewFactory(),
		probabilisticsamplerprocessor.NewFactory(),
		tailsamplingprocessor.NewFactory(),
		redactionprocessor.NewFactory(),
		groupbyattrsprocessor.NewFactory(),
		cumulativetodeltaprocessor.NewFactory(),
		deltatocumulativeprocessor.NewFactory(),
		metricstransformprocessor.NewFactory(),
		newResourceDetectionFactory(), // the env detector (resourcedetection.go)
	} {
		m[f.Type().String()] = f
	}
	return m
}()

// connectorFactories are the connectors a replay runs for real.
//
// Not the exceptions connector: the module proxy serves no v0.158.0 of it
// (nor v0.155.0, v0.159.0), and v0.157.0 asserts xconfmap.Validator, which
// xconfmap v0.158.0 (required by countconnector and probabilisticsampler
// v0.158.0) no longer has, so it does not compile against the pinned core.
var connectorFactories = func() map[string]connector.Factory {
	m := map[string]connector.Factory{}
	for _, f := range []connector.Factory{
		forwardconnector.NewFactory(),
		countconnector.NewFactory(),
		routingconnector.NewFactory(),
		spanmetricsconnector.NewFactory(),
	} {
		m[f.Type().String()] = f
	}
	return m
}()

// aliases are deprecated type names the factories still accept (from each
// module's metadata.yaml at the pinned version).
var aliases = map[string]string{
	"spanmetrics":       "span_metrics",
	"cumulativetodelta": "cumulative_to_delta",
	"deltatocumulative": "delta_to_cumulative",
	"metricstransform":  "metrics_transform",
	"resourcedetection": "resource_detection",
}

// passThrough are compiled-in processors a replay deliberately does not
// run: their config is checked, the data goes through unchanged.
var passThrough = map[string]string{
	"memory_limiter": "a replay does not model memory pressure",
}

// knownNotCompiled are processors users often have that are not compiled
// in, with why a dry run passes them through.
var knownNotCompiled = map[string]string{
	"k8s_attributes": "needs the Kubernetes API",
	"k8sattributes":  "needs the Kubernetes API",
}

func canonical(typ string) string {
	if c, ok := aliases[typ]; ok {
		return c
	}
	return typ
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

var modules = map[string]string{
	"batch":                 "go.opentelemetry.io/collector/processor/batchprocessor@" + coreVersion,
	"memory_limiter":        "go.opentelemetry.io/collector/processor/memorylimiterprocessor@" + coreVersion,
	"forward":               "go.opentelemetry.io/collector/connector/forwardconnector@" + coreVersion,
	"attributes":            contrib("processor/attributesprocessor"),
	"resource":              contrib("processor/resourceprocessor"),
	"filter":                contrib("processor/filterprocessor"),
	"transform":             contrib("processor/transformprocessor"),
	"probabilistic_sampler": contrib("processor/probabilisticsamplerprocessor"),
	"tail_sampling":         contrib("processor/tailsamplingprocessor"),
	"redaction":             contrib("processor/redactionprocessor"),
	"groupbyattrs":          contrib("processor/groupbyattrsprocessor"),
	"cumulative_to_delta":   contrib("processor/cumulativetodeltaprocessor"),
	"delta_to_cumulative":   contrib("processor/deltatocumulativeprocessor"),
	"metrics_transform":     contrib("processor/metricstransformprocessor"),
	"resource_detection":    resourceDetectionModule,
	"count":                 contrib("connector/countconnector"),
	"span_metrics":          contrib("connector/spanmetricsconnector"),
	"routing":               "github.com/open-telemetry/opentelemetry-collector-contrib/connector/routingconnector@" + routingVersion,
}

func contrib(p string) string {
	return "github.com/open-telemetry/opentelemetry-collector-contrib/" + p + "@" + contribVersion
}

// List returns the compiled-in components, sorted by kind and type.
func List() []Component {
	var out []Component
	aliasOf := func(typ string) []string {
		var a []string
		for k, v := range aliases {
			if v == typ {
				a = append(a, k)
			}
		}
		sort.Strings(a)
		return a
	}
	for typ, f := range connectorFactories {
		c := Component{Kind: "connector", Type: typ, Aliases: aliasOf(typ), Module: modules[typ]}
		for _, from := range signals {
			for _, to := range signals {
				if connectorStability(f, from, to) {
					c.Signals = append(c.Signals, from+"->"+to)
				}
			}
		}
		if typ == "span_metrics" {
			c.Note = "flushes every metrics_flush_interval of the recording's time (fake clock)"
		}
		out = append(out, c)
	}
	for typ, f := range processorFactories {
		c := Component{Kind: "processor", Type: typ, Aliases: aliasOf(typ), Module: modules[typ], Note: passThrough[typ]}
		if c.Note != "" {
			c.Note = "passed through: " + c.Note
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
		switch typ {
		case "batch":
			c.Note = "cut by size and by timeout on the recording's time; the rest flushed at the end"
		case "tail_sampling":
			c.Note = "decides decision_wait after a trace's first span, on the recording's time"
		case "delta_to_cumulative":
			c.Note = "accumulates across the whole replay (max_stale is measured on the wall clock)"
		case "resource_detection":
			c.Note = "env detector only, from the replay's environment (--env, --env-file); other detectors noted as not simulated"
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind > out[j].Kind // processors first
		}
		return out[i].Type < out[j].Type
	})
	return out
}

var signals = []string{"traces", "metrics", "logs"}

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

package simulate

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// Counter is one of a component's own telemetry counters after a replay:
// what the component says it did (filtered, sampled, dropped, …).
type Counter struct {
	Name       string            `json:"name"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Value      float64           `json:"value"`
}

func (c Counter) String() string {
	var attrs []string
	for k, v := range c.Attributes {
		attrs = append(attrs, k+"="+v)
	}
	slices.Sort(attrs)
	s := c.Name
	if len(attrs) > 0 {
		s += "{" + strings.Join(attrs, ",") + "}"
	}
	return fmt.Sprintf("%s %g", s, c.Value)
}

// dropCounter says which counters count data a component dropped: their
// name says so, or they count a "not sampled" decision.
var dropCounter = regexp.MustCompile(`filtered|dropped|discard|refused|rejected|too_large|too_early`)

func (c Counter) drops() bool {
	return dropCounter.MatchString(c.Name) || c.Attributes["sampled"] == "false"
}

// timeCounter matches counters of time spent (tail_sampling's
// sampling_policy_execution_time_sum): they measure the machine, not the
// data, and would make two replays' reports differ.
var timeCounter = regexp.MustCompile(`(^|_)(time|duration|latency|elapsed)(_|$)`)

// meter gives a component its own meter provider, so that what it counts
// is told apart from other components' counts.
type meter struct {
	reader *sdkmetric.ManualReader
}

func (e *engine) meteredTelemetry() (component.TelemetrySettings, *meter) {
	m := &meter{reader: sdkmetric.NewManualReader()}
	tel := e.tel
	tel.MeterProvider = sdkmetric.NewMeterProvider(sdkmetric.WithReader(m.reader))
	return tel, m
}

// counters reads the component's non-zero counters but those of time
// spent, sorted.
func (m *meter) counters() []Counter {
	var rm metricdata.ResourceMetrics
	if err := m.reader.Collect(context.Background(), &rm); err != nil {
		return nil
	}
	var out []Counter
	add := func(name string, attrs map[string]string, v float64) {
		if v != 0 && !timeCounter.MatchString(name) {
			out = append(out, Counter{Name: name, Attributes: attrs, Value: v})
		}
	}
	for _, sm := range rm.ScopeMetrics {
		for _, mt := range sm.Metrics {
			switch d := mt.Data.(type) {
			case metricdata.Sum[int64]:
				for _, dp := range d.DataPoints {
					add(mt.Name, attrMap(dp.Attributes.ToSlice()), float64(dp.Value))
				}
			case metricdata.Sum[float64]:
				for _, dp := range d.DataPoints {
					add(mt.Name, attrMap(dp.Attributes.ToSlice()), dp.Value)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Counter) int { return strings.Compare(a.String(), b.String()) })
	return out
}

func attrMap(kvs []attribute.KeyValue) map[string]string {
	if len(kvs) == 0 {
		return nil
	}
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}

// reason says, from the component's own counters, why it dropped what it
// dropped ("" when it counts nothing of the kind).
func reason(cs []Counter) string {
	var parts []string
	for _, c := range cs {
		if c.drops() {
			parts = append(parts, c.String())
		}
	}
	return strings.Join(parts, "; ")
}

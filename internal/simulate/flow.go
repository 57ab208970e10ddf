package simulate

import (
	"context"
	"fmt"
	"slices"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// flow is a consumer of any signal: the engine wires pipelines with flows
// and adapts them to the typed consumer interfaces at component edges.
type flow func(ctx context.Context, d any) error

// The adapters are pointers: the routing connector uses consumers as map
// keys. mutates is what they tell a fan-out (see fanout.go).
type tracesFunc struct {
	f       flow
	mutates bool
}
type metricsFunc struct {
	f       flow
	mutates bool
}
type logsFunc struct {
	f       flow
	mutates bool
}

func (c *tracesFunc) ConsumeTraces(ctx context.Context, td ptrace.Traces) error { return c.f(ctx, td) }
func (c *metricsFunc) ConsumeMetrics(ctx context.Context, md pmetric.Metrics) error {
	return c.f(ctx, md)
}
func (c *logsFunc) ConsumeLogs(ctx context.Context, ld plog.Logs) error { return c.f(ctx, ld) }
func (c *tracesFunc) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: c.mutates}
}
func (c *metricsFunc) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: c.mutates}
}
func (c *logsFunc) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: c.mutates}
}

// fromConsumer adapts a typed consumer (a processor, a connector) to a flow.
// A component may consume several signals (forward does), so the signal
// is given.
func fromConsumer(signal string, c any) flow {
	switch signal {
	case "traces":
		t := c.(consumer.Traces)
		return func(ctx context.Context, d any) error { return t.ConsumeTraces(ctx, d.(ptrace.Traces)) }
	case "metrics":
		m := c.(consumer.Metrics)
		return func(ctx context.Context, d any) error { return m.ConsumeMetrics(ctx, d.(pmetric.Metrics)) }
	default:
		l := c.(consumer.Logs)
		return func(ctx context.Context, d any) error { return l.ConsumeLogs(ctx, d.(plog.Logs)) }
	}
}

func toConsumer(signal string, f flow) any {
	switch signal {
	case "traces":
		return &tracesFunc{f: f}
	case "metrics":
		return &metricsFunc{f: f}
	default:
		return &logsFunc{f: f}
	}
}

func count(d any) int {
	switch d := d.(type) {
	case ptrace.Traces:
		return d.SpanCount()
	case pmetric.Metrics:
		return d.DataPointCount()
	case plog.Logs:
		return d.LogRecordCount()
	}
	return 0
}

func clone(d any) any {
	switch d := d.(type) {
	case ptrace.Traces:
		c := ptrace.NewTraces()
		d.CopyTo(c)
		return c
	case pmetric.Metrics:
		c := pmetric.NewMetrics()
		d.CopyTo(c)
		return c
	case plog.Logs:
		c := plog.NewLogs()
		d.CopyTo(c)
		return c
	}
	return d
}

// unit names what is counted for a signal.
func unit(signal string) string {
	switch signal {
	case "traces":
		return "spans"
	case "metrics":
		return "data points"
	default:
		return "log records"
	}
}

// resourceLines splits d into one OTLP JSON document per resource, the way
// the file exporter writes a request per line.
func resourceLines(d any) ([][]byte, error) {
	var out [][]byte
	switch d := d.(type) {
	case ptrace.Traces:
		for i := 0; i < d.ResourceSpans().Len(); i++ {
			one := ptrace.NewTraces()
			rs := one.ResourceSpans().AppendEmpty()
			d.ResourceSpans().At(i).CopyTo(rs)
			sortMap(rs.Resource().Attributes())
			b, err := (&ptrace.JSONMarshaler{}).MarshalTraces(one)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	case pmetric.Metrics:
		sortDataPoints(d)
		for i := 0; i < d.ResourceMetrics().Len(); i++ {
			one := pmetric.NewMetrics()
			rm := one.ResourceMetrics().AppendEmpty()
			d.ResourceMetrics().At(i).CopyTo(rm)
			sortMap(rm.Resource().Attributes())
			b, err := (&pmetric.JSONMarshaler{}).MarshalMetrics(one)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	case plog.Logs:
		for i := 0; i < d.ResourceLogs().Len(); i++ {
			one := plog.NewLogs()
			rl := one.ResourceLogs().AppendEmpty()
			d.ResourceLogs().At(i).CopyTo(rl)
			sortMap(rl.Resource().Attributes())
			b, err := (&plog.JSONMarshaler{}).MarshalLogs(one)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// sortMap orders m by key. Resource attributes are written sorted:
// components build some resources from Go maps (metrics_transform's group
// action), in random order.
func sortMap(m pcommon.Map) {
	keys := make([]string, 0, m.Len())
	sorted := true
	for k := range m.All() {
		if len(keys) > 0 && k < keys[len(keys)-1] {
			sorted = false
		}
		keys = append(keys, k)
	}
	if sorted {
		return
	}
	slices.Sort(keys)
	n := pcommon.NewMap()
	n.EnsureCapacity(len(keys))
	for _, k := range keys {
		v, _ := m.Get(k)
		v.CopyTo(n.PutEmpty(k))
	}
	n.MoveTo(m)
}

// pointKey orders data points: by attributes, then start time and time.
func pointKey(p recording.DataPoint) string {
	return fmt.Sprintf("%v\x00%020d\x00%020d", p.Attributes().AsRaw(), p.StartTimestamp(), p.Timestamp())
}

// sortDataPoints orders the metrics of each scope by name (stable: the
// order of metrics of one name is kept) and each metric's data points by
// pointKey: components build them from Go maps (count's metrics,
// span_metrics' and metrics_transform's data points), in random order.
func sortDataPoints(md pmetric.Metrics) {
	rms := md.ResourceMetrics()
	for i := 0; i < rms.Len(); i++ {
		sms := rms.At(i).ScopeMetrics()
		for j := 0; j < sms.Len(); j++ {
			ms := sms.At(j).Metrics()
			ms.Sort(func(a, b pmetric.Metric) bool { return a.Name() < b.Name() })
			for k := 0; k < ms.Len(); k++ {
				m := ms.At(k)
				switch m.Type() {
				case pmetric.MetricTypeGauge:
					m.Gauge().DataPoints().Sort(func(a, b pmetric.NumberDataPoint) bool { return pointKey(a) < pointKey(b) })
				case pmetric.MetricTypeSum:
					m.Sum().DataPoints().Sort(func(a, b pmetric.NumberDataPoint) bool { return pointKey(a) < pointKey(b) })
				case pmetric.MetricTypeHistogram:
					m.Histogram().DataPoints().Sort(func(a, b pmetric.HistogramDataPoint) bool { return pointKey(a) < pointKey(b) })
				case pmetric.MetricTypeExponentialHistogram:
					m.ExponentialHistogram().DataPoints().Sort(func(a, b pmetric.ExponentialHistogramDataPoint) bool { return pointKey(a) < pointKey(b) })
				case pmetric.MetricTypeSummary:
					m.Summary().DataPoints().Sort(func(a, b pmetric.SummaryDataPoint) bool { return pointKey(a) < pointKey(b) })
				}
			}
		}
	}
}

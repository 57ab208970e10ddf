package simulate

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/jonboulle/clockwork"
	"go.opentelemetry.io/collector/pdata/pmetric"

	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
)

// clockSpanMetrics puts a span_metrics connector on the replay clock: it
// gets a fake clock (through its context), moved on by the replay clock,
// so each metrics_flush_interval of the recording's time is a flush. next
// is what the connector hands its metrics to; it returns the context to
// create the connector with, the consumer to give it, and its last flush.
func (e *engine) clockSpanMetrics(ctx context.Context, name string, cfg *spanmetricsconnector.Config, to string, next any) (context.Context, any, func() error) {
	clock := clockwork.NewFakeClockAt(StartTime)
	ctx = clockwork.AddToContext(ctx, clock)
	f := &intervalFlusher{name: name, clock: clock, interval: cfg.MetricsFlushInterval, done: make(chan struct{}, 1)}
	if f.interval <= 0 {
		f.interval = time.Minute
	}
	cumulative := cfg.GetAggregationTemporality() == pmetric.AggregationTemporalityCumulative
	var first atomic.Bool
	inner := fromConsumer(to, next)
	wrapped := toConsumer(to, func(ctx context.Context, d any) error {
		if cumulative && exportsFirst(d) {
			first.Store(true)
		}
		err := inner(ctx, d)
		select {
		case f.done <- struct{}{}:
		default:
		}
		return err
	})
	e.clock.timed = append(e.clock.timed, f)
	last := func() error {
		first.Store(false)
		if err := f.tick(); err != nil {
			return err
		}
		if first.Load() {
			// The connector exports a cumulative series as 0 the first
			// time and its count from the next flush on: a collector that
			// keeps running exports the counts of series first seen in
			// the last interval one interval later.
			return f.tick()
		}
		return nil
	}
	return ctx, wrapped, last
}

// exportsFirst says whether md holds a cumulative sum data point of 0:
// span_metrics' first export of a series (a series exists because a span
// counted, so its calls and events are at least 1 after that).
func exportsFirst(d any) bool {
	md, ok := d.(pmetric.Metrics)
	if !ok {
		return false
	}
	for _, rm := range md.ResourceMetrics().All() {
		for _, sm := range rm.ScopeMetrics().All() {
			for _, m := range sm.Metrics().All() {
				if m.Type() != pmetric.MetricTypeSum || m.Sum().AggregationTemporality() != pmetric.AggregationTemporalityCumulative {
					continue
				}
				for _, dp := range m.Sum().DataPoints().All() {
					if dp.ValueType() == pmetric.NumberDataPointValueTypeInt && dp.IntValue() == 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

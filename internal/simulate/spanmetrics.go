package simulate

import (
	"context"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
)

// clockSpanMetrics puts a span_metrics connector on the replay clock: it
// gets a fake clock (through its context), moved on by the replay clock,
// so each metrics_flush_interval of the recording's time is a flush. next
// is what the connector hands its metrics to; it returns the context to
// create the connector with, the consumer to give it, and its last flush.
func (e *engine) clockSpanMetrics(name string, cfg *spanmetricsconnector.Config, to string, next any) (context.Context, any, func() error) {
	clock := clockwork.NewFakeClockAt(StartTime)
	ctx := clockwork.AddToContext(e.ctx, clock)
	f := &intervalFlusher{name: name, clock: clock, interval: cfg.MetricsFlushInterval, done: make(chan struct{}, 1)}
	if f.interval <= 0 {
		f.interval = time.Minute
	}
	inner := fromConsumer(to, next)
	wrapped := toConsumer(to, func(ctx context.Context, d any) error {
		err := inner(ctx, d)
		select {
		case f.done <- struct{}{}:
		default:
		}
		return err
	})
	e.clock.timed = append(e.clock.timed, f)
	last := f.tick // the last flush, at shutdown
	return ctx, wrapped, last
}

package simulate

import (
	"context"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// The count connector stamps its data points with the wall clock when the
// items it counts carry no time (metrics counted per metric, log records
// without a timestamp). A collector stamps the time it receives them; a
// replay stamps the replay clock's time instead (the recording's time of
// the batch, see clock.go; StartTime before any batch has a time), so
// that two runs give the same bytes.

// restampWallClock wraps the metrics consumer next: data point times taken
// from the wall clock since the replay started (between e.wallStart and
// now) become the replay clock's time.
func (e *engine) restampWallClock(next any) any {
	inner := fromConsumer("metrics", next)
	return toConsumer("metrics", func(ctx context.Context, d any) error {
		if md, ok := d.(pmetric.Metrics); ok && !md.IsReadOnly() {
			restamp(md, e.wallStart, e.replayStamp())
		}
		return inner(ctx, d)
	})
}

// replayStamp is the replay clock's time as a timestamp.
func (e *engine) replayStamp() pcommon.Timestamp {
	if t := e.clock.stamp.Load(); t != 0 {
		return pcommon.Timestamp(t)
	}
	return pcommon.NewTimestampFromTime(StartTime)
}

// restamp sets the start and time of every data point of md stamped
// between from and now (the wall clock while the replay ran) to t.
func restamp(md pmetric.Metrics, from time.Time, t pcommon.Timestamp) {
	lo, hi := pcommon.NewTimestampFromTime(from), pcommon.NewTimestampFromTime(time.Now())
	wall := func(ts pcommon.Timestamp) bool { return ts >= lo && ts <= hi }
	for _, rm := range md.ResourceMetrics().All() {
		for _, sm := range rm.ScopeMetrics().All() {
			for _, m := range sm.Metrics().All() {
				if m.Type() != pmetric.MetricTypeSum {
					continue // count makes sums only
				}
				for _, dp := range m.Sum().DataPoints().All() {
					if wall(dp.StartTimestamp()) {
						dp.SetStartTimestamp(t)
					}
					if wall(dp.Timestamp()) {
						dp.SetTimestamp(t)
					}
				}
			}
		}
	}
}

package simulate

import (
	"fmt"
	"reflect"
	"runtime"
	"time"
	"unsafe"

	"github.com/jonboulle/clockwork"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// The replay clock is the recording's own time: before a batch is fed,
// time-driven components are moved to the batch's time (the latest
// timestamp in it), so that span_metrics flushes every
// metrics_flush_interval and tail_sampling decides a trace decision_wait
// after its first span, as they would have had the recording arrived in
// real time. The wall clock plays no part: a replay is as fast as the
// components and gives the same output each time.
type replayClock struct {
	started bool
	base    pcommon.Timestamp // the first batch's time
	now     time.Duration     // since base
	timed   []timed
}

// timed is a component that runs on the replay clock.
type timed interface {
	// advance moves the component to now (since the first batch) and
	// returns once what that made it emit has been consumed.
	advance(now time.Duration) error
}

// at moves the clock to t (never back) and advances every timed component.
func (c *replayClock) at(t pcommon.Timestamp) error {
	if t == 0 {
		return nil // no timestamps in the batch
	}
	if !c.started {
		c.started, c.base = true, t
		return nil
	}
	if t <= c.base {
		return nil
	}
	now := time.Duration(t - c.base)
	if now <= c.now {
		return nil
	}
	c.now = now
	for _, tc := range c.timed {
		if err := tc.advance(now); err != nil {
			return err
		}
	}
	return nil
}

// batchTime is the latest timestamp in b: when, at the earliest, the
// collector could have received it (spans are exported once they end).
func batchTime(b Batch) pcommon.Timestamp {
	var t pcommon.Timestamp
	switch b.Signal {
	case "traces":
		for _, rs := range b.Traces.ResourceSpans().All() {
			for _, ss := range rs.ScopeSpans().All() {
				for _, s := range ss.Spans().All() {
					t = max(t, s.EndTimestamp(), s.StartTimestamp())
				}
			}
		}
	case "metrics":
		for _, rm := range b.Metrics.ResourceMetrics().All() {
			for _, sm := range rm.ScopeMetrics().All() {
				for _, m := range sm.Metrics().All() {
					t = max(t, metricTime(m))
				}
			}
		}
	case "logs":
		for _, rl := range b.Logs.ResourceLogs().All() {
			for _, sl := range rl.ScopeLogs().All() {
				for _, l := range sl.LogRecords().All() {
					t = max(t, l.ObservedTimestamp(), l.Timestamp())
				}
			}
		}
	}
	return t
}

func metricTime(m pmetric.Metric) pcommon.Timestamp {
	var t pcommon.Timestamp
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		for _, dp := range m.Gauge().DataPoints().All() {
			t = max(t, dp.Timestamp())
		}
	case pmetric.MetricTypeSum:
		for _, dp := range m.Sum().DataPoints().All() {
			t = max(t, dp.Timestamp())
		}
	case pmetric.MetricTypeHistogram:
		for _, dp := range m.Histogram().DataPoints().All() {
			t = max(t, dp.Timestamp())
		}
	case pmetric.MetricTypeExponentialHistogram:
		for _, dp := range m.ExponentialHistogram().DataPoints().All() {
			t = max(t, dp.Timestamp())
		}
	case pmetric.MetricTypeSummary:
		for _, dp := range m.Summary().DataPoints().All() {
			t = max(t, dp.Timestamp())
		}
	}
	return t
}

// maxCatchUp bounds the flushes replayed for one jump in the recording's
// time: a gap of a day would otherwise mean thousands of identical
// cumulative exports. Past it, the rest of the gap is one flush.
const maxCatchUp = 100

// flushTimeout is how long a flush may take before the replay gives up on
// the component (it signals nothing when it emits nothing).
var flushTimeout = 30 * time.Second

// intervalFlusher drives a component that emits on a clockwork ticker
// (span_metrics): each metrics_flush_interval of replay time is one tick,
// and the tick is done when the component has handed its output on.
type intervalFlusher struct {
	name     string
	clock    *clockwork.FakeClock
	interval time.Duration
	done     chan struct{} // signalled when the component's output is consumed
	elapsed  time.Duration // replay time the component has been moved to
}

func (f *intervalFlusher) advance(now time.Duration) error {
	steps := int((now - f.elapsed) / f.interval)
	for i := 0; i < steps; i++ {
		d := f.interval
		if i == maxCatchUp-1 && steps > maxCatchUp {
			d = time.Duration(steps-i) * f.interval
			i = steps
		}
		if err := f.tick(d); err != nil {
			return err
		}
	}
	return nil
}

// tick advances the fake clock by d and waits for the flush it triggers.
func (f *intervalFlusher) tick(d time.Duration) error {
	f.elapsed += d
	f.clock.Advance(d)
	select {
	case <-f.done:
		return nil
	case <-time.After(flushTimeout):
		return fmt.Errorf("connector %s did not flush", f.name)
	}
}

// tailSamplingTicker drives the tail_sampling processor's decision ticks
// (one per second of replay time, as its own ticker would) through the
// hook the processor keeps for its tests: an unexported tickChan that the
// processor's loop serves between batches. It is reached by reflection,
// which is checked against the pinned version by TestTailSamplingHook; a
// version without it falls back to deciding at shutdown, with a note.
type tailSamplingTicker struct {
	ticks   chan chan struct{}
	work    reflect.Value // the processor's workChan: drained before a tick
	elapsed time.Duration
	batches int // decision_wait in seconds: ticks that decide everything pending
}

// tailSamplingFrequency is the processor's tick (tickerFrequency).
const tailSamplingFrequency = time.Second

// hookTailSampling takes over comp's decision ticks; it must be called
// before comp is started. ok is false if comp is not the processor this
// was written against.
func hookTailSampling(comp component.Component, decisionWait time.Duration) (t *tailSamplingTicker, ok bool) {
	v := reflect.ValueOf(comp)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	s := v.Elem()
	tick, freq, work := s.FieldByName("tickChan"), s.FieldByName("tickerFrequency"), s.FieldByName("workChan")
	if !tick.IsValid() || !freq.IsValid() || !work.IsValid() ||
		tick.Type() != reflect.TypeFor[chan chan struct{}]() ||
		freq.Type() != reflect.TypeFor[time.Duration]() ||
		work.Kind() != reflect.Chan {
		return nil, false
	}
	t = &tailSamplingTicker{ticks: make(chan chan struct{}), work: work, batches: max(1, int(decisionWait/time.Second))}
	settable := func(f reflect.Value) reflect.Value {
		return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	}
	settable(tick).Set(reflect.ValueOf(t.ticks))
	// Its own ticker must never fire: a day is longer than any replay.
	settable(freq).Set(reflect.ValueOf(24 * time.Hour))
	return t, true
}

func (t *tailSamplingTicker) advance(now time.Duration) error {
	steps := int((now - t.elapsed) / tailSamplingFrequency)
	t.elapsed += time.Duration(steps) * tailSamplingFrequency
	// decision_wait+1 ticks decide every pending trace; more do nothing.
	for range min(steps, t.batches+1) {
		t.tick()
	}
	return nil
}

// tick runs one decision tick once the processor has taken every batch
// given to it (ConsumeTraces has queued them all before returning; its
// loop takes the tick only between batches).
func (t *tailSamplingTicker) tick() {
	for t.work.Len() > 0 {
		runtime.Gosched()
	}
	done := make(chan struct{})
	t.ticks <- done
	<-done
}

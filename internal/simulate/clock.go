package simulate

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"

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
	// timed and async are in creation order, downstream first.
	timed []timed
	async []settler
	// stamp is the clock's time as a timestamp (0 before the first batch
	// with timestamps), for components that stamp the wall clock
	// (wallclock.go); read from their goroutines.
	stamp atomic.Int64
}

// settler is a component that hands data on from its own goroutine (batch,
// tail_sampling). settle returns once it has handed on everything it will
// hand on without a tick: what a timed component downstream sees must not
// depend on goroutine scheduling.
type settler interface{ settle() }

// settle lets every asynchronous component, upstream first, hand on what
// it has been given.
func (c *replayClock) settle() {
	for i := len(c.async) - 1; i >= 0; i-- {
		c.async[i].settle()
	}
}

// timed is a component that runs on the replay clock.
type timed interface {
	// advance moves the component to now (since the first batch) and
	// returns once what that made it emit has been consumed.
	advance(ctx context.Context, now time.Duration) error
}

// at moves the clock to t (never back) and advances every timed component.
func (c *replayClock) at(ctx context.Context, t pcommon.Timestamp) error {
	if t == 0 {
		return nil // no timestamps in the batch
	}
	if !c.started {
		c.started, c.base = true, t
		c.stamp.Store(int64(t))
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
	c.stamp.Store(int64(t))
	// Upstream first: what a tick of one component emits reaches the
	// components downstream before their own tick.
	for i := len(c.timed) - 1; i >= 0; i-- {
		c.settle()
		if err := c.timed[i].advance(ctx, now); err != nil {
			return err
		}
	}
	return nil
}

// batchTime is the latest timestamp in b: when, at the earliest, the
// collector could have received it (spans are exported once they end).
func batchTime(b recording.Batch) pcommon.Timestamp {
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
	for _, dp := range recording.DataPoints(m) {
		t = max(t, dp.Timestamp())
	}
	return t
}

// maxCatchUp bounds the flushes replayed for one jump in the recording's
// time: a gap of a day would otherwise mean thousands of identical
// cumulative exports. Past it, the rest of the gap is skipped: the
// component's clock falls behind the recording's by that much.
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

func (f *intervalFlusher) advance(_ context.Context, now time.Duration) error {
	steps := int((now - f.elapsed) / f.interval)
	f.elapsed += time.Duration(steps) * f.interval
	// One interval at a time: the fake ticker fires once per Advance only
	// when Advance is shorter than two intervals.
	for range min(steps, maxCatchUp) {
		if err := f.tick(); err != nil {
			return err
		}
	}
	return nil
}

// tick advances the fake clock by one interval and waits for the flush it
// triggers.
func (f *intervalFlusher) tick() error {
	select {
	case <-f.done: // a stray signal must not stand for this flush
	default:
	}
	f.clock.Advance(f.interval)
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
	// settle sends the processor its own maximum trace size (a no-op
	// command its loop takes only between batches) and waits for it to be
	// taken: then every batch given before has been processed.
	setSize func()
	sizes   reflect.Value // the processor's newTraceSizeChan
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
	sizes, size := s.FieldByName("newTraceSizeChan"), s.FieldByName("maxTraceSizeBytes")
	setter, hasSetter := comp.(interface{ SetMaximumTraceSizeBytes(uint64) })
	if !tick.IsValid() || !freq.IsValid() || !work.IsValid() || !sizes.IsValid() || !size.IsValid() || !hasSetter ||
		tick.Type() != reflect.TypeFor[chan chan struct{}]() ||
		freq.Type() != reflect.TypeFor[time.Duration]() ||
		work.Kind() != reflect.Chan || sizes.Type() != reflect.TypeFor[chan uint64]() || size.Kind() != reflect.Uint64 {
		return nil, false
	}
	maxSize := size.Uint()
	t = &tailSamplingTicker{
		ticks: make(chan chan struct{}), work: work, batches: max(1, int(decisionWait/time.Second)),
		setSize: func() { setter.SetMaximumTraceSizeBytes(maxSize) }, sizes: sizes,
	}
	settable := func(f reflect.Value) reflect.Value {
		return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	}
	settable(tick).Set(reflect.ValueOf(t.ticks))
	// Its own ticker must never fire: a day is longer than any replay.
	settable(freq).Set(reflect.ValueOf(24 * time.Hour))
	return t, true
}

func (t *tailSamplingTicker) advance(_ context.Context, now time.Duration) error {
	steps := int((now - t.elapsed) / tailSamplingFrequency)
	t.elapsed += time.Duration(steps) * tailSamplingFrequency
	// decision_wait+1 ticks decide every pending trace; more do nothing.
	for range min(steps, t.batches+1) {
		t.tick()
	}
	return nil
}

// settle returns once the processor has processed every batch it was
// given (and handed on the spans of traces it had already decided). The
// loop drains size commands also at the start of a batch, so one command
// could be taken before the batch it arrived during is done; the second
// can only be taken after it.
func (t *tailSamplingTicker) settle() {
	for range 2 {
		for t.work.Len() > 0 {
			runtime.Gosched()
		}
		t.setSize()
		for t.sizes.Len() > 0 {
			runtime.Gosched()
		}
	}
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

// batchSettler knows when the batch processor has handed on everything it
// will hand on before its timeout or shutdown. The processor sends from its
// own goroutine, and only while it holds send_batch_size items or more
// (every send is at least that many): so once fewer than send_batch_size
// items are given but not yet consumed downstream, nothing is being sent
// and nothing will be until its timeout. (Without a timeout or a
// send_batch_size it sends each batch as it comes: size is 0.)
type batchSettler struct {
	in   *atomic.Int64 // items given to the processor (its stage's in)
	done atomic.Int64  // items its downstream has finished consuming
	size int64
}

// wrap counts what the processor's downstream has finished with.
func (b *batchSettler) wrap(next flow) flow {
	return func(ctx context.Context, d any) error {
		n := int64(count(d))
		err := next(ctx, d)
		b.done.Add(n)
		return err
	}
}

func (b *batchSettler) settle() {
	limit := max(b.size, 1)
	for b.in.Load()-b.done.Load() >= limit {
		runtime.Gosched()
	}
}

// batchStage runs a batch processor whose timeout is on the replay clock.
// The processor takes no clock and its timer cannot be reached safely, so
// its own timeout is set past any replay, and a timeout on the replay clock
// is the running instance shut down — which sends everything it holds, as
// its timer would — and a new one started in its place. It is a component
// itself (Start and Shutdown go to the running instance) and a flow.
type batchStage struct {
	batchSettler
	timeout time.Duration
	create  func(context.Context) (component.Component, error)
	consume func(component.Component) flow
	host    component.Host
	cur     atomic.Pointer[batchInstance]
	// The replay clock as this stage saw it: the processor's timer was last
	// reset at lastReset (a timeout, or a send by size); seen is the time
	// the batches fed since the last advance were fed at.
	lastReset, seen time.Duration
	lastDone        int64
}

type batchInstance struct {
	comp component.Component
	flow flow
}

func (b *batchStage) use(comp component.Component) {
	b.cur.Store(&batchInstance{comp: comp, flow: b.consume(comp)})
}

// flow feeds the running instance.
func (b *batchStage) flow(ctx context.Context, d any) error { return b.cur.Load().flow(ctx, d) }

func (b *batchStage) Start(ctx context.Context, host component.Host) error {
	b.host = host
	return b.cur.Load().comp.Start(ctx, host)
}

func (b *batchStage) Shutdown(ctx context.Context) error { return b.cur.Load().comp.Shutdown(ctx) }

func (b *batchStage) advance(ctx context.Context, now time.Duration) error {
	// A send by size since the last advance reset the timer when the
	// batch that filled it was fed.
	if d := b.done.Load(); d != b.lastDone {
		b.lastReset = b.seen
	}
	for b.lastReset+b.timeout <= now {
		b.lastReset += b.timeout
		if b.in.Load() == b.done.Load() {
			// Nothing held: the timer fires and resets with nothing to
			// send until the next batch comes.
			b.lastReset += (now - b.lastReset) / b.timeout * b.timeout
			break
		}
		if err := b.expire(ctx); err != nil {
			return err
		}
	}
	b.lastDone, b.seen = b.done.Load(), now
	return nil
}

// expire sends what the processor holds, as its timeout would.
func (b *batchStage) expire(ctx context.Context) error {
	if err := b.cur.Load().comp.Shutdown(ctx); err != nil {
		return fmt.Errorf("batch timeout: %w", err)
	}
	next, err := b.create(ctx)
	if err != nil {
		return fmt.Errorf("batch timeout: %w", err)
	}
	if err := next.Start(ctx, b.host); err != nil {
		return fmt.Errorf("batch timeout: %w", err)
	}
	b.use(next)
	return nil
}

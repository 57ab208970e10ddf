package simulate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/processor"
)

// spanLine is one OTLP JSON request with one span of trace tid that ends
// at second sec of the recording.
func spanLine(tid, sid byte, sec int) string {
	start := StartTime.Add(time.Duration(sec) * time.Second)
	return fmt.Sprintf(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[{"traceId":"%032x","spanId":"%016x","name":"GET /cart","kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}`,
		tid, sid, start.Add(-10*time.Millisecond).UnixNano(), start.UnixNano())
}

func writeRecording(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rec.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The recording's timestamps drive tail_sampling's decision ticks: a
// trace whose second span comes after decision_wait is decided on its
// first span alone, as a collector would have decided it.
func TestDecisionWaitOnRecordingClock(t *testing.T) {
	rec := writeRecording(t,
		spanLine(1, 1, 0), // trace 1: its second span comes 10 s later
		spanLine(2, 1, 1), // trace 2: both spans within a second
		spanLine(2, 2, 2),
		spanLine(1, 2, 10),
		spanLine(3, 1, 30), // moves the clock past every decision
	)
	res := run(t, "clock-sampling.yaml", rec)
	p := pipe(t, res, "traces")
	st := stage(t, p, "tail_sampling")
	if !strings.Contains(st.Note, "decision_wait 5s on the recording's clock") {
		t.Errorf("note %q does not say decision_wait is simulated", st.Note)
	}
	x := exporter(t, res, "debug", "traces")
	// Trace 2 (two spans) only; trace 1 was decided with one span, and
	// trace 3 has one span.
	if x.Items != 2 {
		t.Fatalf("exporter received %d spans, want the 2 of trace 2\n%s", x.Items, x.Lines)
	}
	for _, l := range x.Lines {
		if !strings.Contains(string(l), fmt.Sprintf(`"traceId":"%032x"`, 2)) {
			t.Errorf("unexpected span: %s", l)
		}
	}

	// Within decision_wait, the same spans make trace 1 a two-span trace.
	rec = writeRecording(t, spanLine(1, 1, 0), spanLine(2, 1, 1), spanLine(2, 2, 2), spanLine(1, 2, 3))
	if x := exporter(t, run(t, "clock-sampling.yaml", rec), "debug", "traces"); x.Items != 4 {
		t.Fatalf("exporter received %d spans, want 4 (both traces)", x.Items)
	}
}

// span_metrics flushes every metrics_flush_interval of the recording's
// time: six spans 30 s apart are three one-minute windows of two calls.
func TestSpanMetricsFlushOnRecordingClock(t *testing.T) {
	var lines []string
	for i := range 6 {
		lines = append(lines, spanLine(byte(i+1), 1, 30*i))
	}
	res := run(t, "clock-spanmetrics.yaml", writeRecording(t, lines...))
	x := exporter(t, res, "debug", "metrics")
	var calls []int64
	for _, l := range x.Lines {
		md, err := (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, rm := range md.ResourceMetrics().All() {
			for _, sm := range rm.ScopeMetrics().All() {
				for _, m := range sm.Metrics().All() {
					if m.Name() == "traces.span.metrics.calls" {
						for _, dp := range m.Sum().DataPoints().All() {
							calls = append(calls, dp.IntValue())
						}
					}
				}
			}
		}
	}
	if fmt.Sprint(calls) != "[2 2 2]" {
		t.Fatalf("calls per flush = %v, want [2 2 2] (a flush per minute of the recording)", calls)
	}
}

// A jump in the recording's time is at most maxCatchUp flushes.
func TestClockGapIsBounded(t *testing.T) {
	res := run(t, "clock-spanmetrics.yaml", writeRecording(t, spanLine(1, 1, 0), spanLine(2, 1, 86400)))
	x := exporter(t, res, "debug", "metrics")
	if x.Batches > maxCatchUp+2 {
		t.Fatalf("%d flushes for a day's gap, want at most %d", x.Batches, maxCatchUp+2)
	}
}

// The tail_sampling hook reaches into the pinned processor's unexported
// fields: a version without them must be noticed here, not in a replay.
func TestTailSamplingHook(t *testing.T) {
	f := processorFactories["tail_sampling"]
	set := processor.Settings{ID: component.MustNewID("tail_sampling"), TelemetrySettings: componenttest.NewNopTelemetrySettings()}
	comp, err := f.CreateTraces(t.Context(), set, f.CreateDefaultConfig(), &tracesFunc{f: func(context.Context, any) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := hookTailSampling(comp, time.Second); !ok {
		t.Fatalf("%T has no tickChan/tickerFrequency/workChan: update hookTailSampling for this version", comp)
	}
}

// batch's timeout runs on the recording's clock: two spans at 0 s, two at
// 3 s and one at 10 s with a 1 s timeout are three sends (at 1 s, at 4 s,
// and the rest at the end), as a collector would have sent them.
func TestBatchTimeoutOnRecordingClock(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte(`receivers: {otlp: {protocols: {grpc: {}}}}
processors:
  batch: {timeout: 1s, send_batch_size: 100}
  batch/immediate: {timeout: 0s}
exporters: {debug: {}, debug/immediate: {}}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [batch], exporters: [debug]}
    traces/immediate: {receivers: [otlp], processors: [batch/immediate], exporters: [debug/immediate]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := writeRecording(t, spanLine(1, 1, 0), spanLine(2, 1, 0), spanLine(3, 1, 3), spanLine(4, 1, 3), spanLine(5, 1, 10))
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if x := exporter(t, res, "debug", "traces"); x.Batches != 3 || x.Items != 5 {
		t.Errorf("debug received %d spans in %d batches, want 5 in 3", x.Items, x.Batches)
	}
	// timeout 0: no timer, each request is sent as it comes.
	if x := exporter(t, res, "debug/immediate", "traces"); x.Batches != 5 {
		t.Errorf("debug/immediate received %d batches, want 5", x.Batches)
	}
	if st := stage(t, pipe(t, res, "traces"), "batch"); !strings.Contains(st.Note, "timeout 1s on the recording's clock") {
		t.Errorf("note %q", st.Note)
	}
}

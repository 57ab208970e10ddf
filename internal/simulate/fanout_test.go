package simulate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/processor"
)

func fidelityPath(name ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "simulate", "fidelity"}, name...)...)
}

// spanSummary counts the spans an exporter received by the value of one
// span attribute ("-" when absent), and says whether any has attr.
func spanValues(t *testing.T, x *ExporterResult, key string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, line := range x.Lines {
		td, err := (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(line)
		if err != nil {
			t.Fatal(err)
		}
		for _, rs := range td.ResourceSpans().All() {
			for _, ss := range rs.ScopeSpans().All() {
				for _, s := range ss.Spans().All() {
					v, ok := s.Attributes().Get(key)
					if !ok {
						out["-"]++
						continue
					}
					out[v.AsString()]++
				}
			}
		}
	}
	return out
}

// Fan-out into pipelines that change the data (a receiver in three
// pipelines, a forward connector into three, a routing route naming two)
// delivers every span to every pipeline with only its own pipeline's
// changes, and never fails: each pipeline that mutates gets its own copy,
// as in the collector. Replayed several times, as the connector's router
// is a Go map.
func TestFanOutIntoMutatingPipelines(t *testing.T) {
	type want struct {
		items  int
		marker map[string]int // spans by fanout.pipeline
	}
	for _, tc := range []struct {
		config string
		want   map[string]want
	}{
		{"fanout-receiver.yaml", map[string]want{
			"otlp/a": {300, map[string]int{"a": 300}},
			"otlp/b": {300, map[string]int{"b": 300}},
			"otlp/c": {300, map[string]int{"-": 300}},
		}},
		{"fanout-forward.yaml", map[string]want{
			"otlp/in": {300, map[string]int{"-": 300}},
			"otlp/x":  {300, map[string]int{"x": 300}},
			"otlp/y":  {300, map[string]int{"y": 300}},
			"otlp/z":  {300, map[string]int{"-": 300}},
		}},
		{"fanout-routing.yaml", map[string]want{
			"otlp/p":     {73, map[string]int{"p": 73}},
			"otlp/q":     {73, map[string]int{"q": 73}},
			"otlp/other": {227, map[string]int{"other": 227}},
		}},
	} {
		t.Run(tc.config, func(t *testing.T) {
			for range 8 {
				res, err := Run(t.Context(), Options{Config: fidelityPath("cases", tc.config), Inputs: []string{fidelityPath("traces.jsonl")}, Env: map[string]string{}})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Failures) > 0 || len(res.Notes) > 0 {
					t.Fatalf("failures %v, notes %q", res.Failures, res.Notes)
				}
				for id, w := range tc.want {
					x := exporter(t, res, id, "traces")
					if x.Items != w.items {
						t.Errorf("%s received %d spans, want %d", id, x.Items, w.items)
					}
					if got := spanValues(t, x, "fanout.pipeline"); fmt.Sprint(got) != fmt.Sprint(w.marker) {
						t.Errorf("%s: spans by fanout.pipeline %v, want %v", id, got, w.marker)
					}
				}
			}
		})
	}
}

// fanout follows the collector's fanout consumer: mutating consumers get
// copies (the last one the original when nothing shares it), read-only
// consumers share the original, marked read-only when there are several.
func TestFanoutCopies(t *testing.T) {
	type seen struct {
		td       ptrace.Traces
		readOnly bool
	}
	var got []seen
	rec := func(ctx context.Context, d any) error {
		td := d.(ptrace.Traces)
		got = append(got, seen{td, td.IsReadOnly()})
		return nil
	}
	mut, ro := edge{f: rec, mutates: true}, edge{f: rec}
	for _, tc := range []struct {
		name     string
		outs     []edge
		mutates  bool
		original []bool // which consumer got the original
		readOnly []bool
	}{
		{"one read-only", []edge{ro}, false, []bool{true}, []bool{false}},
		{"one mutating", []edge{mut}, true, []bool{true}, []bool{false}},
		{"two mutating", []edge{mut, mut}, true, []bool{false, true}, []bool{false, false}},
		{"two read-only", []edge{ro, ro}, false, []bool{true, true}, []bool{true, true}},
		{"mutating and read-only", []edge{mut, ro}, false, []bool{false, true}, []bool{false, false}},
		{"two mutating, two read-only", []edge{ro, mut, ro, mut}, false, []bool{false, false, true, true}, []bool{false, false, true, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			td := ptrace.NewTraces()
			td.ResourceSpans().AppendEmpty().ScopeSpans().AppendEmpty().Spans().AppendEmpty().SetName("s")
			f := fanout(tc.outs)
			if f.mutates != tc.mutates {
				t.Errorf("mutates %v, want %v", f.mutates, tc.mutates)
			}
			if err := f.f(context.Background(), td); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.outs) {
				t.Fatalf("%d consumers called, want %d", len(got), len(tc.outs))
			}
			for i, s := range got {
				// Mutating consumers are called first, then read-only ones.
				original := s.td.ResourceSpans().At(0) == td.ResourceSpans().At(0)
				if original != tc.original[i] || s.readOnly != tc.readOnly[i] {
					t.Errorf("call %d: original %v read-only %v, want %v %v", i, original, s.readOnly, tc.original[i], tc.readOnly[i])
				}
				if s.td.SpanCount() != 1 {
					t.Errorf("call %d: %d spans", i, s.td.SpanCount())
				}
			}
		})
	}
}

// panicky is a test processor that panics on a span named "boom", or with
// lie set says it does not mutate data and then does (a component the
// collector's fan-out would hand shared data).
type panicky struct {
	component.StartFunc
	component.ShutdownFunc
	next consumer.Traces
	lie  bool
}

type panickyConfig struct {
	Lie bool `mapstructure:"lie"`
}

func (p *panicky) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: !p.lie}
}

func (p *panicky) ConsumeTraces(ctx context.Context, td ptrace.Traces) error {
	for _, rs := range td.ResourceSpans().All() {
		for _, ss := range rs.ScopeSpans().All() {
			for _, s := range ss.Spans().All() {
				if s.Name() == "boom" {
					panic("boom on purpose")
				}
				if p.lie {
					s.Attributes().PutStr("lied", "yes") // panics on shared data
				}
			}
		}
	}
	return p.next.ConsumeTraces(ctx, td)
}

// usePanicky compiles the panicky processor in for the test.
func usePanicky(t *testing.T) {
	typ := component.MustNewType("panicky")
	processorFactories["panicky"] = processor.NewFactory(typ, func() component.Config { return &panickyConfig{} },
		processor.WithTraces(func(_ context.Context, _ processor.Settings, cfg component.Config, next consumer.Traces) (processor.Traces, error) {
			return &panicky{next: next, lie: cfg.(*panickyConfig).Lie}, nil
		}, component.StabilityLevelDevelopment))
	t.Cleanup(func() { delete(processorFactories, "panicky") })
}

func writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func boomLine(name string, sec int) string {
	ts := pcommon.NewTimestampFromTime(StartTime.Add(time.Duration(sec) * time.Second))
	return fmt.Sprintf(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":%q,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}`, name, ts, ts)
}

// A panic in a processor fails its stage with the panic's message and the
// replay (exit 1), whether the processor is fed by the replay or from
// batch's goroutine, and whether the panic is its own or the collector's
// shared-data guard; the other pipelines still get their data.
func TestPanicFailsTheStage(t *testing.T) {
	usePanicky(t)
	cfg := writeConfig(t, `# otelcfg:file-ignore unknown-component-type panicky is the test's own processor
receivers: {otlp: {protocols: {grpc: {}}}}
processors:
  panicky: {}
  panicky/liar: {lie: true}
  batch: {send_batch_size: 1}
exporters: {debug: {}, debug/2: {}, debug/3: {}, debug/4: {}}
connectors: {forward: {}}
service:
  pipelines:
    traces/direct: {receivers: [otlp], processors: [panicky], exporters: [debug]}
    traces/batched: {receivers: [otlp], processors: [batch, panicky], exporters: [debug/2, forward]}
    traces/liar: {receivers: [forward], processors: [panicky/liar], exporters: [debug/3]}
    traces/reader: {receivers: [forward], exporters: [debug/4]}
`)
	rec := writeRecording(t, boomLine("fine", 0), boomLine("boom", 1), boomLine("fine", 2))
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	var failures []string
	for _, f := range res.Failures {
		failures = append(failures, f.String())
	}
	want := []string{
		"processor panicky in pipeline traces/batched: panic: boom on purpose",
		"processor panicky in pipeline traces/direct: panic: boom on purpose",
		"processor panicky/liar in pipeline traces/liar: panic: invalid access to shared data (and 1 more batches)",
	}
	if strings.Join(failures, "\n") != strings.Join(want, "\n") {
		t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(failures, "\n"), strings.Join(want, "\n"))
	}
	if e := stage(t, pipe(t, res, "traces/batched"), "panicky").Error; e != "panic: boom on purpose" {
		t.Errorf("stage error %q", e)
	}
	if x := exporter(t, res, "debug/4", "traces"); x.Items != 2 {
		t.Errorf("the read-only pipeline got %d spans, want 2", x.Items)
	}
	var text strings.Builder
	if err := WriteText(&text, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "FAILED: components failed") || !strings.Contains(text.String(), "FAILED: panic: boom on purpose") {
		t.Errorf("report:\n%s", text.String())
	}
}

// The replay's guard refuses shared data for a component that says it
// mutates, before the component can panic where nothing can recover it.
func TestGuardRefusesSharedDataForMutating(t *testing.T) {
	var fs failures
	called := false
	g := fs.guard("processor x", "traces", true, func(context.Context, any) error { called = true; return nil })
	td := ptrace.NewTraces()
	td.MarkReadOnly()
	if err := g(context.Background(), td); err == nil || called {
		t.Fatalf("err %v, called %v", err, called)
	}
	if err := g(context.Background(), ptrace.NewTraces()); err != nil || !called {
		t.Fatalf("mutable data: err %v, called %v", err, called)
	}
	l := fs.list()
	if len(l) != 1 || !strings.Contains(l[0].Error, "read-only") || l[0].Batches != 1 {
		t.Errorf("failures %+v", l)
	}
	ro := fs.guard("processor y", "", false, func(context.Context, any) error { return errors.New("refused") })
	if err := ro(context.Background(), td); err == nil || err.Error() != "refused" {
		t.Errorf("read-only consumer: %v", err)
	}
}

// A connector in pipelines of several signals gets an instance only for
// the pairs of signals it connects (forward: each to itself), as in the
// collector; a connector exported to from a signal no receiving pipeline
// can take is a config error.
func TestConnectorOnlyForSupportedSignals(t *testing.T) {
	res, err := Run(t.Context(), Options{Config: fidelityPath("cases", "connector-forward.yaml"),
		Inputs: []string{fidelityPath("traces.jsonl"), fidelityPath("metrics.jsonl"), fidelityPath("logs.jsonl")}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	for sig, n := range map[string]int{"traces": 300, "metrics": 240, "logs": 200} {
		if x := exporter(t, res, "otlp", sig); x.Items != n {
			t.Errorf("%s: %d items, want %d", sig, x.Items, n)
		}
	}
	unpaired := `
receivers: {otlp: {protocols: {grpc: {}}}}
connectors: {forward: {}}
exporters: {debug: {}}
service:
  pipelines:
    logs: {receivers: [otlp], exporters: [forward]}
    traces: {receivers: [forward], exporters: [debug]}
`
	// otelcfg lint rejects it, and so does the replay.
	_, err = Run(t.Context(), Options{Config: writeConfig(t, unpaired), Inputs: []string{fidelityPath("logs.jsonl")}, Env: map[string]string{}})
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "error connector-unpaired: connector \"forward\" is used as exporter in logs pipeline") {
		t.Fatalf("got %v", err)
	}
	// With lint's rule off, the replay's own check says so.
	cfg := writeConfig(t, "# otelcfg:file-ignore connector-unpaired the replay's own check\n"+unpaired)
	_, err = Run(t.Context(), Options{Config: cfg, Inputs: []string{fidelityPath("logs.jsonl")}, Env: map[string]string{}})
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "no pipeline it can connect logs to receives from it") {
		t.Fatalf("got %v", err)
	}
}

package simulate

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// Tests of the components compiled in after the first set: one replay per
// component under testdata/simulate/components/, asserting the values the
// exporters receive.

func componentsPath(name string) string {
	return filepath.Join("..", "..", "testdata", "simulate", "components", name)
}

func runComponents(t *testing.T, cfg, input string) *Result {
	t.Helper()
	res, err := Run(t.Context(), Options{Config: componentsPath(cfg), Inputs: []string{componentsPath(input)}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// points describes every metric data point an exporter received, one line
// each, sorted: name{attrs} temporality start time value, with times in
// seconds after StartTime.
func points(t *testing.T, x *ExporterResult) string {
	t.Helper()
	rel := func(ts pcommon.Timestamp) string {
		if ts == 0 {
			return "unset"
		}
		return fmt.Sprintf("%ds", (int64(ts)-StartTime.UnixNano())/1e9)
	}
	attrs := func(m pcommon.Map) string {
		var kv []string
		for k, v := range m.All() {
			kv = append(kv, k+"="+v.AsString())
		}
		sort.Strings(kv)
		return "{" + strings.Join(kv, ",") + "}"
	}
	var out []string
	for _, line := range x.Lines {
		md, err := (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(line)
		if err != nil {
			t.Fatalf("exporter %s: %v", x.ID, err)
		}
		rms := md.ResourceMetrics()
		for i := 0; i < rms.Len(); i++ {
			sms := rms.At(i).ScopeMetrics()
			for j := 0; j < sms.Len(); j++ {
				ms := sms.At(j).Metrics()
				for k := 0; k < ms.Len(); k++ {
					m := ms.At(k)
					number := func(temp string, dps pmetric.NumberDataPointSlice) {
						for n := 0; n < dps.Len(); n++ {
							dp := dps.At(n)
							v := fmt.Sprint(dp.IntValue())
							if dp.ValueType() == pmetric.NumberDataPointValueTypeDouble {
								v = fmt.Sprint(dp.DoubleValue())
							}
							out = append(out, fmt.Sprintf("%s%s %s start=%s time=%s value=%s", m.Name(), attrs(dp.Attributes()), temp, rel(dp.StartTimestamp()), rel(dp.Timestamp()), v))
						}
					}
					switch m.Type() {
					case pmetric.MetricTypeSum:
						number(strings.ToLower(m.Sum().AggregationTemporality().String()), m.Sum().DataPoints())
					case pmetric.MetricTypeGauge:
						number("gauge", m.Gauge().DataPoints())
					case pmetric.MetricTypeHistogram:
						dps := m.Histogram().DataPoints()
						for n := 0; n < dps.Len(); n++ {
							dp := dps.At(n)
							out = append(out, fmt.Sprintf("%s%s %s start=%s time=%s count=%d sum=%v buckets=%v", m.Name(), attrs(dp.Attributes()),
								strings.ToLower(m.Histogram().AggregationTemporality().String()), rel(dp.StartTimestamp()), rel(dp.Timestamp()),
								dp.Count(), dp.Sum(), dp.BucketCounts().AsRaw()))
						}
					default:
						out = append(out, fmt.Sprintf("%s: %s", m.Name(), m.Type()))
					}
				}
			}
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func wantPoints(t *testing.T, x *ExporterResult, want ...string) {
	t.Helper()
	if got := points(t, x); got != strings.Join(want, "\n") {
		t.Errorf("exporter %s received:\n%s\nwant:\n%s", x.ID, got, strings.Join(want, "\n"))
	}
}

func wantStage(t *testing.T, res *Result, pipeline, comp string, in, out, dropped int64) {
	t.Helper()
	s := stage(t, pipe(t, res, pipeline), comp)
	if s.In != in || s.Out != out || s.Dropped != dropped {
		t.Errorf("%s/%s in/out/dropped %d/%d/%d, want %d/%d/%d", pipeline, comp, s.In, s.Out, s.Dropped, in, out, dropped)
	}
}

// delta_to_cumulative: the delta sum http.requests (3 then 4 for /a, 1 then
// 2 for /b, in two batches) reaches the exporter as cumulative 3 then 7 and
// 1 then 3, keeping the series' first start time; the delta histogram's
// buckets, count and sum add up the same way; the cumulative sum is
// untouched. The third batch repeats /a at the same time: out of order,
// dropped by the processor (so the exporter gets 2 batches, not 3).
func TestDeltaToCumulative(t *testing.T) {
	res := runComponents(t, "delta.yaml", "delta.jsonl")
	wantStage(t, res, "metrics", "delta_to_cumulative", 8, 7, 1)
	x := exporter(t, res, "otlp_http/prometheus", "metrics")
	if x.Batches != 2 || x.Items != 7 {
		t.Errorf("exporter got %d batches, %d data points; want 2, 7", x.Batches, x.Items)
	}
	wantPoints(t, x,
		"http.requests{http.route=/a} cumulative start=0s time=120s value=7",
		"http.requests{http.route=/a} cumulative start=0s time=60s value=3",
		"http.requests{http.route=/b} cumulative start=0s time=120s value=3",
		"http.requests{http.route=/b} cumulative start=0s time=60s value=1",
		"http.server.request.duration{http.route=/a} cumulative start=0s time=120s count=5 sum=3.75 buckets=[1 3 1]",
		"http.server.request.duration{http.route=/a} cumulative start=0s time=60s count=3 sum=1.5 buckets=[1 2 0]",
		"process.cpu.time{} cumulative start=0s time=60s value=1.5",
	)
}

// The deprecated type name deltatocumulative (with a name and max_stale)
// runs the same processor.
func TestDeltaToCumulativeAlias(t *testing.T) {
	res := runComponents(t, "delta-alias.yaml", "delta.jsonl")
	wantStage(t, res, "metrics", "deltatocumulative/prom", 8, 7, 1)
	if s := stage(t, pipe(t, res, "metrics"), "deltatocumulative/prom"); s.Note != "" {
		t.Errorf("deltatocumulative/prom has a note (passed through?): %q", s.Note)
	}
	if got := joined(exporter(t, res, "debug", "metrics")); !strings.Contains(got, `"asInt":"7"`) || !strings.Contains(got, `"aggregationTemporality":2`) {
		t.Errorf("debug did not receive the accumulated series:\n%s", got)
	}
}

// metrics_transform (as metricstransform/rename): http.requests is renamed
// http.server.requests and its k8s.pod.name label aggregated away (sum:
// /a 2+5=7, /b 1), so 3 data points become 2; queue.depth's label queue is
// renamed; process.cpu.time passes unchanged.
func TestMetricsTransform(t *testing.T) {
	res := runComponents(t, "transform.yaml", "transform.jsonl")
	wantStage(t, res, "metrics", "metricstransform/rename", 5, 4, 1)
	x := exporter(t, res, "debug", "metrics")
	wantPoints(t, x,
		"http.server.requests{http.route=/a} cumulative start=0s time=60s value=7",
		"http.server.requests{http.route=/b} cumulative start=0s time=60s value=1",
		"process.cpu.time{} cumulative start=0s time=60s value=1.5",
		"queue.depth{messaging.destination.name=orders} gauge start=unset time=60s value=9",
	)
	if got := joined(x); strings.Contains(got, `"name":"http.requests"`) || strings.Contains(got, "k8s.pod.name") {
		t.Errorf("the old name or the aggregated label reaches the exporter:\n%s", got)
	}
}

// The exceptions connector is not compiled in (no version served here
// builds against the pinned collector: see registry.go), so a config that
// uses it is an error naming it, not a silent skip. When it is compiled in,
// replace this with a test of its metrics and logs.
func TestExceptionsConnectorNotCompiledIn(t *testing.T) {
	_, err := Run(t.Context(), Options{Config: componentsPath("exceptions.yaml"), Inputs: recordings, Env: map[string]string{}})
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `connector "exceptions" is not compiled into otelcfg-collector`) {
		t.Fatalf("want a config error for the exceptions connector, got %v", err)
	}
	if _, ok := connectorFactories["exceptions"]; ok {
		t.Fatal("exceptions is compiled in: replace this test with one of its output")
	}
}

// --list names the new processors with their deprecated aliases and
// modules.
func TestListNewComponents(t *testing.T) {
	want := map[string]string{
		"delta_to_cumulative": "deltatocumulative|github.com/open-telemetry/opentelemetry-collector-contrib/processor/deltatocumulativeprocessor@v0.158.0|metrics",
		"metrics_transform":   "metricstransform|github.com/open-telemetry/opentelemetry-collector-contrib/processor/metricstransformprocessor@v0.158.0|metrics",
	}
	list, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if w, ok := want[c.Type]; ok {
			got := strings.Join(c.Aliases, ",") + "|" + c.Module + "|" + strings.Join(c.Signals, ",")
			if c.Kind != "processor" || got != w {
				t.Errorf("%s: %s %s, want processor %s", c.Type, c.Kind, got, w)
			}
			delete(want, c.Type)
		}
	}
	for typ := range want {
		t.Errorf("--list lacks %s", typ)
	}
}

// firstDigest keeps the first run's output per config, so that -count=N
// also compares runs with each other, not only the two replays of one run.
var firstDigest sync.Map

// Each replay gives byte-identical exporter lines and reports, twice in a
// run and across runs of the test (-count=3).
func TestComponentsDeterministic(t *testing.T) {
	for _, tc := range [][2]string{
		{"delta.yaml", "delta.jsonl"},
		{"delta-alias.yaml", "delta.jsonl"},
		{"transform.yaml", "transform.jsonl"},
	} {
		out := func() string {
			res := runComponents(t, tc[0], tc[1])
			var b bytes.Buffer
			for _, x := range res.Exporters {
				fmt.Fprintf(&b, "%s %s\n", x.ID, x.Signal)
				for _, l := range x.Lines {
					b.Write(l)
					b.WriteByte('\n')
				}
			}
			if err := WriteText(&b, res); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&b, res); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		a, b := out(), out()
		if a != b {
			t.Errorf("%s: two replays differ:\n%s\n----\n%s", tc[0], a, b)
			continue
		}
		sum := fmt.Sprintf("%x", sha256.Sum256([]byte(a)))
		t.Logf("%s: sha256 %s", tc[0], sum)
		if prev, loaded := firstDigest.LoadOrStore(tc[0], sum); loaded && prev != sum {
			t.Errorf("%s: output differs from an earlier run of this test (%s, now %s)", tc[0], prev, sum)
		}
	}
}

// Resource attributes a component builds in map order are written sorted:
// the output is the same on every run.
func TestResourceAttributesSorted(t *testing.T) {
	var first string
	for i := range 8 {
		x := exporter(t, runComponents(t, "group.yaml", "transform.jsonl"), "debug", "metrics")
		got := string(bytes.Join(x.Lines, []byte("\n")))
		if !strings.Contains(got, `{"key":"region","value":{"stringValue":"eu"}},{"key":"service.name","value":{"stringValue":"cart"}},{"key":"team","value":{"stringValue":"shop"}},{"key":"tier","value":{"stringValue":"backend"}},{"key":"zone","value":{"stringValue":"a"}}`) {
			t.Fatalf("run %d: group resource attributes not sorted:\n%s", i, got)
		}
		if i == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

// A compiled-in processor the replay does not run passes data through with
// a note (its settings still decoded by its factory); a compiled-in
// connector it does not run refuses the config; a processor that is not
// compiled in passes through with why.
func TestComponentsNotReplayed(t *testing.T) {
	cfg := writeConfig(t, `receivers: {otlp: {protocols: {grpc: {}}}}
processors:
  span: {name: {from_attributes: [http.route]}}
  k8sattributes: {}
exporters: {debug: {}}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [span, k8sattributes], exporters: [debug]}
`)
	res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	p := pipe(t, res, "traces")
	if st := stage(t, p, "span"); st.In != 3 || st.Out != 3 || st.Note != "passed through: not replayed by otelcfg-collector (see otelcfg simulate --list)" {
		t.Errorf("span: %d/%d %q", st.In, st.Out, st.Note)
	}
	if st := stage(t, p, "k8sattributes"); st.Note != "passed through: needs the Kubernetes API" {
		t.Errorf("k8sattributes (the alias resolves to k8s_attributes): %q", st.Note)
	}
	if got := spanValues(t, exporter(t, res, "debug", "traces"), "http.route"); len(got) == 0 {
		t.Errorf("span names unchanged, attributes kept: %v", got)
	}
	bad := writeConfig(t, `# otelcfg:file-ignore invalid-setting the replay decodes it too
receivers: {otlp: {protocols: {grpc: {}}}}
processors: {span: {bogus: 1}}
exporters: {debug: {}}
service:
  pipelines:
    traces: {receivers: [otlp], processors: [span], exporters: [debug]}
`)
	var ce *ConfigError
	if _, err := Run(t.Context(), Options{Config: bad, Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}}); !errors.As(err, &ce) || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("bad settings of a passed-through processor: %v", err)
	}
	conn := writeConfig(t, `receivers: {otlp: {protocols: {grpc: {}}}}
connectors: {service_graph: {}}
exporters: {debug: {}}
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [service_graph]}
    metrics: {receivers: [service_graph], exporters: [debug]}
`)
	if _, err := Run(t.Context(), Options{Config: conn, Inputs: []string{cfgPath("traces.jsonl")}, Env: map[string]string{}}); !errors.As(err, &ce) || !strings.Contains(err.Error(), `connector "service_graph" is not replayed by otelcfg-collector`) {
		t.Errorf("service_graph: %v", err)
	}
}

package simulate

import (
	"strings"
	"testing"
)

// Cumulative span_metrics exports a series as 0 the first time and its
// count from the next flush on. A series first seen in the last interval
// of the recording shows its count one interval after the end, as a
// collector that keeps running exports it; a series first exported
// before the end needs no extra flush.
func TestSpanMetricsCumulativeLastInterval(t *testing.T) {
	cfg := writeConfig(t, `
receivers: {otlp: {protocols: {grpc: {}}}}
exporters: {debug: {}}
connectors:
  span_metrics:
    metrics_flush_interval: 60s
    histogram: {disable: true}
    dimensions: []
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [span_metrics]}
    metrics: {receivers: [span_metrics], exporters: [debug]}
`)
	cart, other := spanLine(1, 1, 0), spanLine(2, 1, 30)
	// Points are listed sorted as text (time=120s before time=60s).
	series := func(name string) string {
		return "traces.span.metrics.calls{collector.instance.id=otelcfg-simulate,service.name=cart,span.kind=SPAN_KIND_SERVER,span.name=" + name + ",status.code=STATUS_CODE_UNSET} cumulative "
	}
	late := strings.Replace(spanLine(3, 1, 70), "GET /cart", "GET /late", 1)
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"a series first seen in the last interval", []string{cart, other, late}, []string{
			// t=60: cart first exported (0); end: cart 2 and late 0, then late 1.
			series("GET /cart") + "start=0s time=120s value=2",
			series("GET /cart") + "start=0s time=180s value=2",
			series("GET /cart") + "start=0s time=60s value=0",
			series("GET /late") + "start=60s time=120s value=0",
			series("GET /late") + "start=60s time=180s value=1",
		}},
		{"no new series in the last interval", []string{cart, other, spanLine(4, 1, 70)}, []string{
			series("GET /cart") + "start=0s time=120s value=3",
			series("GET /cart") + "start=0s time=60s value=0",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{writeRecording(t, tc.lines...)}, Env: map[string]string{}})
			if err != nil {
				t.Fatal(err)
			}
			wantPoints(t, exporter(t, res, "debug", "metrics"), tc.want...)
		})
	}
}

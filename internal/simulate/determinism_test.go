package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Asynchronous components (batch, tail_sampling) upstream of time-driven
// ones (tail_sampling, span_metrics) and long gaps in the recording must not
// make a replay's output depend on goroutine scheduling: each case is
// replayed many times and must give one output.
func TestTimedReplayIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	spanMetrics := `
connectors:
  span_metrics:
    metrics_flush_interval: 60s
    aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
`
	sampling := `
processors:
  batch: {send_batch_size: 1}
  batch/timeout: {timeout: 1s, send_batch_size: 3}
  tail_sampling:
    decision_wait: 1s
    policies: [{name: two, type: span_count, span_count: {min_spans: 2}}]
  tail_sampling/all:
    decision_wait: 1s
    policies: [{name: all, type: always_sample}]
`
	head := "receivers: {otlp: {protocols: {grpc: {}}}}\nexporters: {debug: {}}\n"
	var gap []string
	gap = append(gap, spanLine(1, 1, 0), spanLine(2, 1, 86400))
	for i := range 20 {
		gap = append(gap, spanLine(byte(3+i), 1, 86400+60*(i+1)))
	}
	for _, tc := range []struct {
		name, config string
		rec          []string
	}{
		{"batch before tail_sampling", head + sampling + `
service:
  pipelines:
    traces: {receivers: [otlp], processors: [batch, tail_sampling], exporters: [debug]}
`, []string{spanLine(1, 1, 0), spanLine(9, 1, 1), spanLine(1, 2, 1), spanLine(3, 1, 30)}},
		{"batch before span_metrics", head + sampling + spanMetrics + `
service:
  pipelines:
    traces: {receivers: [otlp], processors: [batch], exporters: [span_metrics]}
    metrics: {receivers: [span_metrics], exporters: [debug]}
`, []string{spanLine(1, 1, 0), spanLine(2, 1, 30), spanLine(3, 1, 59), spanLine(4, 1, 60), spanLine(5, 1, 61), spanLine(6, 1, 125)}},
		{"batch timeout before tail_sampling and span_metrics", head + sampling + spanMetrics + `
service:
  pipelines:
    traces: {receivers: [otlp], processors: [batch/timeout, tail_sampling/all], exporters: [span_metrics, debug]}
    metrics: {receivers: [span_metrics], exporters: [debug]}
`, []string{spanLine(1, 1, 0), spanLine(1, 2, 0), spanLine(2, 1, 1), spanLine(2, 2, 2), spanLine(3, 1, 2), spanLine(3, 2, 2), spanLine(3, 3, 2), spanLine(4, 1, 59), spanLine(5, 1, 60), spanLine(6, 1, 61), spanLine(7, 1, 130)}},
		{"tail_sampling before span_metrics", head + sampling + spanMetrics + `
service:
  pipelines:
    traces: {receivers: [otlp], processors: [tail_sampling/all], exporters: [span_metrics]}
    metrics: {receivers: [span_metrics], exporters: [debug]}
`, []string{spanLine(1, 1, 0), spanLine(1, 2, 59), spanLine(2, 1, 60), spanLine(1, 3, 61), spanLine(3, 1, 200)}},
		{"a day's gap", head + spanMetrics + `
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [span_metrics]}
    metrics: {receivers: [span_metrics], exporters: [debug]}
`, gap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(dir, "c.yaml")
			if err := os.WriteFile(cfg, []byte(tc.config), 0o644); err != nil {
				t.Fatal(err)
			}
			rec := writeRecording(t, tc.rec...)
			seen := map[string]int{}
			for range 40 {
				res, err := Run(t.Context(), Options{Config: cfg, Inputs: []string{rec}, Env: map[string]string{}})
				if err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				for _, x := range res.Exporters {
					out.WriteString(x.ID + " " + x.Signal + "\n")
					out.Write(bytes.Join(x.Lines, []byte("\n")))
				}
				seen[out.String()]++
			}
			if len(seen) != 1 {
				t.Fatalf("%d different outputs in 40 replays", len(seen))
			}
		})
	}
}

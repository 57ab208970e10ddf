package exact_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/inprocess"
)

// gateway is a realistic gateway config (every component in the core
// set, every stage run): 44 lines.
const gateway = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318
processors:
  memory_limiter:
    check_interval: 5s
    limit_percentage: 80
    spike_limit_percentage: 25
  batch:
    timeout: 5s
  attributes:
    actions:
      - key: deployment.environment.name
        value: ${env:DEPLOY_ENV:-prod}
        action: upsert
  tail_sampling:
    decision_wait: 10s
    policies:
      - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
      - {name: slow, type: latency, latency: {threshold_ms: 500}}
exporters:
  otlp_grpc:
    endpoint: tempo.tempo.svc:4317
  otlp_http:
    endpoint: http://loki-gateway.loki.svc/otlp
  debug:
connectors:
  span_metrics:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, attributes, tail_sampling, batch]
      exporters: [otlp_grpc, span_metrics]
    metrics:
      receivers: [otlp, span_metrics]
      processors: [memory_limiter, batch]
      exporters: [otlp_http]
    logs:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp_http, debug]
`

// scaled is gateway with every component and pipeline repeated n times
// under IDs suffixed /0 ... /n-1: n=45 is ~2,000 lines.
func scaled(n int) string {
	var b strings.Builder
	blocks := splitTop(gateway)
	for _, sec := range []string{"receivers", "processors", "exporters", "connectors"} {
		b.WriteString(sec + ":\n")
		for i := range n {
			b.WriteString(suffixIDs(blocks[sec], i, 2))
		}
	}
	b.WriteString("service:\n  pipelines:\n")
	pipes := strings.SplitN(blocks["service"], "\n", 2)[1] // below "  pipelines:"
	for i := range n {
		b.WriteString(suffixRefs(suffixIDs(pipes, i, 4), i))
	}
	return b.String()
}

// splitTop returns the body of each top-level section.
func splitTop(src string) map[string]string {
	out := map[string]string{}
	cur := ""
	for _, line := range strings.SplitAfter(src, "\n") {
		if line != "" && !strings.HasPrefix(line, " ") {
			cur = strings.TrimSuffix(strings.TrimSpace(line), ":")
			continue
		}
		out[cur] += line
	}
	return out
}

// suffixIDs appends /i to the keys indented by indent spaces.
func suffixIDs(body string, i, indent int) string {
	var b strings.Builder
	pad := strings.Repeat(" ", indent)
	for _, line := range strings.SplitAfter(body, "\n") {
		if strings.HasPrefix(line, pad) && !strings.HasPrefix(line, pad+" ") && strings.Contains(line, ":") {
			k, rest, _ := strings.Cut(line, ":")
			line = k + "/" + strconv.Itoa(i) + ":" + rest
		}
		b.WriteString(line)
	}
	return b.String()
}

// suffixRefs appends /i to the IDs in pipelines' lists.
func suffixRefs(body string, i int) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(body, "\n") {
		if k, list, ok := strings.Cut(line, ": ["); ok {
			ids := strings.Split(strings.TrimSuffix(strings.TrimSpace(list), "]"), ", ")
			for j := range ids {
				ids[j] += "/" + strconv.Itoa(i)
			}
			line = k + ": [" + strings.Join(ids, ", ") + "]\n"
		}
		b.WriteString(line)
	}
	return b.String()
}

func TestScaledIsClean(t *testing.T) {
	for _, n := range []int{1, 45} {
		src := scaled(n)
		docs := loadDocs(t, "c.yaml", src, nil)
		fs, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: inprocess.Runner()})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 0 {
			t.Fatalf("n=%d: the benchmark config must be clean:\n%s", n, render(fs))
		}
		if want := 9 * n; len(st.Docs[0].Checked) != want+1 { // + service/telemetry
			t.Errorf("n=%d: %d components checked, want %d", n, len(st.Docs[0].Checked), want+1)
		}
	}
}

// BenchmarkCheck measures exact.Check in-process (request, JSON round
// trip, every stage of the engine, findings) on the gateway config and on
// it scaled to ~2,000 lines, with an engine that remembers nothing (as for
// a run's first config).
func BenchmarkCheck(b *testing.B) {
	cold, err := inprocess.Cold()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 45} {
		src := scaled(n)
		docs, err := config.LoadBytes("c.yaml", []byte(src), config.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dlines", strings.Count(src, "\n")), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := exact.Check(context.Background(), docs, exact.Options{Runner: cold}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// distinct makes copy i of a scaled config differ in the settings of every
// component that has settings (ports, timeouts, limits, names), so that no
// two files share a component outcome.
func distinct(src string, i int) string {
	return strings.NewReplacer(
		"4317", strconv.Itoa(10000+i),
		"4318", strconv.Itoa(20000+i),
		"timeout: 5s", fmt.Sprintf("timeout: %ds", 1+i),
		"check_interval: 5s", fmt.Sprintf("check_interval: %dms", 100+i),
		"${env:DEPLOY_ENV:-prod}", fmt.Sprintf("${env:DEPLOY_ENV:-prod-%d}", i),
		"decision_wait: 10s", fmt.Sprintf("decision_wait: %ds", 1+i),
		"threshold_ms: 500", fmt.Sprintf("threshold_ms: %d", 500+i),
		"loki-gateway.loki.svc", fmt.Sprintf("loki-%d.loki.svc", i),
	).Replace(src)
}

// TestWriteCheckRequest writes the check request for scaled(n) (n from
// OTELCFG_CHECK_SCALE, default 1) repeated OTELCFG_CHECK_COUNT times
// (default 1) to the file OTELCFG_CHECK_REQUEST names, and the config to
// that name with .yaml, for whole-process timings of the check program and
// of a collector's validate (docs/exact.md); with OTELCFG_CHECK_DISTINCT
// set, the copies differ (see distinct). It does nothing otherwise.
func TestWriteCheckRequest(t *testing.T) {
	out := os.Getenv("OTELCFG_CHECK_REQUEST")
	if out == "" {
		t.Skip("OTELCFG_CHECK_REQUEST not set")
	}
	count, scale := envInt(t, "OTELCFG_CHECK_COUNT"), envInt(t, "OTELCFG_CHECK_SCALE")
	src := scaled(scale)
	if err := os.WriteFile(out+".yaml", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var docs []*config.Document
	for i := range count {
		if os.Getenv("OTELCFG_CHECK_DISTINCT") != "" {
			src = distinct(scaled(scale), i)
		}
		docs = append(docs, loadDocs(t, "c.yaml", src, nil)...)
	}
	var req *exact.Request
	_, _, err := exact.Check(context.Background(), docs, exact.Options{Runner: exact.RunnerFunc(func(_ context.Context, r *exact.Request) (*exact.Response, error) {
		req = r
		return nil, fmt.Errorf("recorded")
	})})
	if req == nil {
		t.Fatal(err)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := exact.WriteJSON(f, req); err != nil {
		t.Fatal(err)
	}
}

func envInt(t *testing.T, name string) int {
	s := os.Getenv(name)
	if s == "" {
		return 1
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

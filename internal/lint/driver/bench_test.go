package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scaledConfig writes a realistic config with n copies of a
// receiver/processor/exporter set and n pipelines of each signal, so its
// size grows linearly with n.
func scaledConfig(n int) string {
	var b strings.Builder
	b.WriteString("receivers:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  otlp/%d:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:%d\n      http:\n        endpoint: 0.0.0.0:%d\n", i, 4317+2*i, 4318+2*i)
	}
	b.WriteString("processors:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  memory_limiter/%d:\n    check_interval: 1s\n    limit_percentage: 80\n  batch/%d:\n    timeout: 5s\n  attributes/%d:\n    actions:\n      - key: env\n        value: ${env:DEPLOY_ENV:-prod}\n        action: upsert\n", i, i, i)
	}
	b.WriteString("exporters:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  otlp_grpc/%d:\n    endpoint: backend-%d:4317\n    tls:\n      insecure: false\n  debug/%d:\n    verbosity: basic\n", i, i, i)
	}
	b.WriteString("connectors:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  span_metrics/%d:\n", i)
	}
	b.WriteString("service:\n  pipelines:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    traces/%d:\n      receivers: [otlp/%d]\n      processors: [memory_limiter/%d, attributes/%d, batch/%d]\n      exporters: [otlp_grpc/%d, span_metrics/%d]\n", i, i, i, i, i, i, i)
		fmt.Fprintf(&b, "    metrics/%d:\n      receivers: [otlp/%d, span_metrics/%d]\n      processors: [memory_limiter/%d, batch/%d]\n      exporters: [otlp_grpc/%d]\n", i, i, i, i, i, i)
		fmt.Fprintf(&b, "    logs/%d:\n      receivers: [otlp/%d]\n      processors: [memory_limiter/%d, batch/%d]\n      exporters: [otlp_grpc/%d, debug/%d]\n", i, i, i, i, i, i)
	}
	return b.String()
}

// BenchmarkLint measures a whole lint run (read, parse, all rules,
// suppressions) of configs 1×, 10×, 57× (~2,000 lines) and 100× the size
// of a small gateway config; ns/op should grow linearly with the line count.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1, 10, 57, 100} {
		cfg := scaledConfig(n)
		path := filepath.Join(b.TempDir(), "collector.yaml")
		if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
			b.Fatal(err)
		}
		lines := strings.Count(cfg, "\n")
		b.Run(fmt.Sprintf("x%d_%dlines", n, lines), func(b *testing.B) {
			b.SetBytes(int64(len(cfg)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := LintPaths(ctx, []string{path}, nil, Options{NoSettings: true})
				if err != nil {
					b.Fatal(err)
				}
				if s := res.Summary(); s.Errors > 0 {
					b.Fatalf("benchmark config has %d errors: %v", s.Errors, res.Findings)
				}
			}
		})
	}
}

// BenchmarkLintSeed measures the seed gateway Helm values (chart model included).
func BenchmarkLintSeed(b *testing.B) {
	path := filepath.Join("..", "..", "..", "testdata", "seed", "gateway-values.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LintPaths(ctx, []string{path}, nil, Options{NoSettings: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteBenchConfig writes scaledConfig(n) to the file named by
// OTELCFG_BENCH_CONFIG (n from OTELCFG_BENCH_SCALE, default 57: ~2,000
// lines), for whole-process timings (docs/performance.md). It does nothing
// otherwise.
func TestWriteBenchConfig(t *testing.T) {
	out := os.Getenv("OTELCFG_BENCH_CONFIG")
	if out == "" {
		t.Skip("OTELCFG_BENCH_CONFIG not set")
	}
	n := 57
	if s := os.Getenv("OTELCFG_BENCH_SCALE"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(out, []byte(scaledConfig(n)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScaledConfigIsClean keeps the benchmark honest: the generated config
// must be valid, or the benchmark measures error paths.
func TestScaledConfigIsClean(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte(scaledConfig(3)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := LintPaths(ctx, []string{path}, nil, Options{NoSettings: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity.String() != "info" {
			t.Errorf("unexpected finding in generated config: %s", f)
		}
	}
}

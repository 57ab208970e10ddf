package driver

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/otelcfg/otelcfg/internal/lint/report"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// ctx is the context of every lint run in these tests.
var ctx = context.Background()

var updateGolden = flag.Bool("update", false, "rewrite golden files")

// TestSeedFindings pins the findings on the seed document's two configs
// (testdata/seed, re-typed from the blog post the project started from).
// Their real problems: the removed logging and loki exporters (the
// collector rejects both), and the deprecated otlp and
// prometheusremotewrite aliases. memory_limiter and batch come from the
// chart's default config and must not be reported.
func TestSeedFindings(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "testdata", "seed")
	res, err := LintPaths(ctx, []string{seed}, nil, Options{NoSettings: true})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	rep := report.Report{Findings: res.Findings, Summary: res.Summary(), Rules: rules.All(), Files: res.Files}
	if err := report.Write(&got, "text", rep, report.Options{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(seed, "findings.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/lint/driver -run TestSeedFindings -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("seed findings changed; if intended, rerun with -update and review the diff.\ngot:\n%s\nwant:\n%s", got.Bytes(), want)
	}
	for _, f := range res.Findings {
		if f.Rule == "undefined-component" {
			t.Errorf("chart defaults not applied: %s", f)
		}
	}
}

package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// sampleRules stands in for the rule registry: two rules with full docs,
// one without examples. "unused-ignore" findings come from no rule at all.
func sampleRules() []*lint.Rule {
	return []*lint.Rule{
		{
			ID:       "unused-component",
			Severity: lint.Warning,
			Doc: lint.Doc{
				Title: "Component defined but not used in any pipeline",
				Text:  "The collector ignores components that no pipeline references.\nRemove the component or add it to a pipeline.",
				Bad:   "receivers:\n  otlp:\n  jaeger:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n",
				Good:  "receivers:\n  otlp:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n",
			},
		},
		{
			ID:       "dangling-reference",
			Severity: lint.Error,
			Doc: lint.Doc{
				Title:     "Pipeline references an undefined component",
				Text:      "Every component a pipeline lists must be defined in its section.",
				Bad:       "exporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp]\n",
				Good:      "exporters:\n  otlp:\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp]\n",
				Collector: true,
			},
		},
		{
			ID:       "missing-service",
			Severity: lint.Error,
			Doc:      lint.Doc{Title: "Config has no service section", Text: "A collector config needs a service section.", Collector: true},
		},
		{
			ID:       "memory-limiter-headroom",
			Severity: lint.Info,
			Doc:      lint.Doc{Title: "memory_limiter leaves no headroom"},
		},
	}
}

// sampleReport covers two files with findings plus a clean one, all three
// severities, related positions, a finding without a line, a rule missing
// from the registry and text that every format has to escape.
func sampleReport() Report {
	const gw, vals = "configs/gateway.yaml", "deploy/values.yaml"
	fs := []lint.Finding{
		{
			Rule:     "missing-service",
			Severity: lint.Error,
			Message:  "no service section: the collector refuses to start",
			Pos:      config.Pos{File: gw},
		},
		{
			Rule:     "unused-component",
			Severity: lint.Warning,
			Message:  `receiver "otlp/grpc,internal" is defined but not used in any pipeline`,
			Pos:      config.Pos{File: gw, Line: 4, Col: 3},
			Path:     "receivers.otlp/grpc,internal",
		},
		{
			Rule:     "dangling-reference",
			Severity: lint.Error,
			Message:  `pipeline "traces" references exporter "otlp/tempo" which is not defined`,
			Pos:      config.Pos{File: gw, Line: 31, Col: 19},
			Path:     "service.pipelines.traces.exporters[1]",
			Related: []lint.Related{
				{Pos: config.Pos{File: gw, Line: 12, Col: 3}, Message: "exporters are defined here"},
				{Pos: config.Pos{File: vals, Line: 2, Col: 1}, Message: "did you mean the exporter in the chart values?"},
			},
		},
		{
			Rule:     "memory-limiter-headroom",
			Severity: lint.Info,
			Message:  "limit_percentage is 100%\nkeep it below 100 so <spike_limit_percentage> & GC have room",
			Pos:      config.Pos{File: vals, Line: 14, Col: 9},
			Path:     "config.processors.memory_limiter.limit_percentage",
		},
		{
			Rule:     "unused-ignore",
			Severity: lint.Warning,
			Message:  "otelcfg:ignore unused-component matched nothing",
			Pos:      config.Pos{File: vals, Line: 20, Col: 5},
		},
	}
	return Report{
		Findings: fs,
		Summary:  lint.Summarize(3, fs),
		Rules:    sampleRules(),
		Version:  "v0.3.0",
		Checks:   []string{"component code: otelcfg-collector v0.3.0 (collector v0.158.0) checked 5 components in 2 configs"},
		Files:    []string{"configs/agent.yaml", gw, vals},
	}
}

func emptyReport() Report {
	return Report{
		Summary: lint.Summary{Files: 1},
		Rules:   sampleRules(),
		Version: "v0.3.0",
	}
}

// render runs Write and fails the test on error.
func render(t *testing.T, format string, r Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r, opts); err != nil {
		t.Fatalf("Write(%q): %v", format, err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/lint/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// goldenCases runs the sample and empty reports through format and checks
// both against testdata/{sample,empty}.<format>.golden.
func goldenCases(t *testing.T, format string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, tc := range []struct {
		name string
		r    Report
	}{
		{"sample", sampleReport()},
		{"empty", emptyReport()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, format, tc.r, Options{})
			golden(t, tc.name+"."+format+".golden", got)
			out[tc.name] = got
		})
	}
	return out
}

func TestWriteUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "yaml", sampleReport(), Options{})
	if err == nil {
		t.Fatal("Write(yaml) succeeded, want an error")
	}
	for _, f := range append([]string{`"yaml"`}, Formats...) {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %s", err, f)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("Write(yaml) wrote %q", buf.String())
	}
}

func TestFormatsAllWrite(t *testing.T) {
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			if len(render(t, f, sampleReport(), Options{})) == 0 {
				t.Error("no output")
			}
		})
	}
}

func TestSummaryLine(t *testing.T) {
	for _, tc := range []struct {
		s    lint.Summary
		want string
	}{
		{lint.Summary{Files: 3}, "no problems found in 3 files"},
		{lint.Summary{Files: 1}, "no problems found in 1 file"},
		{lint.Summary{}, "no problems found in 0 files"},
		{lint.Summary{Files: 3, Errors: 2, Warnings: 1}, "2 errors, 1 warning, 0 infos in 3 files"},
		{lint.Summary{Files: 1, Errors: 1, Warnings: 2, Infos: 1}, "1 error, 2 warnings, 1 info in 1 file"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := summaryLine(tc.s); got != tc.want {
				t.Errorf("summaryLine(%+v) = %q, want %q", tc.s, got, tc.want)
			}
		})
	}
}

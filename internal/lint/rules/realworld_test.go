package rules_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
	"github.com/otelcfg/otelcfg/internal/lint/report"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

var updateRealworld = flag.Bool("update", false, "rewrite testdata/realworld/findings.golden")

// TestRealWorld is the noise budget: configs shaped like the ones users run
// (operator examples, vendor distributions' examples, the OpenTelemetry
// demo, Grafana, Jaeger and tutorial setups; plain, Helm values, umbrella
// values, CRs, ConfigMaps) are linted together, as `otelcfg lint
// testdata/realworld` does, and every finding is pinned in
// findings.golden, which was reviewed line by line: each warning there is
// true. The collector accepts every config outside broken/, so none of
// them may have an error; broken/ keeps real errors otelcfg must find.
func TestRealWorld(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testdata", "realworld")
	res, err := driver.LintPaths(context.Background(), []string{dir}, nil, driver.Options{NoSettings: true})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	rep := report.Report{Findings: res.Findings, Summary: res.Summary(), Rules: rules.All(), Files: res.Files}
	if err := report.Write(&got, "text", rep, report.Options{}); err != nil {
		t.Fatal(err)
	}
	// Paths relative to testdata/realworld, so the golden file reads the
	// same from anywhere.
	text := strings.ReplaceAll(got.String(), dir+string(filepath.Separator), "")
	golden := filepath.Join(dir, "findings.golden")
	if *updateRealworld {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/lint/rules -run TestRealWorld -update)", err)
	}
	if text != string(want) {
		t.Errorf("real-world findings changed; review every line, then rerun with -update.\ngot:\n%s", text)
	}
	brokenDir := filepath.Join(dir, "broken") + string(filepath.Separator)
	var errorsInBroken int
	for _, f := range res.Findings {
		if f.Severity != lint.Error {
			continue
		}
		if strings.HasPrefix(f.Pos.File, brokenDir) {
			errorsInBroken++
			continue
		}
		t.Errorf("error on a config the collector accepts: %s", f)
	}
	if errorsInBroken == 0 {
		t.Error("no error found in broken/: the real errors kept there went unreported")
	}
	if len(res.Files) < 30 {
		t.Errorf("%d files linted, want the whole corpus (30 or more)", len(res.Files))
	}
}

package renderrun

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/rendercli"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/render"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRefusalPointsIntoInput: render's refusal names the input's line, and
// the removed exporter is called removed, with its replacement.
func TestRefusalPointsIntoInput(t *testing.T) {
	p := writeFile(t, "collector.yaml", "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  logging: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [logging]\n")
	io, _, out, errOut := iostreams.Test()
	if code := run(io, []string{"render", "helm", p}); code != cli.ExitFailed {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	e := errOut.String()
	for _, want := range []string{
		"otelcfg render: warning: " + p + ":7:3: exporters.logging: the logging exporter was removed in v0.111.0 (deprecated since v0.86.0); use debug instead",
		"\n  " + p + ":7:3: error removed-component: ",
	} {
		if !strings.Contains(e, want) {
			t.Errorf("stderr lacks %q:\n%s", want, e)
		}
	}
	if strings.Contains(e, "values.yaml") || strings.Contains(e, "not in the component catalog") || out.Len() != 0 {
		t.Errorf("stdout %q, stderr:\n%s", out, e)
	}
}

// TestConvertNotesPositionedOnce: convert's lint warnings carry the
// input's position (here the values file, for the chart's defaults) and no
// line is printed twice.
func TestConvertNotesPositionedOnce(t *testing.T) {
	p := writeFile(t, "values.yaml", "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector\nconfig:\n  exporters:\n    otlp_grpc:\n      endpoint: backend:4317\n  service:\n    pipelines:\n      traces:\n        exporters: [otlp_grpc]\n")
	io, _, out, errOut := iostreams.Test()
	if code := run(io, []string{"convert", p, "--to", "config"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.Len() == 0 {
		t.Fatal("nothing written")
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	seen := map[string]bool{}
	lintLine := regexp.MustCompile(`^otelcfg convert: warning: ` + regexp.QuoteMeta(p) + `:\d+:\d+: lint: [a-z-]+: `)
	lintWarnings := 0
	for _, l := range lines {
		if seen[l] {
			t.Errorf("printed twice: %s", l)
		}
		seen[l] = true
		if strings.Contains(l, ": lint: ") {
			lintWarnings++
			if !lintLine.MatchString(l) {
				t.Errorf("lint warning without the input's position: %s", l)
			}
		}
	}
	if lintWarnings == 0 {
		t.Errorf("no lint warning (the chart's debug-only pipelines should give some):\n%s", errOut)
	}
}

// TestPrintNotesDedupes: the same note is printed once, with its position
// and a count of the other places.
func TestPrintNotesDedupes(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	cmd := rendercli.NewCmdConvert(io, "test", nil)
	at := func(l int) config.Pos { return config.Pos{File: "v.yaml", Line: l, Col: 9} }
	var notes []render.Note
	for l := 1; l <= 9; l++ {
		notes = append(notes, render.Note{Level: "warning", Message: "lint: env-undefined: MY_POD_IP", Pos: at(l)})
	}
	printNotes(cmd, io, notes)
	if got := errOut.String(); strings.Count(got, "MY_POD_IP") != 1 || !strings.Contains(got, "warning: v.yaml:1:9: lint: env-undefined: MY_POD_IP (and 8 more places)") {
		t.Errorf("printed:\n%s", got)
	}
}

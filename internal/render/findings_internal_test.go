package render

import (
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

const placeInput = `receivers:
  otlp: {}
service:
  telemetry:
    resource:
      k8s.pod.name: x
  pipelines:
    traces:
      receivers: [otlp]
`

// placeOutput is what render writes for placeInput, shifted, with one
// node (health_check) the input does not have.
const placeOutput = `# header
config:
  extensions:
    health_check: {}
  receivers:
    otlp: {}
  service:
    telemetry:
      resource:
        k8s.pod.name: x
    pipelines:
      traces:
        receivers: [otlp]
`

func TestPlacer(t *testing.T) {
	in, err := Load("in.yaml", []byte(placeInput))
	if err != nil {
		t.Fatal(err)
	}
	p := newPlacer(in, "values.yaml", []byte(placeOutput), config.KindHelmValues)
	pos := func(l, c int) config.Pos { return config.Pos{File: "values.yaml", Line: l, Col: c} }
	cases := []struct {
		name      string
		f         lint.Finding
		want      string
		generated bool
	}{
		{"a key, by position", lint.Finding{Pos: pos(6, 5), Path: "config.receivers.otlp"}, "in.yaml:2:3", false},
		{"a list item, by position", lint.Finding{Pos: pos(13, 21), Path: "config.service.pipelines.traces.receivers[0]"}, "in.yaml:9:19", false},
		{"a dotted key, by path", lint.Finding{Pos: pos(10, 99), Path: "config.service.telemetry.resource.k8s.pod.name"}, "in.yaml:6:7", false},
		{"what render added", lint.Finding{Pos: pos(4, 5), Path: "config.extensions.health_check"}, "values.yaml:4:5", true},
		{"another file", lint.Finding{Pos: config.Pos{File: "other.yaml", Line: 1, Col: 1}}, "other.yaml:1:1", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := p.place(c.f)
			if got.Pos.String() != c.want || got.Generated != c.generated {
				t.Errorf("placed at %s (generated %v), want %s (generated %v)", got.Pos, got.Generated, c.want, c.generated)
			}
		})
	}
	g := p.place(lint.Finding{Pos: pos(4, 5), Path: "config.extensions.health_check", Rule: "r", Severity: lint.Warning, Message: "m"})
	if n := g.Note(); n.Pos.IsValid() || !strings.Contains(n.Message, "(at values.yaml:4:5 in the generated output)") {
		t.Errorf("note of a generated finding: %+v", n)
	}
}

// TestPlacerChartOrigin: a finding on a chart default of a Helm values
// input is placed where the values file lets it in, and says so.
func TestPlacerChartOrigin(t *testing.T) {
	values := "mode: deployment\nimage:\n  repository: x\nconfig:\n  exporters:\n    debug: {}\n"
	docs, err := config.LoadBytes("values.yaml", []byte(values), config.Options{HelmRender: chart.HelmRender})
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{File: "values.yaml", Config: docs[0].Config}
	out, err := Encode("", ToYAML(in.Config))
	if err != nil {
		t.Fatal(err)
	}
	p := newPlacer(in, "config.yaml", out, config.KindConfig)
	// The chart's jaeger receiver, as the output has it.
	back, err := Load("config.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	e := back.Config.Get("receivers").Entry("jaeger")
	got := p.place(lint.Finding{Pos: e.KeyPos, Path: "receivers.jaeger", Rule: "unused-component", Severity: lint.Warning, Message: "m"})
	if got.Generated || got.Origin != chart.OriginDefault || got.Pos.String() != "values.yaml:4:1" {
		t.Errorf("placed %+v", got)
	}
	if s := got.String(); !strings.HasSuffix(s, "(from the chart default)") {
		t.Errorf("String() = %q", s)
	}
}

func TestDedupeNotes(t *testing.T) {
	at := func(l int) config.Pos { return config.Pos{File: "a.yaml", Line: l, Col: 1} }
	notes := []Note{
		{Level: "warning", Message: "env MY_POD_IP", Pos: at(3)},
		{Level: "note", Message: "other"},
		{Level: "warning", Message: "env MY_POD_IP", Pos: at(5)},
		{Level: "warning", Message: "env MY_POD_IP", Pos: at(7)},
		{Level: "note", Message: "other"},
		{Level: "note", Message: "env MY_POD_IP"},
	}
	got := DedupeNotes(notes)
	var s []string
	for _, n := range got {
		s = append(s, n.String())
	}
	want := []string{
		"warning: a.yaml:3:1: env MY_POD_IP (and 2 more places)",
		"note: other",
		"note: env MY_POD_IP",
	}
	if strings.Join(s, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(s, "\n"), strings.Join(want, "\n"))
	}
	if got := DedupeNotes(nil); len(got) != 0 {
		t.Errorf("DedupeNotes(nil) = %v", got)
	}
}

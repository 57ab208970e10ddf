package render_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

// brokenConfig holds the removed logging exporter; its key is at 9:3.
const brokenConfig = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  batch: {}
exporters:
  logging:
    verbosity: detailed
  otlp_grpc:
    endpoint: backend:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [logging, otlp_grpc]
`

// TestLintFindingsInInput: when the gate refuses an output, its findings
// point into the input the user wrote (collector.yaml:9:3), not into the
// output that was not written.
func TestLintFindingsInInput(t *testing.T) {
	in, err := render.Load("collector.yaml", []byte(brokenConfig))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cases := map[string]func() error{
		"helm": func() error { _, err := render.Helm(ctx, in, render.HelmOptions{}); return err },
		"helm subchart": func() error {
			_, err := render.Helm(ctx, in, render.HelmOptions{Subchart: true})
			return err
		},
		"operator v1beta1": func() error {
			_, err := operator.Render(ctx, in, operator.Options{API: "v1beta1"})
			return err
		},
		"operator v1alpha1": func() error {
			_, err := operator.Render(ctx, in, operator.Options{API: "v1alpha1"})
			return err
		},
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			var le *render.LintError
			if err := run(); !errors.As(err, &le) {
				t.Fatalf("want a lint error, got %v", err)
			}
			if len(le.Findings) == 0 {
				t.Fatal("no findings")
			}
			for _, f := range le.Findings {
				if f.Generated || f.Pos != (config.Pos{File: "collector.yaml", Line: 9, Col: 3}) {
					t.Errorf("finding at %s (generated %v), want collector.yaml:9:3: %s", f.Pos, f.Generated, f)
				}
			}
			msg := le.Error()
			if !strings.Contains(msg, "collector.yaml:9:3: error removed-component:") || strings.Contains(msg, "values.yaml") || strings.Contains(msg, "cr.yaml") {
				t.Errorf("message:\n%s", msg)
			}
		})
	}
}

// TestRemovedComponentImageNote: a removed component is named as removed,
// with its replacement, at its position; an unknown one is still "not in
// the component catalog".
func TestRemovedComponentImageNote(t *testing.T) {
	in, err := render.Load("collector.yaml", []byte(brokenConfig))
	if err != nil {
		t.Fatal(err)
	}
	_, notes := render.ChooseImage(in.Config)
	var text []string
	for _, n := range notes {
		text = append(text, n.String())
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "warning: collector.yaml:9:3: exporters.logging: the logging exporter was removed in v0.111.0 (deprecated since v0.86.0); use debug instead") {
		t.Errorf("notes:\n%s", all)
	}
	if strings.Contains(all, "not in the component catalog") {
		t.Errorf("logging is in the catalog (as removed):\n%s", all)
	}

	in, err = render.Load("c.yaml", []byte(strings.Replace(brokenConfig, "logging", "made_up", -1)))
	if err != nil {
		t.Fatal(err)
	}
	_, notes = render.ChooseImage(in.Config)
	if len(notes) == 0 || !strings.Contains(notes[0].Message, "not in the component catalog, so not checked against the image: exporters.made_up") {
		t.Errorf("unknown type: %v", notes)
	}
}

package config

import (
	"slices"
	"strings"
	"testing"
)

func TestBuildCollector(t *testing.T) {
	src := "receivers:\n  otlp: {}\n  otlp/2:\nexporters:\n  debug: {}\nservice:\n  extensions: [health_check]\n  pipelines:\n    traces/b:\n      receivers: [otlp, otlp/2]\n      exporters: [debug]\n    metrics:\n"
	for _, tc := range []struct {
		name, wrap string
		levels     int // indentation of the config under wrap
		prefix     string
	}{
		{"plain", "", 0, ""},
		{"CR", "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nspec:\n  config:\n", 2, "spec.config."},
		{"Helm", "mode: deployment\nconfig:\n", 1, "config."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := src
			if tc.wrap != "" {
				text = tc.wrap + indent(src, tc.levels)
			}
			d := load1(t, text, Options{})
			c := BuildCollector(d.Config, d.ConfigPath)
			if len(c.Problems) != 0 {
				t.Fatalf("problems %v", c.Problems)
			}
			var comps []string
			for _, comp := range c.Components["receivers"] {
				comps = append(comps, comp.Type+"|"+comp.Name+"|"+comp.Path)
			}
			if want := []string{"otlp||" + tc.prefix + "receivers.otlp", "otlp|2|" + tc.prefix + "receivers.otlp/2"}; !slices.Equal(comps, want) {
				t.Errorf("receivers %v, want %v", comps, want)
			}
			if c.Defined("receivers", "otlp/2") == nil || c.Defined("exporters", "otlp") != nil {
				t.Error("Defined")
			}
			if len(c.Pipelines) != 2 || c.Pipelines[0].Signal != "traces" || c.Pipelines[0].Name != "b" {
				t.Fatalf("pipelines %+v", c.Pipelines)
			}
			r := c.Pipelines[0].Receivers[1]
			if r.ID != "otlp/2" || r.Path != tc.prefix+"service.pipelines.traces/b.receivers[1]" {
				t.Errorf("ref %+v", r)
			}
			if len(c.Extensions) != 1 || c.Extensions[0].Path != tc.prefix+"service.extensions[0]" {
				t.Errorf("extensions %+v", c.Extensions)
			}
		})
	}
}

func indent(s string, n int) string {
	pad := strings.Repeat("  ", n)
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestBuildCollectorStructure(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // path|message fragment
	}{
		{"section is a list", "receivers: [otlp]\n", []string{"receivers|must be a map of settings, got a list"}},
		{"service is a scalar", "service: x\n", []string{"service|got a str \"x\""}},
		{"pipelines is a list", "service:\n  pipelines: [traces]\n", []string{"service.pipelines|must be a map"}},
		{"pipeline is a list", "service:\n  pipelines:\n    traces: [otlp]\n", []string{"service.pipelines.traces|must be a map"}},
		{"receivers is a scalar", "service:\n  pipelines:\n    traces:\n      receivers: otlp\n", []string{"service.pipelines.traces.receivers|write [otlp]"}},
		{"receivers is a map", "service:\n  pipelines:\n    traces:\n      receivers: {otlp: {}}\n", []string{"service.pipelines.traces.receivers|got a map"}},
		{"non-scalar item", "service:\n  extensions: [a, [b], {c: 1}]\n", []string{"service.extensions[1]|got a list", "service.extensions[2]|got a map"}},
		{"nulls are empty", "receivers:\nservice:\n  pipelines:\n    traces:\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, tc.src, Options{Kind: KindConfig})
			c := BuildCollector(d.Config, "")
			var got []string
			for i, p := range c.Problems {
				if p.Code != "invalid-structure" || !p.Pos.IsValid() {
					t.Errorf("problem %+v", p)
				}
				if i < len(tc.want) {
					path, frag, _ := strings.Cut(tc.want[i], "|")
					if p.Path != path || !strings.Contains(p.Message, frag) {
						t.Errorf("problem %s %q, want %s %q", p.Path, p.Message, path, frag)
					}
				}
				got = append(got, p.Path)
			}
			if len(got) != len(tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
			if strings.Contains(tc.name, "map") && strings.Contains(c.Problems[0].Message, "write [") {
				t.Errorf("suggests a fix for a map: %q", c.Problems[0].Message)
			}
		})
	}
	t.Run("non-map root", func(t *testing.T) {
		c := BuildCollector(&Node{Kind: SeqNode}, "")
		if len(c.Components) != 0 || len(c.Problems) != 0 {
			t.Errorf("%+v", c)
		}
	})
}

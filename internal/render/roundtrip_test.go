package render_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/helmsdk"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const fixtureChart = "../../testdata/render/chart/opentelemetry-collector"

// plainConfigs are the plain collector configs in testdata the round trips
// must reproduce.
func plainConfigs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, g := range []string{
		"../../testdata/agreement/structure/*valid*.yaml",
		"../../testdata/agreement/seed/*.yaml",
		"../../testdata/lint/_valid/*.yaml",
		"../../testdata/render/*.yaml",
	} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := config.LoadBytes(f, data, config.Options{})
			if err != nil || len(docs) != 1 || docs[0].Kind != config.KindConfig {
				continue
			}
			out = append(out, f)
		}
	}
	sort.Strings(out)
	if len(out) < 15 {
		t.Fatalf("found only %d plain configs", len(out))
	}
	return out
}

func load(t *testing.T, f string) *render.Input {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	in, err := render.Load(f, data)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func renderedConfig(t *testing.T, values []byte, release string) any {
	t.Helper()
	r, err := helmsdk.Render(fixtureChart, values, release, "observability")
	if err != nil {
		t.Fatalf("%v\nvalues:\n%s", err, values)
	}
	var got any
	if err := yaml.Unmarshal([]byte(r.Config), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestHelmRoundTrip renders every plain config's values with the fixture
// chart through the Helm SDK and compares the ConfigMap's config with the
// input.
func TestHelmRoundTrip(t *testing.T) {
	variants := []struct {
		name string
		opts render.HelmOptions
	}{
		{"default", render.HelmOptions{}},
		{"daemonset", render.HelmOptions{Mode: "daemonset", Memory: "2Gi", Release: "agent"}},
		{"subchart", render.HelmOptions{Subchart: true}},
	}
	for _, f := range plainConfigs(t) {
		for _, v := range variants {
			t.Run(filepath.Base(f)+"/"+v.name, func(t *testing.T) {
				in := load(t, f)
				opts := v.opts
				opts.SkipLint = true // seeds hold removed components; lint is tested below
				res, err := render.Helm(context.Background(), in, opts)
				if err != nil {
					t.Fatal(err)
				}
				release := opts.Release
				if release == "" {
					release = "opentelemetry-collector"
				}
				got := renderedConfig(t, res.Values, release)
				if d := render.Diff(res.Expected.Plain(), got); len(d) > 0 {
					t.Fatalf("rendered config differs from the input:\n%s\nvalues:\n%s", strings.Join(d, "\n"), res.Values)
				}
				// Only the health_check extension may be added.
				if d := render.Diff(in.Config.Plain(), res.Expected.Plain()); len(d) > 0 {
					for _, l := range d {
						if !strings.Contains(l, "health_check") && !strings.HasPrefix(l, "service.extensions") && !strings.HasPrefix(l, "extensions") {
							t.Errorf("expected config differs from the input beyond health_check: %s", l)
						}
					}
				}
			})
		}
	}
}

// TestOperatorRoundTrip decodes every CR into the operator's API types and
// compares its config with the input.
func TestOperatorRoundTrip(t *testing.T) {
	for _, f := range plainConfigs(t) {
		for _, api := range operator.APIVersions {
			t.Run(filepath.Base(f)+"/"+api, func(t *testing.T) {
				in := load(t, f)
				res, err := operator.Render(context.Background(), in, operator.Options{API: api, SkipLint: true, Memory: "1Gi"})
				if err != nil {
					t.Fatal(err)
				}
				got, err := operator.DecodeConfig(res.CR)
				if err != nil {
					t.Fatal(err)
				}
				if d := render.Diff(in.Config.Plain(), got); len(d) > 0 {
					t.Fatalf("CR config differs from the input:\n%s\n%s", strings.Join(d, "\n"), res.CR)
				}
			})
		}
	}
}

// TestLintGate: outputs that lint rejects are not produced.
func TestLintGate(t *testing.T) {
	in := load(t, "../../testdata/agreement/seed/gateway-config.yaml")
	_, err := render.Helm(context.Background(), in, render.HelmOptions{})
	var le *render.LintError
	if !errors.As(err, &le) {
		t.Fatalf("want a lint error for the seed gateway (removed logging and loki exporters), got %v", err)
	}
	in = load(t, "../../testdata/agreement/seed/sidecar-config.yaml")
	if _, err := operator.Render(context.Background(), in, operator.Options{API: "v1beta1"}); !errors.As(err, &le) {
		t.Fatalf("want a lint error for the seed sidecar (removed logging exporter), got %v", err)
	}
}

// TestGolden renders the configs derived from the seed document.
func TestGolden(t *testing.T) {
	cases := []struct {
		name, in, golden string
		run              func(*render.Input) ([]byte, error)
	}{
		{"gateway helm", "gateway.yaml", "gateway.values.golden.yaml", func(in *render.Input) ([]byte, error) {
			r, err := render.Helm(context.Background(), in, render.HelmOptions{Release: "otel-gateway", Namespace: "monitoring", Memory: "2Gi", Version: "test"})
			if err != nil {
				return nil, err
			}
			return r.Values, nil
		}},
		{"sidecar operator", "sidecar.yaml", "sidecar.cr.golden.yaml", func(in *render.Input) ([]byte, error) {
			r, err := operator.Render(context.Background(), in, operator.Options{API: "v1beta1", Mode: "sidecar", Name: "sidecar-for-spring", Namespace: "spring", Memory: "256Mi", Version: "test"})
			if err != nil {
				return nil, err
			}
			return r.CR, nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := "../../testdata/render/"
			in, err := render.Load("testdata/render/"+c.in, mustRead(t, dir+c.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.run(in)
			if err != nil {
				t.Fatal(err)
			}
			again, err := c.run(in)
			if err != nil || string(again) != string(got) {
				t.Fatalf("output is not deterministic")
			}
			golden := dir + c.golden
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := string(mustRead(t, golden)); want != string(got) {
				t.Errorf("%s differs from the golden file (go test -update to refresh):\n%s", c.golden, got)
			}
		})
	}
}

func mustRead(t *testing.T, f string) []byte {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package convert_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/convert"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const td = "../../../testdata/"

// read loads file as convert does, naming it as the goldens do.
func read(t *testing.T, file string) *convert.Source {
	t.Helper()
	data, err := os.ReadFile(td + file)
	if err != nil {
		t.Fatal(err)
	}
	src, err := convert.Read("testdata/"+file, data)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func run(t *testing.T, src *convert.Source, opts convert.Options) []byte {
	t.Helper()
	opts.Version = "test"
	res, err := convert.Convert(context.Background(), src, opts)
	if err != nil {
		t.Fatalf("convert %s --to %s: %v", src.File, opts.To, err)
	}
	again, err := convert.Convert(context.Background(), src, opts)
	if err != nil || !bytes.Equal(res.Output, again.Output) {
		t.Fatalf("convert %s --to %s is not deterministic", src.File, opts.To)
	}
	return res.Output
}

// reread loads a converted output as the next input.
func reread(t *testing.T, name string, out []byte) *convert.Source {
	t.Helper()
	src, err := convert.Read(name, out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return src
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := td + file
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (go test ./internal/render/convert -update rewrites it):\n%s", file, got)
	}
}

// TestAlphaToBeta converts the corrected seed sidecar: same config, the
// resource's fields and the comments (inside the config too) kept.
func TestAlphaToBeta(t *testing.T) {
	src := read(t, "render/sidecar-cr.yaml")
	out := run(t, src, convert.Options{To: "v1beta1"})
	golden(t, "render/sidecar-cr.v1beta1.golden.yaml", out)

	in, err := operator.DecodeConfig(src.Data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := operator.DecodeConfig(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := render.Diff(in, got); len(d) > 0 {
		t.Errorf("config changed: %s", strings.Join(d, "; "))
	}
	for _, want := range []string{
		"apiVersion: opentelemetry.io/v1beta1",
		"# One collector per pod of the Spring application.",  // a comment of the resource
		"# Spring Boot Actuator metrics, scraped in the pod.", // a comment inside the string config
		"  mode: sidecar\n",
		"  namespace: spring\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(string(out), "config: |") {
		t.Error("spec.config is still a string")
	}
	// --to cr is the same for a v1alpha1 resource.
	if cr := run(t, src, convert.Options{To: "cr"}); !bytes.Equal(cr, out) {
		t.Error("--to cr differs from --to v1beta1 for a v1alpha1 resource")
	}
	// Already v1beta1.
	if _, err := convert.Convert(context.Background(), reread(t, "beta.yaml", out), convert.Options{To: "v1beta1"}); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("converting a v1beta1 resource to v1beta1: %v", err)
	}
}

// TestSeedSidecarRefused: the seed as it is holds the removed logging
// exporter, so the lint gate refuses it and says why.
func TestSeedSidecarRefused(t *testing.T) {
	src := read(t, "seed/sidecar-cr.yaml")
	res, err := convert.Convert(context.Background(), src, convert.Options{To: "v1beta1"})
	var le *render.LintError
	if !errors.As(err, &le) {
		t.Fatalf("want a lint error, got %v", err)
	}
	if res != nil && res.Output != nil {
		t.Error("output returned despite the lint error")
	}
	msg := err.Error()
	for _, want := range []string{"does not pass `otelcfg lint`", "nothing written", "removed-component", "logging exporter was removed", "use debug"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// TestHelmToCRToConfig: Helm values → CR → config is the config the chart
// renders from the values.
func TestHelmToCRToConfig(t *testing.T) {
	values := read(t, "render/gateway.values.golden.yaml")
	chartCfg := values.Config.Plain()
	cr := run(t, values, convert.Options{To: "cr", Name: "otel-gateway"})
	for _, want := range []string{"apiVersion: opentelemetry.io/v1beta1", "  mode: deployment\n", "  name: otel-gateway\n", "  namespace: monitoring\n", "memory: 2Gi"} {
		if !strings.Contains(string(cr), want) {
			t.Errorf("CR lacks %q:\n%s", want, cr)
		}
	}
	crSrc := reread(t, "gateway-cr.yaml", cr)
	if d := render.Diff(chartCfg, crSrc.Config.Plain()); len(d) > 0 {
		t.Errorf("CR config differs from the chart-rendered config:\n%s", strings.Join(d, "\n"))
	}
	cfg := run(t, crSrc, convert.Options{To: "config"})
	back := reread(t, "gateway-config.yaml", cfg)
	if back.Form != "config" {
		t.Fatalf("--to config wrote a %s", back.Form)
	}
	if d := render.Diff(chartCfg, back.Config.Plain()); len(d) > 0 {
		t.Errorf("helm → CR → config differs from the chart-rendered config:\n%s", strings.Join(d, "\n"))
	}
	// Directly too.
	direct := reread(t, "direct.yaml", run(t, values, convert.Options{To: "config"}))
	if d := render.Diff(chartCfg, direct.Config.Plain()); len(d) > 0 {
		t.Errorf("helm → config differs from the chart-rendered config:\n%s", strings.Join(d, "\n"))
	}
}

// TestCRToHelm: CR → Helm values, rendered by the chart model, is the CR's
// config (plus the health_check extension the chart needs).
func TestCRToHelm(t *testing.T) {
	for _, file := range []string{"render/sidecar-cr.yaml", "render/sidecar-cr.v1beta1.golden.yaml"} {
		t.Run(file, func(t *testing.T) {
			cr := read(t, file)
			values := run(t, cr, convert.Options{To: "helm"})
			if !strings.Contains(string(values), "namespaceOverride: spring") {
				t.Errorf("namespace not carried over:\n%s", values)
			}
			got := reread(t, "values.yaml", values)
			if got.Form != "helm" {
				t.Fatalf("--to helm wrote a %s", got.Form)
			}
			for _, l := range render.Diff(cr.Config.Plain(), got.Config.Plain()) {
				if !strings.Contains(l, "health_check") && !strings.HasPrefix(l, "service.extensions") && !strings.HasPrefix(l, "extensions") {
					t.Errorf("chart-rendered config differs from the CR's: %s", l)
				}
			}
			// and back to a CR: the same config again
			back := reread(t, "back.yaml", run(t, got, convert.Options{To: "cr"}))
			if d := render.Diff(got.Config.Plain(), back.Config.Plain()); len(d) > 0 {
				t.Errorf("CR → helm → CR: %s", strings.Join(d, "; "))
			}
		})
	}
}

// isOption reports whether err is about the option name.
func isOption(err error, name string) bool {
	var oe *render.OptionError
	return errors.As(err, &oe) && oe.Name == name
}

func TestUsageErrors(t *testing.T) {
	values := read(t, "render/gateway.values.golden.yaml")
	for _, to := range []string{"helm", "yaml"} {
		if _, err := convert.Convert(context.Background(), values, convert.Options{To: to}); !isOption(err, "to") {
			t.Errorf("--to %s from Helm values: %v", to, err)
		}
	}
	if _, err := convert.Read("x.yaml", []byte("apiVersion: v1\nkind: Secret\n")); err == nil {
		t.Error("a Secret was accepted")
	}
}

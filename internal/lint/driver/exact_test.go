package driver

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// fakeCollector answers every config with the component statuses and
// errors given, as a check program or a user's collector would.
func fakeCollector(engine string, comps []exact.ComponentStatus, errs []exact.Error) exact.Runner {
	return exact.RunnerFunc(func(_ context.Context, req *exact.Request) (*exact.Response, error) {
		resp := &exact.Response{Version: exact.ProtocolVersion, Engine: exact.Engine{Name: engine, Collector: "v0.158.0"}}
		for _, in := range req.Configs {
			resp.Results = append(resp.Results, exact.Result{ID: in.ID, Components: comps, Errors: errs})
		}
		return resp, nil
	})
}

const exactConfig = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0
exporters:
  datadog:
    api:
      key: x
  mycustom:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [datadog, mycustom]
`

func lintExact(t *testing.T, ex *ExactOptions) *Result {
	t.Helper()
	res, err := Lint(ctx, []config.Input{{Name: "c.yaml", Data: []byte(exactConfig)}}, Options{NoSettings: true, Exact: ex})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func findingsOf(res *Result, rule string) []lint.Finding {
	var out []lint.Finding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestExactFindingsArePositioned: the code's errors become findings at the
// key they name, and the summary line says which engine checked what.
func TestExactFindingsArePositioned(t *testing.T) {
	comps := []exact.ComponentStatus{{Kind: "receiver", ID: "otlp", Status: exact.StatusChecked}}
	errs := []exact.Error{{Stage: exact.StageValidate, Kind: "receiver", ID: "otlp", Message: "protocols::grpc::endpoint: address 0.0.0.0: missing port in address"}}
	res := lintExact(t, &ExactOptions{Runner: fakeCollector("otelcfg-collector test", comps, errs)})
	got := findingsOf(res, exact.RuleConfigInvalid)
	if len(got) != 1 || got[0].Pos.Line != 5 || got[0].Pos.Col != 9 || !strings.Contains(got[0].Message, "missing port") {
		t.Fatalf("exact findings %v", got)
	}
	if line := res.Exact.Line(); !strings.HasPrefix(line, "component code: otelcfg-collector test (collector v0.158.0) checked 1 components in 1 configs") {
		t.Errorf("summary line %q", line)
	}
}

// TestExactFailureGoesOn: a program that fails leaves the schema's
// findings and says why in the status.
func TestExactFailureGoesOn(t *testing.T) {
	boom := exact.RunnerFunc(func(context.Context, *exact.Request) (*exact.Response, error) { return nil, errors.New("boom") })
	res := lintExact(t, &ExactOptions{Runner: boom})
	if res.Exact == nil || res.Exact.Err == nil || res.Exact.Line() != "" {
		t.Fatalf("status %+v", res.Exact)
	}
	if len(findingsOf(res, "unknown-component-type")) != 1 {
		t.Errorf("schema findings lost: %v", res.Findings)
	}
}

// TestUserCollectorDecidesTypes: with --collector, a type the binary has is
// no error although the catalog does not know it, and a type the catalog
// knows is an error when the binary lacks it.
func TestUserCollectorDecidesTypes(t *testing.T) {
	comps := []exact.ComponentStatus{
		{Kind: "receiver", ID: "otlp", Status: exact.StatusChecked},
		{Kind: "exporter", ID: "mycustom", Status: exact.StatusChecked},
		{Kind: "exporter", ID: "datadog", Status: exact.StatusNotCompiled},
	}
	catalogOnly := lintExact(t, nil)
	if fs := findingsOf(catalogOnly, "unknown-component-type"); len(fs) != 1 || !strings.Contains(fs[0].Message, "mycustom") {
		t.Fatalf("without --collector: %v", fs)
	}
	res := lintExact(t, &ExactOptions{Runner: fakeCollector("otelcol-custom 0.158.0", comps, nil), UserCollector: true})
	fs := findingsOf(res, "unknown-component-type")
	if len(fs) != 1 || fs[0].Pos.Line != 7 || !strings.Contains(fs[0].Message, `exporter type "datadog" is not in the collector you gave (otelcol-custom 0.158.0`) {
		t.Fatalf("with --collector: %v", fs)
	}
	// Not the user's collector: the catalog still decides.
	res = lintExact(t, &ExactOptions{Runner: fakeCollector("otelcfg-collector test", comps, nil)})
	if fs := findingsOf(res, "unknown-component-type"); len(fs) != 1 || !strings.Contains(fs[0].Message, "mycustom") {
		t.Fatalf("otelcfg-collector: %v", fs)
	}
}

// TestCodeCheckedIsNotUnchecked: components whose code ran are not listed
// as unchecked settings.
func TestCodeCheckedIsNotUnchecked(t *testing.T) {
	before := findingsOf(lintExact(t, nil), "settings-unchecked")
	if len(before) != 1 || !strings.Contains(before[0].Message, "exporters.datadog") {
		t.Fatalf("schema only: %v", before)
	}
	comps := []exact.ComponentStatus{{Kind: "exporter", ID: "datadog", Status: exact.StatusChecked}}
	after := findingsOf(lintExact(t, &ExactOptions{Runner: fakeCollector("x", comps, nil)}), "settings-unchecked")
	for _, f := range after {
		if strings.Contains(f.Message, "exporters.datadog") {
			t.Errorf("datadog was checked by its code: %s", f.Message)
		}
	}
}

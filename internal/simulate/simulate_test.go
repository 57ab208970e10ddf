package simulate

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"github.com/otelcfg/otelcfg/internal/simulate/synth"
)

var recordings = []string{
	filepath.Join("..", "..", "testdata", "simulate", "traces.jsonl"),
	filepath.Join("..", "..", "testdata", "simulate", "metrics.jsonl"),
	filepath.Join("..", "..", "testdata", "simulate", "logs.jsonl"),
}

func cfgPath(name string) string { return filepath.Join("..", "..", "testdata", "simulate", name) }

func run(t *testing.T, cfg string, inputs ...string) *Result {
	t.Helper()
	if len(inputs) == 0 {
		inputs = recordings
	}
	res, err := Run(t.Context(), Options{Config: cfgPath(cfg), Inputs: inputs, Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func pipe(t *testing.T, res *Result, id string) *PipelineResult {
	t.Helper()
	for _, p := range res.Pipelines {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no pipeline %s", id)
	return nil
}

func stage(t *testing.T, p *PipelineResult, comp string) *Stage {
	t.Helper()
	for _, s := range p.Stages {
		if s.Component == comp {
			return s
		}
	}
	t.Fatalf("pipeline %s has no stage %s", p.ID, comp)
	return nil
}

func exporter(t *testing.T, res *Result, id, sig string) *ExporterResult {
	t.Helper()
	for _, x := range res.Exporters {
		if x.ID == id && x.Signal == sig {
			return x
		}
	}
	t.Fatalf("no exporter %s for %s", id, sig)
	return nil
}

func joined(x *ExporterResult) string {
	var b strings.Builder
	for _, l := range x.Lines {
		b.Write(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// The seed gateway (removed exporters replaced): every signal reaches its
// exporters, attributes and resource inserts are seen there, memory_limiter
// is passed through with a note.
func TestGateway(t *testing.T) {
	res := run(t, "gateway.yaml")
	for id, want := range map[string]int64{"traces": 3, "metrics": 2, "logs": 2} {
		p := pipe(t, res, id)
		if p.Out != want {
			t.Errorf("%s: out %d, want %d", id, p.Out, want)
		}
		if n := stage(t, p, "memory_limiter").Note; !strings.Contains(n, "passed through") {
			t.Errorf("%s: memory_limiter note %q", id, n)
		}
	}
	loki := joined(exporter(t, res, "otlp_http/loki", "logs"))
	for _, want := range []string{`"key":"loki.format","value":{"stringValue":"json"}`, `"key":"loki.resource.labels"`} {
		if !strings.Contains(loki, want) {
			t.Errorf("loki exporter does not receive %s:\n%s", want, loki)
		}
	}
	if x := exporter(t, res, "otlp/trace", "traces"); x.Items != 3 {
		t.Errorf("otlp/trace got %d spans", x.Items)
	}
	if x := exporter(t, res, "prometheusremotewrite", "metrics"); x.Items != 2 {
		t.Errorf("prometheusremotewrite got %d data points", x.Items)
	}
}

// filter drops the health check (counted as dropped), attributes inserts an
// attribute seen at the exporter, routing splits by service, span_metrics
// and count produce metrics, forward passes logs on, an unknown processor
// is passed through with a note.
func TestConnectorsAndFilter(t *testing.T) {
	res := run(t, "pipeline.yaml")
	tr := pipe(t, res, "traces")
	f := stage(t, tr, "filter/health")
	if f.In != 3 || f.Out != 2 || f.Dropped != 1 {
		t.Errorf("filter/health in/out/dropped %d/%d/%d, want 3/2/1", f.In, f.Out, f.Dropped)
	}
	if n := stage(t, tr, "k8s_attributes").Note; !strings.Contains(n, "passed through") {
		t.Errorf("k8s_attributes note %q", n)
	}
	checkout := joined(exporter(t, res, "otlp/checkout", "traces"))
	if !strings.Contains(checkout, `"key":"deployment.environment","value":{"stringValue":"test"}`) || !strings.Contains(checkout, "POST /cart") {
		t.Errorf("otlp/checkout:\n%s", checkout)
	}
	if strings.Contains(checkout, "healthz") || strings.Contains(checkout, "GET /items") {
		t.Errorf("otlp/checkout gets what it should not:\n%s", checkout)
	}
	if other := joined(exporter(t, res, "otlp/other", "traces")); !strings.Contains(other, "GET /items") {
		t.Errorf("otlp/other:\n%s", other)
	}
	prom := joined(exporter(t, res, "prometheus", "metrics"))
	for _, want := range []string{`"name":"traces.span.metrics.calls"`, `"name":"traces.span.metrics.duration"`, `"name":"trace.span.count"`, `"name":"queue.depth"`} {
		if !strings.Contains(prom, want) {
			t.Errorf("prometheus does not receive %s", want)
		}
	}
	if x := exporter(t, res, "debug", "logs"); x.Items != 2 || !strings.Contains(joined(x), "deployment.environment") {
		t.Errorf("logs through forward: %d items\n%s", x.Items, joined(x))
	}
	if len(res.Notes) == 0 || !strings.Contains(strings.Join(res.Notes, "\n"), "k8s_attributes") {
		t.Errorf("notes %q", res.Notes)
	}
}

// Two runs give byte-identical reports and exporter files.
func TestDeterministic(t *testing.T) {
	out := func() string {
		res := run(t, "pipeline.yaml")
		dir := t.TempDir()
		if err := WriteOutputs(res, dir); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, x := range res.Exporters {
			data, err := os.ReadFile(x.File)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(filepath.Base(x.File) + "\n")
			b.Write(data)
			x.File = filepath.Base(x.File)
		}
		if err := WriteText(&b, res); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&b, res); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	a, b := out(), out()
	if a != b {
		t.Fatalf("two runs differ:\n%s\n----\n%s", a, b)
	}
}

func TestCorruptInput(t *testing.T) {
	_, err := Run(t.Context(), Options{Config: cfgPath("gateway.yaml"), Inputs: []string{cfgPath("corrupt.jsonl")}, Env: map[string]string{}})
	var ie *recording.InputError
	if !errors.As(err, &ie) || ie.Line != 3 || !strings.Contains(err.Error(), "corrupt.jsonl:3:") {
		t.Fatalf("want an error at corrupt.jsonl:3, got %v", err)
	}
	for name, data := range map[string]string{
		"not json":     "hello\n",
		"array":        "[1,2]\n",
		"no signal":    "{\"foo\":1}\n",
		"bad value":    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}\n",
		"wrong type":   "{\"resourceLogs\":{}}\n",
		"empty":        "\n\n",
		"second line":  "{\"resourceLogs\":[]}\n{\"resourceLogs\":[}\n",
		"two signals":  "{\"resourceLogs\":[],\"resourceSpans\":[]}\n",
		"profiles":     "{\"resourceProfiles\":[]}\n",
		"deep garbage": strings.Repeat("[", 100000) + "\n",
	} {
		if _, err := recording.Read("rec.jsonl", []byte(data)); err == nil || !strings.HasPrefix(err.Error(), "rec.jsonl") {
			t.Errorf("%s: want an error naming the file, got %v", name, err)
		}
	}
	if _, err := recording.Read("rec.jsonl", []byte("{\"resourceLogs\":[]}\n{\"resourceLogs\":[}\n")); err == nil || !strings.Contains(err.Error(), "rec.jsonl:2:") {
		t.Errorf("second line: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	for name, cfg := range map[string]string{
		"unknown connector":   "receivers: {otlp: {protocols: {grpc: {}}}}\nconnectors: {servicegraph: {}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces: {receivers: [otlp], exporters: [servicegraph]}\n    metrics: {receivers: [servicegraph], exporters: [debug]}\n",
		"undefined processor": "receivers: {otlp: {protocols: {grpc: {}}}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces: {receivers: [otlp], processors: [batch], exporters: [debug]}\n",
		"bad setting":         "receivers: {otlp: {protocols: {grpc: {}}}}\nprocessors: {batch: {bogus: 1}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces: {receivers: [otlp], processors: [batch], exporters: [debug]}\n",
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
		if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Run(t.Context(), Options{Config: p, Inputs: recordings, Env: map[string]string{}})
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), p+":") {
			t.Errorf("%s: want a config error with a position, got %v", name, err)
		}
	}
}

func TestList(t *testing.T) {
	var b bytes.Buffer
	if err := WriteList(&b, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"batch", "tail_sampling", "span_metrics (spanmetrics)", "routingconnector@v0.149.0", "memory_limiter"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("--list lacks %s", want)
		}
	}
}

// tail_sampling decides pending traces at the end of the replay.
func TestTailSampling(t *testing.T) {
	res := run(t, "sampling.yaml")
	st := stage(t, pipe(t, res, "traces"), "tail_sampling")
	if st.In != 3 || st.Out != 1 || st.Dropped != 2 {
		t.Errorf("tail_sampling in/out/dropped %d/%d/%d, want 3/1/2", st.In, st.Out, st.Dropped)
	}
	if x := exporter(t, res, "debug", "traces"); !strings.Contains(joined(x), "GET /items") {
		t.Errorf("debug:\n%s", joined(x))
	}
	// The recorded logs carry no trace ID: the sampler fails closed
	// (fail_closed defaults to true), even at 100 %.
	if st := stage(t, pipe(t, res, "logs"), "probabilistic_sampler"); st.In != 2 || st.Dropped != 2 {
		t.Errorf("probabilistic_sampler in %d dropped %d, want 2 2", st.In, st.Dropped)
	}
}

// otelcfg synth's recordings replay through the seed gateway config.
func TestSynthReplays(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for _, sig := range []string{"traces", "metrics", "logs"} {
		var b bytes.Buffer
		if err := synth.Write(&b, synth.Options{Signal: sig, Count: 300, Seed: 42}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, sig+".jsonl")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	res := run(t, "gateway.yaml", inputs...)
	for id, sig := range map[string]string{"otlp/trace": "traces", "prometheusremotewrite": "metrics", "otlp_http/loki": "logs"} {
		if x := exporter(t, res, id, sig); x.Items != 300 {
			t.Errorf("%s: %d items, want 300", id, x.Items)
		}
	}
}

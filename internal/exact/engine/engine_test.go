package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/extension"
	"go.opentelemetry.io/collector/processor"
	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/coreset"
	"github.com/otelcfg/otelcfg/internal/exact/engine"
)

func newEngine(t *testing.T, extra ...processor.Factory) *engine.Engine {
	t.Helper()
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range extra {
		f.Processors[p.Type()] = p
	}
	return engine.New(f, engine.Options{Name: "test", Collector: coreset.Release, StartTimeout: time.Second})
}

// check runs one YAML config through the engine, with the JSON round trip
// of the protocol (numbers typed as the program gets them).
func check(t *testing.T, e *engine.Engine, src string, expanded ...exact.ExpandedValue) exact.Result {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal([]byte(src), &m); err != nil {
		t.Fatal(err)
	}
	resp, err := e.Run(context.Background(), &exact.Request{Version: exact.ProtocolVersion, Configs: []exact.ConfigInput{{ID: "0", Config: m, Expanded: expanded}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Results[0]
}

// errs renders a result's errors one per line: stage kind id [pipeline] | message.
func errs(res exact.Result) string {
	var b strings.Builder
	for _, e := range res.Errors {
		b.WriteString(e.Stage + " " + e.Kind + " " + e.ID)
		if e.Pipeline != "" {
			b.WriteString(" [" + e.Pipeline + "]")
		}
		b.WriteString(" | " + e.Message)
		if e.Host != "" {
			b.WriteString(" (host)")
		}
		if e.Panic {
			b.WriteString(" (panic)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func status(res exact.Result, kind, id string) exact.ComponentStatus {
	for _, c := range res.Components {
		if c.Kind == kind && c.ID == id {
			return c
		}
	}
	return exact.ComponentStatus{}
}

func TestStages(t *testing.T) {
	e := newEngine(t)
	cases := []struct {
		name, src string
		want      []string // lines of errs(), each a substring of one line, in order
		none      bool
	}{
		{
			name: "decode: unknown key and wrong type, every error",
			src: `receivers:
  otlp:
    protocols:
      grpc:
        foo: 1
        endpoint: 5
exporters:
  debug:
    verbosity: loud
`,
			want: []string{
				`decode receiver otlp | 'protocols.grpc' 'configgrpc.ServerConfig' has invalid keys: foo`,
				`decode receiver otlp | 'protocols.grpc' 'endpoint' expected type 'string', got unconvertible type 'int'`,
				`decode exporter debug | 'verbosity' unknown metrics level "loud"`,
			},
		},
		{
			name: "validate: nested, split into single errors",
			src: `exporters:
  otlp_grpc:
    endpoint: tempo
    retry_on_failure:
      randomization_factor: 2
`,
			want: []string{
				`validate exporter otlp_grpc | clientconfig: address tempo: missing port in address`,
				`validate exporter otlp_grpc | retry_on_failure: 'randomization_factor' must be within [0, 1]`,
			},
		},
		{
			name: "telemetry: a reader is required unless the level is none",
			src: `service:
  telemetry:
    metrics:
      level: basic
      readers: []
`,
			want: []string{`validate service telemetry | collector telemetry metrics reader should exist when metric level is not none`},
		},
		{
			name: "telemetry: views only when the level is detailed",
			src: `service:
  telemetry:
    metrics:
      level: normal
      views: []
`,
			want: []string{`validate service telemetry | service::telemetry::metrics::views can only be set when service::telemetry::metrics::level is detailed`},
		},
		{
			name: "create: every processor of every pipeline",
			src: `receivers:
  otlp:
    protocols:
      grpc:
processors:
  attributes:
    actions: [{key: x, value: 1, action: inset}]
  resource:
    attributes: [{action: insert, value: 1}]
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [attributes, resource]
      exporters: [debug]
    logs:
      receivers: [otlp]
      processors: [attributes]
      exporters: [debug]
`,
			want: []string{
				`create processor attributes [logs] | error with key "x" (0-th action): error creating AttrProc due to unsupported action "inset"`,
				`create processor attributes [traces] | error with key "x" (0-th action)`,
				`create processor resource [traces] | error creating AttrProc due to missing required field "key" at the 0-th action`,
			},
		},
		{
			name: "create: unused components are not created, as in validate",
			src: `receivers:
  otlp:
    protocols:
      grpc:
processors:
  attributes:
    actions: [{key: x, value: 1, action: inset}]
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`,
			none: true,
		},
		{
			name: "start: tail_sampling policies",
			src: `receivers:
  otlp:
    protocols:
      grpc:
processors:
  tail_sampling:
    policies: [{name: p, type: latencyy}]
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [tail_sampling]
      exporters: [debug]
`,
			want: []string{`start processor tail_sampling [traces] | failed to create policy evaluator for "p": unknown sampling policy type latencyy`},
		},
		{
			name: "host: a directory that does not exist here",
			src: `extensions:
  file_storage:
    directory: /nonexistent/otelcfg-test
`,
			want: []string{`validate extension file_storage | directory must exist: stat /nonexistent/otelcfg-test: no such file or directory`, `(host)`},
		},
		{
			name: "valid: deprecated aliases resolve to their factories",
			src: `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  otlp:
    endpoint: tempo:4317
  otlphttp:
    endpoint: http://loki:3100/otlp
connectors:
  spanmetrics:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp, spanmetrics]
    metrics:
      receivers: [spanmetrics]
      exporters: [otlphttp]
`,
			none: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := errs(check(t, e, tc.src))
			if tc.none {
				if got != "" {
					t.Errorf("want no errors, got:\n%s", got)
				}
				return
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing (or out of order) %q in:\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestStatuses(t *testing.T) {
	res := check(t, newEngine(t), `receivers:
  otlp:
    protocols:
      grpc:
  kafka:
processors:
  k8s_attributes:
  "bad id!":
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp, kafka]
      processors: [k8s_attributes]
      exporters: [debug]
`)
	if got := errs(res); got != "" {
		t.Errorf("a component not compiled in is a status, not an error; got:\n%s", got)
	}
	for _, c := range []struct{ kind, id, status, stages string }{
		{exact.KindReceiver, "otlp", exact.StatusChecked, "decode validate create"},
		{exact.KindReceiver, "kafka", exact.StatusNotCompiled, ""},
		{exact.KindProcessor, "k8s_attributes", exact.StatusNotCompiled, ""},
		{exact.KindProcessor, "bad id!", exact.StatusInvalidID, ""},
		{exact.KindExporter, "debug", exact.StatusChecked, "decode validate create"},
		{exact.KindService, "telemetry", exact.StatusChecked, "decode validate"},
	} {
		st := status(res, c.kind, c.id)
		if st.Status != c.status || strings.Join(st.Stages, " ") != c.stages {
			t.Errorf("%s %s: got %s %v, want %s [%s]", c.kind, c.id, st.Status, st.Stages, c.status, c.stages)
		}
	}
}

func TestExpandedValues(t *testing.T) {
	e := newEngine(t)
	src := `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: placeholder
        max_recv_msg_size_mib: placeholder
`
	// A whole-value reference: the collector decodes "0123" as YAML (an
	// int) but gives a string setting the text as written.
	res := check(t, e, src,
		exact.ExpandedValue{Path: []string{"receivers", "otlp", "protocols", "grpc", "endpoint"}, Text: "4317"},
		exact.ExpandedValue{Path: []string{"receivers", "otlp", "protocols", "grpc", "max_recv_msg_size_mib"}, Text: "16"})
	if got := errs(res); got != "" {
		t.Errorf("expanded values should decode as in the collector, got:\n%s", got)
	}
	// The same values written plainly: an int is no string.
	res = check(t, e, strings.ReplaceAll(strings.Replace(src, "placeholder", "4317", 1), "placeholder", "16"))
	if got := errs(res); !strings.Contains(got, `'endpoint' expected type 'string', got unconvertible type 'int'`) {
		t.Errorf("a plain int in a string setting is an error; got:\n%s", got)
	}
	// A path that is not in the config cannot be expanded.
	res = check(t, e, src, exact.ExpandedValue{Path: []string{"receivers", "nope"}, Text: "x"})
	if len(res.Errors) != 1 || res.Errors[0].Stage != exact.StageResolve {
		t.Errorf("want one resolve error, got:\n%s", errs(res))
	}
}

func TestDollarEscape(t *testing.T) {
	// $$ is a literal $ in the collector: "$${x}" is the text "${x}", not
	// a reference (no provider x), and decodes.
	res := check(t, newEngine(t), `exporters:
  debug:
    verbosity: detailed
processors:
  attributes:
    actions: [{key: price, value: "$${x}", action: insert}]
`)
	if got := errs(res); got != "" {
		t.Errorf("got:\n%s", got)
	}
}

// panicky is a processor whose code panics at every stage it is asked to
// run, to show that a component's panic is its error, never the end.
type panicCfg struct {
	Where string `mapstructure:"where"`
}

func (c *panicCfg) Validate() error {
	if c.Where == "validate" {
		panic("boom in Validate")
	}
	return nil
}

func panicky() processor.Factory {
	return processor.NewFactory(component.MustNewType("panicky"),
		func() component.Config { return &panicCfg{} },
		processor.WithTraces(func(_ context.Context, _ processor.Settings, cfg component.Config, _ consumer.Traces) (processor.Traces, error) {
			if cfg.(*panicCfg).Where == "create" {
				panic("boom in create")
			}
			return nil, errors.New("refused")
		}, component.StabilityLevelDevelopment))
}

func TestPanics(t *testing.T) {
	e := newEngine(t, panicky())
	res := check(t, e, `receivers:
  otlp:
    protocols:
      grpc:
processors:
  panicky/v:
    where: validate
  panicky/c:
    where: create
  panicky/r:
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [panicky/v, panicky/c, panicky/r]
      exporters: [debug]
`)
	got := errs(res)
	for _, w := range []string{
		"validate processor panicky/v | panic: boom in Validate (panic)",
		"create processor panicky/c [traces] | panic: boom in create (panic)",
		"create processor panicky/r [traces] | refused",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func TestDeterministic(t *testing.T) {
	e := newEngine(t)
	src := `receivers:
  otlp:
    protocols:
      grpc: {a: 1, b: 2, c: 3}
      http: {d: 1, e: 2}
exporters:
  otlp_grpc: {endpoint: x, retry_on_failure: {randomization_factor: 2, multiplier: -1}}
`
	first := errs(check(t, e, src))
	for range 10 {
		if got := errs(check(t, e, src)); got != first {
			t.Fatalf("output changed between runs:\n%s\nthen:\n%s", first, got)
		}
	}
}

func TestFeatureGates(t *testing.T) {
	e := newEngine(t)
	_, err := e.Run(context.Background(), &exact.Request{Version: exact.ProtocolVersion, FeatureGates: []string{"no.such.gate"}})
	if err == nil || !strings.Contains(err.Error(), `feature gate "no.such.gate"`) {
		t.Errorf("an unknown feature gate must fail the request, got %v", err)
	}
}

func TestInfo(t *testing.T) {
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	info := engine.New(f, engine.Options{Name: "n", Collector: "v"}).Info()
	for kind, want := range map[string]string{exact.KindExporter: "otlp", exact.KindConnector: "spanmetrics", exact.KindReceiver: "nop"} {
		if !strings.Contains(" "+strings.Join(info.Types[kind], " ")+" ", " "+want+" ") {
			t.Errorf("Info().Types[%s] = %v, want %s (aliases included)", kind, info.Types[kind], want)
		}
	}
}

// blocking is a processor whose Start never returns.
type blocking struct{ consumer.Traces }

func (blocking) Start(ctx context.Context, _ component.Host) error {
	select {} // a Start that hangs: the engine must give up on it
}
func (blocking) Shutdown(context.Context) error { return nil }

func TestStartTimeout(t *testing.T) {
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	// Posing as batch, which is on the startable list.
	batch := component.MustNewType("batch")
	f.Processors[batch] = processor.NewFactory(batch, func() component.Config { return &struct{}{} },
		processor.WithTraces(func(context.Context, processor.Settings, component.Config, consumer.Traces) (processor.Traces, error) {
			return blocking{}, nil
		}, component.StabilityLevelStable))
	e := engine.New(f, engine.Options{StartTimeout: 50 * time.Millisecond})
	got := errs(check(t, e, `receivers: {otlp: {protocols: {grpc: }}}
processors: {batch: }
exporters: {debug: }
service: {pipelines: {traces: {receivers: [otlp], processors: [batch], exporters: [debug]}}}
`))
	if !strings.Contains(got, "start processor batch [traces] | did not return within 50ms") {
		t.Errorf("got:\n%s", got)
	}
}

func TestStartNeedsExtension(t *testing.T) {
	// A policy type that is an extension's is resolved through the host's
	// extensions, which the engine does not run: Start is not tried.
	res := check(t, newEngine(t), `receivers: {otlp: {protocols: {grpc: }}}
processors:
  tail_sampling:
    policies: [{name: p, type: zpages}]
exporters: {debug: }
extensions: {zpages: }
service: {pipelines: {traces: {receivers: [otlp], processors: [tail_sampling], exporters: [debug]}}}
`)
	if got := errs(res); got != "" {
		t.Errorf("got:\n%s", got)
	}
	if !strings.Contains(strings.Join(res.Skipped, "\n"), `start: processor "tail_sampling": policy type "zpages" is an extension's`) {
		t.Errorf("Skipped = %q", res.Skipped)
	}
}

// TestConcurrentRun checks many configs at once (run with -race): results
// come back in request order, each the same as when checked alone without
// the memo.
func TestConcurrentRun(t *testing.T) {
	e := newEngine(t)
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	fresh := engine.New(f, engine.Options{NoMemo: true, StartTimeout: time.Second})
	srcs := []string{
		"exporters: {otlp_grpc: {endpoint: tempo}}\n",
		"receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {tail_sampling: {policies: [{name: p, type: latencyy}]}, batch: }\nexporters: {debug: }\nservice: {pipelines: {traces: {receivers: [otlp], processors: [tail_sampling, batch], exporters: [debug]}}}\n",
		"receivers: {otlp: {protocols: {grpc: {foo: 1}}}}\n",
		"processors: {memory_limiter: {check_interval: 1s, limit_percentage: 80}}\nreceivers: {otlp: {protocols: {http: }}}\nexporters: {debug: }\nservice: {pipelines: {logs: {receivers: [otlp], processors: [memory_limiter], exporters: [debug]}}}\n",
	}
	var req exact.Request
	var alone []string
	for i := range 40 {
		src := srcs[i%len(srcs)]
		var m map[string]any
		if err := yaml.Unmarshal([]byte(src), &m); err != nil {
			t.Fatal(err)
		}
		req.Configs = append(req.Configs, exact.ConfigInput{ID: strconv.Itoa(i), Config: m})
		if i < len(srcs) {
			alone = append(alone, errs(check(t, fresh, src)))
		}
	}
	// Twice: the second run replays every outcome from the memo.
	for range 2 {
		resp, err := e.Run(context.Background(), &req)
		if err != nil {
			t.Fatal(err)
		}
		for i, res := range resp.Results {
			if res.ID != strconv.Itoa(i) || errs(res) != alone[i%len(srcs)] {
				t.Errorf("result %d (%s):\n%s\nwant:\n%s", i, res.ID, errs(res), alone[i%len(srcs)])
			}
		}
	}
}

// TestMemo shows remembered outcomes replayed exactly: the same component
// in other pipelines and signals, a config valid earlier created later in
// a new context (decoded then), and statuses.
func TestMemo(t *testing.T) {
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	fresh := engine.New(f, engine.Options{NoMemo: true})
	memoized := engine.New(f, engine.Options{})
	srcs := []string{
		// First seen unused: decoded and validated only.
		"receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {attributes: {actions: [{key: x, value: 1, action: inset}]}, batch: }\nexporters: {debug: }\nservice: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}\n",
		// Then used in two signals: created (decoded from the Conf then).
		"receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {attributes: {actions: [{key: x, value: 1, action: inset}]}, batch: }\nexporters: {debug: }\nservice: {pipelines: {traces: {receivers: [otlp], processors: [attributes, batch], exporters: [debug]}, logs: {receivers: [otlp], processors: [batch, attributes], exporters: [debug]}}}\n",
		// Then in other pipelines of the same signals.
		"receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {attributes: {actions: [{key: x, value: 1, action: inset}]}, batch: }\nexporters: {debug: }\nservice: {pipelines: {traces/a: {receivers: [otlp], processors: [attributes], exporters: [debug]}, logs/b: {receivers: [otlp], processors: [attributes, batch], exporters: [debug]}}}\n",
	}
	for i, src := range srcs {
		want, got := check(t, fresh, src), check(t, memoized, src)
		if errs(got) != errs(want) || !reflect.DeepEqual(got.Components, want.Components) || !reflect.DeepEqual(got.Skipped, want.Skipped) {
			t.Errorf("config %d: memo\n%s%+v\nfresh\n%s%+v", i, errs(got), got.Components, errs(want), want.Components)
		}
	}
}

// TestJSONNumbers: a request that did not go through exact.ReadRequest
// still decodes numbers as YAML does (count checks a default value's type).
func TestJSONNumbers(t *testing.T) {
	e := newEngine(t)
	cfg := map[string]any{"connectors": map[string]any{"count": map[string]any{"logs": map[string]any{"x": map[string]any{
		"attributes": []any{map[string]any{"key": "ratio", "default_value": json.Number("0.85")}, map[string]any{"key": "code", "default_value": json.Number("200")}},
	}}}}}
	resp, err := e.Run(context.Background(), &exact.Request{Version: exact.ProtocolVersion, Configs: []exact.ConfigInput{{ID: "0", Config: cfg}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := errs(resp.Results[0]); got != "" {
		t.Errorf("got:\n%s", got)
	}
}

type reachingCfg struct {
	Region string `mapstructure:"region"`
}

func (*reachingCfg) Validate() error { return errors.New("asked the network") }

// TestValidateReachesOut: a component whose Validate leaves the process
// is decoded (its keys still checked) but not validated.
func TestValidateReachesOut(t *testing.T) {
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	typ := component.MustNewType("sigv4auth")
	f.Extensions[typ] = extension.NewFactory(typ, func() component.Config { return &reachingCfg{} },
		func(context.Context, extension.Settings, component.Config) (extension.Extension, error) {
			return nil, nil
		}, component.StabilityLevelBeta)
	e := engine.New(f, engine.Options{})
	res := check(t, e, "extensions:\n  sigv4auth:\n    region: eu-west-1\n  sigv4auth/typo:\n    regoin: x\n")
	if got := errs(res); !strings.HasPrefix(got, "decode extension sigv4auth/typo | ") || !strings.Contains(got, "has invalid keys: regoin") {
		t.Errorf("got:\n%s", got)
	}
	if strings.Contains(errs(res), "asked the network") || !strings.Contains(strings.Join(res.Skipped, "\n"), `validate: extension "sigv4auth": Validate asks AWS for credentials`) {
		t.Errorf("errors:\n%sskipped: %q", errs(res), res.Skipped)
	}
}

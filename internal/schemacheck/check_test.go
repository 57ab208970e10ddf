package schemacheck

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/otelcfg/otelcfg/internal/config"
)

// fixture is a small schema in the layout the generator writes: shared
// types and one closed definition per component.
var fixture = Set{
	FS: fstest.MapFS{
		"shared/types.cue": {Data: []byte(`package schema
#Duration: =~"^-?([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$" | int
`)},
		"shared/configtls.cue": {Data: []byte(`package schema
#configtls_client_config: close({
	insecure?:             bool
	insecure_skip_verify?: bool
	ca_file?:              string
})
`)},
		"components/exporter/otlp_grpc.cue": {Data: []byte(`package schema
#exporter_otlp_grpc: close({
	endpoint!:    string
	compression?: "gzip" | "zstd" | "snappy" | "none"
	timeout?:     #Duration
	tls?:         #configtls_client_config
	headers?:     {[string]: string}
	sending_queue?: close({
		enabled?:    bool
		queue_size?: int & >=0
	})
})
`)},
		"shared/configtelemetry.cue": {Data: []byte(`package schema
#configtelemetry_level: number | string
`)},
		"components/exporter/debug.cue": {Data: []byte(`package schema
#exporter_debug: close({
	verbosity?: #configtelemetry_level
})
`)},
		"overlays/exporter_debug.cue": {Data: []byte(`package schema
#exporter_debug: {
	verbosity?: number | =~"^(?i)(basic|normal|detailed)$"
}
`)},
		"components/processor/batch.cue": {Data: []byte(`package schema
#processor_batch: close({
	timeout?:         #Duration
	send_batch_size?: int & >=0
	metadata_keys?:   [...string]
})
`)},
	},
	Components: map[string]Entry{
		"exporter/otlp_grpc": {File: "components/exporter/otlp_grpc.cue", Def: "#exporter_otlp_grpc", Deps: []string{"shared/types.cue", "shared/configtls.cue"}},
		"processor/batch":    {File: "components/processor/batch.cue", Def: "#processor_batch", Deps: []string{"shared/types.cue"}},
		"exporter/debug":     {File: "components/exporter/debug.cue", Def: "#exporter_debug", Deps: []string{"shared/configtelemetry.cue", "overlays/exporter_debug.cue"}},
	},
}

// settingsOf loads a plain config and returns the settings of one component.
func settingsOf(t *testing.T, yaml, section, id string) *config.Node {
	t.Helper()
	docs, err := config.LoadBytes("c.yaml", []byte(yaml), config.Options{Kind: config.KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs[0].Problems) > 0 {
		t.Fatalf("fixture config has problems: %v", docs[0].Problems)
	}
	return docs[0].Config.Get(section).Get(id)
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, key, yaml, section, id string
		want                         []string // "line:col message-substring"
	}{
		{
			name: "valid settings", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    compression: zstd\n    timeout: 1m30s\n    tls:\n      insecure: true\n    headers:\n      x-tenant: a\n",
		},
		{
			name: "null settings mean defaults, required key missing", key: "processor/batch", section: "processors", id: "batch",
			yaml: "processors:\n  batch:\n",
		},
		{
			name: "env placeholders stand for any value", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: ${env:ENDPOINT}\n    timeout: ${env:TIMEOUT}\n    sending_queue:\n      queue_size: ${env:QUEUE}\n",
		},
		{
			name: "unknown nested key with did-you-mean", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    tls:\n      insecur: true\n",
			want: []string{`5:7 unknown key "insecur" in tls (did you mean "insecure"?)`},
		},
		{
			name: "unknown top-level key", key: "processor/batch", section: "processors", id: "batch",
			yaml: "processors:\n  batch:\n    send_batch_max: 10\n",
			want: []string{`3:5 unknown key "send_batch_max"`},
		},
		{
			name: "every problem at once", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    compression: brotli\n    timeout: 5 seconds\n    sending_queue:\n      queue_size: \"1000\"\n",
			want: []string{
				`2:3 required key "endpoint" is missing`,
				`3:18 invalid value string "brotli" for "compression": want one of "gzip", "zstd", "snappy", "none"`,
				`4:14 invalid value string "5 seconds" for "timeout": want a duration such as 5s or 1m30s`,
				`6:19 invalid value string "1000" for "sending_queue.queue_size": want an integer ≥ 0`,
			},
		},
		{
			name: "null for a known key keeps the default", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    compression:\n    tls:\n      insecure: null\n    metadata_keys: [a, null]\n",
			want: []string{`7:5 unknown key "metadata_keys"`},
		},
		{
			name: "required key written as null", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: null\n    bogus: null\n",
			want: []string{`3:5 required key "endpoint" has no value`, `4:5 unknown key "bogus"`},
		},
		{
			name: "enum of literals: the values and a did-you-mean", key: "exporter/otlp_grpc", section: "exporters", id: "otlp_grpc",
			yaml: "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    compression: gzp\n",
			want: []string{`4:18 invalid value string "gzp" for "compression": want one of "gzip", "zstd", "snappy", "none" (did you mean "gzip"?)`},
		},
		{
			// The collector: 'verbosity' unknown metrics level "debug". A
			// shared type (number | string) unified with an overlay pattern
			// is still an enum, and says so.
			name: "enum from an overlay pattern over a shared type", key: "exporter/debug", section: "exporters", id: "debug",
			yaml: "exporters:\n  debug:\n    verbosity: debug\n",
			want: []string{`3:16 invalid value string "debug" for "verbosity": want one of "basic", "normal", "detailed" (in any case), or a number`},
		},
		{
			name: "enum pattern accepts any case", key: "exporter/debug", section: "exporters", id: "debug",
			yaml: "exporters:\n  debug:\n    verbosity: Detailed\n",
		},
		{
			name: "wrong shape", key: "processor/batch", section: "processors", id: "batch",
			yaml: "processors:\n  batch:\n    metadata_keys: tenant\n",
			want: []string{`3:20 invalid value string "tenant" for "metadata_keys": want a list of strings`},
		},
		{
			name: "negative size", key: "processor/batch", section: "processors", id: "batch",
			yaml: "processors:\n  batch:\n    send_batch_size: -1\n",
			want: []string{`3:22 invalid value int "-1" for "send_batch_size"`},
		},
	}
	c := New(fixture)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node := settingsOf(t, tt.yaml, tt.section, tt.id)
			vs, err := c.Check(tt.key, node, config.Pos{File: "c.yaml", Line: 2, Col: 3})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.Pos.String()[len("c.yaml:"):]+" "+v.Message)
			}
			want := tt.want
			if tt.name == "null settings mean defaults, required key missing" {
				want = nil // batch has no required key
			}
			if len(got) != len(want) {
				t.Fatalf("got %d violations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
			}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("violation %d:\n got  %s\n want %s…", i, got[i], want[i])
				}
			}
		})
	}
}

func TestPrepareCompilesOnlyWhatIsUsed(t *testing.T) {
	c := New(fixture)
	if err := c.Prepare([]string{"processor/batch", "receiver/unknown"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.compiled["exporter/otlp_grpc"]; ok {
		t.Error("otlp_grpc compiled though not asked for")
	}
	if _, ok := c.compiled["processor/batch"]; !ok {
		t.Error("batch not compiled")
	}
	if c.Has("receiver/unknown") {
		t.Error("unknown component reported as having a schema")
	}
}

func TestPrepareReportsBrokenSchema(t *testing.T) {
	broken := Set{FS: fstest.MapFS{"x.cue": {Data: []byte("#x: close({a: int & string})\n#y: {")}},
		Components: map[string]Entry{"receiver/x": {File: "x.cue", Def: "#x"}}}
	if err := New(broken).Prepare([]string{"receiver/x"}); err == nil {
		t.Fatal("broken schema compiled without error")
	}
}

func TestTypoOfRequiredKeyReportedOnce(t *testing.T) {
	set := Set{FS: fstest.MapFS{"r.cue": {Data: []byte("#receiver_r: close({protocols!: {grpc?: {}}})\n")}},
		Components: map[string]Entry{"receiver/r": {File: "r.cue", Def: "#receiver_r"}}}
	node := settingsOf(t, "receivers:\n  r:\n    protocol:\n      grpc:\n", "receivers", "r")
	vs, err := New(set).Check("receiver/r", node, config.Pos{File: "c.yaml", Line: 2, Col: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || !strings.Contains(vs[0].Message, `unknown key "protocol" (did you mean "protocols"?)`) {
		t.Errorf("violations = %+v; want only the unknown key with its did-you-mean", vs)
	}
}

func TestConditionalRequiredAndNull(t *testing.T) {
	set := Set{FS: fstest.MapFS{
		"e.cue": {Data: []byte("#exporter_e: close({mode?: \"a\" | \"b\", url?: string, endpoint?: string, list?: [...string]})\n")},
		"o.cue": {Data: []byte("#exporter_e: {\n\tmode?: _\n\tif mode == \"b\" {url!: _}\n\tendpoint?: string & !=\"\"\n}\n")},
	}, Components: map[string]Entry{"exporter/e": {File: "e.cue", Def: "#exporter_e", Deps: []string{"o.cue"}}}}
	c := New(set)
	for _, tt := range []struct{ yaml, want string }{
		{"exporters:\n  e:\n    mode: b\n", `required key "url" is missing`},
		{"exporters:\n  e:\n    mode: a\n", ""},
		{"exporters:\n  e:\n    endpoint: null\n", ""}, // null keeps the default
		{"exporters:\n  e:\n    mode: b\n    url: null\n", `required key "url" has no value`},
		{"exporters:\n  e:\n    mode: a\n    url: null\n", ""},                             // any known key may be null
		{"exporters:\n  e:\n    list: [a, null]\n", ""},                                    // a null list item keeps its default too
		{"exporters:\n  e:\n    list: [1, null]\n", `invalid value int "1" for "list[0]"`}, // a null does not hide its siblings
	} {
		vs, err := c.Check("exporter/e", settingsOf(t, tt.yaml, "exporters", "e"), config.Pos{File: "c.yaml", Line: 2, Col: 3})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, v.Message)
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: unexpected %v", tt.yaml, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%q: got %v, want one violation containing %q", tt.yaml, got, tt.want)
		}
	}
}

func TestAnyOf(t *testing.T) {
	set := Set{FS: fstest.MapFS{
		"r.cue": {Data: []byte(`#receiver_r: close({protocols?: close({grpc?: {enabled?: bool}, http?: {enabled?: bool}})})
#receiver_r: {protocols?: _ @otelcfg(anyOf="grpc|http", null=set, msg="must specify at least one protocol")}
`)},
		"e.cue": {Data: []byte(`#exporter_e: close({endpoint?: string, traces?: close({endpoint?: string})})
#exporter_e: {@otelcfg(anyOf="endpoint|traces.endpoint", msg="at least one endpoint must be specified")}
`)},
	}, Components: map[string]Entry{
		"receiver/r": {File: "r.cue", Def: "#receiver_r"},
		"exporter/e": {File: "e.cue", Def: "#exporter_e"},
	}}
	c := New(set)
	for _, tt := range []struct{ key, section, yaml, want string }{
		{"receiver/r", "receivers", "receivers:\n  r:\n    protocols:\n      grpc:\n", ""},
		{"receiver/r", "receivers", "receivers:\n  r:\n    protocols:\n      grpc:\n        enabled: false\n", "3:5 must specify at least one protocol: set grpc or http under protocols"},
		{"receiver/r", "receivers", "receivers:\n  r:\n", "2:3 must specify at least one protocol"},
		{"receiver/r", "receivers", "receivers:\n  r:\n    protocol:\n      grpc:\n", `3:5 unknown key "protocol"`}, // one mistake, one finding
		{"exporter/e", "exporters", "exporters:\n  e:\n    traces:\n      endpoint: https://x\n", ""},
		{"exporter/e", "exporters", "exporters:\n  e:\n    endpoint: \"\"\n", "2:3 at least one endpoint must be specified: set endpoint or traces.endpoint"},
	} {
		vs, err := c.Check(tt.key, settingsOf(t, tt.yaml, tt.section, strings.TrimPrefix(tt.key[strings.Index(tt.key, "/")+1:], "")), config.Pos{File: "c.yaml", Line: 2, Col: 3})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, fmt.Sprintf("%d:%d %s", v.Pos.Line, v.Pos.Col, v.Message))
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)) {
			t.Errorf("%q: got %q, want %q", tt.yaml, got, tt.want)
		}
	}
}

func TestDeprecatedYAMLNames(t *testing.T) {
	set := Set{
		FS: fstest.MapFS{
			"components/processor/f.cue": {Data: []byte(`package schema
#processor_f: close({
	// TraceConditions lists conditions.
	trace_conditions?: [...string]
	// Deprecated: use TraceConditions instead.
	traces?: {span?: [...string]} @otelcfg(deprecated="Deprecated: use TraceConditions instead.")
	// K8SAPIConfig configures the API detector.
	k8s_api?: {auth_type?: string}
	k8snode?: {auth_type?: string} @otelcfg(deprecated="Deprecated: use K8SAPIConfig")
	// TLS settings.
	tls?: {insecure?: bool}
	auth?: close({
		tls?: {insecure?: bool} @otelcfg(deprecated="Deprecated: use ClientConfig.TLS instead; NoSuchField stays.")
	})
})
`)},
		},
		Components: map[string]Entry{"processor/f": {File: "components/processor/f.cue", Def: "#processor_f"}},
	}
	yaml := "processors:\n  f:\n    traces: {}\n    k8snode: {}\n    auth:\n      tls: {}\n"
	vs, err := New(set).Deprecated("processor/f", settingsOf(t, yaml, "processors", "f"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"3:5 traces: Deprecated: use trace_conditions instead.",
		"4:5 k8snode: Deprecated: use k8s_api",
		"6:7 auth.tls: Deprecated: use tls instead; NoSuchField stays.",
	}
	var got []string
	for _, v := range vs {
		got = append(got, fmt.Sprintf("%d:%d %s: %s", v.Pos.Line, v.Pos.Col, v.Path, v.Message))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

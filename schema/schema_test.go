package schema

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
)

// source concatenates files (dropping their package clauses) the way the
// runtime does.
func source(t *testing.T, files ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("package schema\n")
	for _, f := range files {
		data, err := fs.ReadFile(FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "package ") {
				continue
			}
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestComponentsCompile(t *testing.T) {
	if len(Components) == 0 {
		t.Fatal("no components")
	}
	ctx := cuecontext.New()
	for key, c := range Components {
		if want := "components/" + key + ".cue"; c.File != want {
			t.Errorf("%s: File %s, want %s", key, c.File, want)
		}
		if _, dup := Unchecked[key]; dup {
			t.Errorf("%s is both in Components and Unchecked", key)
		}
		v := ctx.CompileString(source(t, append(append([]string(nil), c.Deps...), c.File)...), cue.Filename(c.File))
		if err := v.Err(); err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		d := v.LookupPath(cue.ParsePath(c.Def))
		if !d.Exists() {
			t.Errorf("%s: definition %s not found", key, c.Def)
			continue
		}
		if err := d.Validate(); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// TestSharedFilesUsed checks every shared file is a dependency of some
// component.
func TestSharedFilesUsed(t *testing.T) {
	deps := map[string][]string{}
	for _, c := range Components {
		for i, d := range c.Deps {
			if _, ok := deps[d]; !ok {
				deps[d] = c.Deps[:i]
			}
		}
	}
	err := fs.WalkDir(FS, "shared", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, used := deps[p]; !used {
			t.Errorf("%s is used by no component", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCatalogCovered checks every catalog component is either in
// Components or in Unchecked, under its current type.
func TestCatalogCovered(t *testing.T) {
	cat := catalog.Default()
	n := 0
	for _, class := range catalog.Classes {
		for _, typ := range cat.Types(class) {
			n++
			key := string(class) + "/" + typ
			_, has := Components[key]
			_, un := Unchecked[key]
			if has == un {
				t.Errorf("%s: in Components %v, in Unchecked %v; want exactly one", key, has, un)
			}
		}
	}
	if n != len(Components)+len(Unchecked) {
		t.Errorf("catalog has %d components, the index %d", n, len(Components)+len(Unchecked))
	}
}

func TestCollector(t *testing.T) {
	ctx := cuecontext.New()
	v := ctx.CompileString(source(t, "collector.cue"))
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	def := v.LookupPath(cue.ParsePath("#Collector"))
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{receivers: {otlp: null}, exporters: {"debug/x": {verbosity: "basic"}}, service: {pipelines: {traces: {receivers: ["otlp"], exporters: ["debug/x"]}, "logs/a": null}}}`, true},
		{`{receivers: null, service: {telemetry: {logs: {level: "info"}}}}`, true},
		{`{foo: {}}`, false},
		{`{service: {pipelines: {trace: {}}}}`, false},
		{`{receivers: {"de-bug": {}}}`, false},
		{`{service: {pipelines: {traces: {receivers: "otlp"}}}}`, false},
	} {
		err := def.Unify(ctx.CompileString(tc.doc)).Validate(cue.Concrete(true))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.doc, err, tc.ok)
		}
	}
}

// TestOverlaysWired checks every hand-kept overlay is the last dependency of
// its component (go generate ./schema wires them).
func TestOverlaysWired(t *testing.T) {
	files, err := fs.Glob(FS, "overlays/*.cue")
	if err != nil || len(files) == 0 {
		t.Fatalf("no overlays: %v", err)
	}
	for _, f := range files {
		base := strings.TrimSuffix(strings.TrimPrefix(f, "overlays/"), ".cue")
		class, typ, _ := strings.Cut(base, "_")
		c, ok := Components[class+"/"+typ]
		if !ok {
			t.Errorf("%s: no component %s/%s", f, class, typ)
			continue
		}
		if len(c.Deps) == 0 || c.Deps[len(c.Deps)-1] != f {
			t.Errorf("%s: not the last dependency of %s/%s (%v); run go generate ./schema", f, class, typ, c.Deps)
		}
	}
}

// TestNoNullAlternatives checks that no definition schemacheck compiles
// allows null: a written null keeps the default, and schemacheck reads it as
// _ (top), so a null alternative would only cost compile and validation time
// (it doubled both when every field had one).
func TestNoNullAlternatives(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".cue") || p == "collector.cue" {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		for i, l := range strings.Split(string(data), "\n") {
			if code, _, _ := strings.Cut(l, "//"); strings.Contains(code, "null |") || strings.Contains(code, "| null") {
				t.Errorf("%s:%d: null alternative: %s", p, i+1, strings.TrimSpace(l))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOverlaysClosed checks each definition with an overlay still rejects
// an unknown key, at the top and in list entries the overlay constrains:
// CUE v0.17 stops treating a definition as closed when a validator such as
// matchN is embedded in it, so overlays must not do that.
func TestOverlaysClosed(t *testing.T) {
	ctx := cuecontext.New()
	docs := map[string]string{
		"processor/attributes":     `{actions: [{key: "a", action: "delete", zz_unknown: 1}]}`,
		"processor/resource":       `{attributes: [{key: "a", action: "delete", zz_unknown: 1}]}`,
		"receiver/otlp":            `{protocols: {grpc: _, zz_unknown: 1}}`, // grpc written as null: schemacheck makes it _
		"exporter/load_balancing":  `{resolver: {dns: _, zz_unknown: 1}}`,
		"extension/headers_setter": `{headers: [{key: "k", value: "v", zz_unknown: 1}]}`,
		"receiver/carbon":          `{parser: {type: "plaintext", zz_unknown: 1}}`,
	}
	for key, c := range Components {
		if len(c.Deps) == 0 || !strings.HasPrefix(c.Deps[len(c.Deps)-1], "overlays/") {
			continue
		}
		v := ctx.CompileString(source(t, append(append([]string(nil), c.Deps...), c.File)...))
		def := v.LookupPath(cue.ParsePath(c.Def))
		for _, doc := range []string{`{zz_unknown: 1}`, docs[key]} {
			if doc == "" {
				continue
			}
			err := def.Unify(ctx.CompileString(doc)).Validate(cue.Concrete(true), cue.Final())
			if err == nil || !strings.Contains(cueerrors.Details(err, nil), "field not allowed") {
				t.Errorf("%s %s: want field not allowed, got %v", key, doc, err)
			}
		}
	}
}

// TestOverlays checks what the overlays accept and reject, the way the
// runtime validates settings (concrete, final).
func TestOverlays(t *testing.T) {
	set := schemacheck.Set{FS: FS, Components: map[string]schemacheck.Entry{}}
	for k, c := range Components {
		set.Components[k] = schemacheck.Entry{File: c.File, Def: c.Def, Deps: c.Deps}
	}
	checker := schemacheck.New(set)
	for _, tc := range []struct {
		key, doc string
		ok       bool
	}{
		{"exporter/otlp_grpc", `{endpoint: "collector:4317"}`, true},
		{"exporter/otlp_grpc", `{endpoint: "dns:///"}`, false},
		{"exporter/otlp_grpc", `{}`, false},
		{"exporter/otlp_grpc", `{endpoint: "a:1", compression: "brotli"}`, false},
		{"exporter/otlp_grpc", `{endpoint: _, compression: "zstd"}`, true},
		{"exporter/otlp_http", `{traces_endpoint: "https://b/v1/traces", headers: {a: "b"}}`, true},
		{"exporter/otlp_http", `{endpoint: "https://b", compression: "brotli"}`, false},
		{"exporter/debug", `{verbosity: "Detailed"}`, true},
		{"exporter/debug", `{verbosity: "loud"}`, false},
		{"exporter/debug", `{verbosity: "none"}`, false},
		{"processor/memory_limiter", `{check_interval: "1s", limit_mib: 400, spike_limit_mib: 100}`, true},
		{"processor/memory_limiter", `{check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 20}`, true},
		{"processor/memory_limiter", `{check_interval: "${env:CHECK}", limit_mib: "${env:LIMIT}", spike_limit_mib: 100}`, true},
		{"processor/memory_limiter", `{check_interval: "0s", limit_mib: 400}`, false},
		{"processor/memory_limiter", `{check_interval: "-1s", limit_mib: 400}`, false},
		{"processor/memory_limiter", `{check_interval: "1s", limit_mib: 400, spike_limit_mib: 400}`, false},
		{"processor/memory_limiter", `{check_interval: "1s", limit_percentage: 120}`, false},
		{"processor/batch", `{send_batch_size: 100, send_batch_max_size: 100}`, true},
		{"processor/batch", `{send_batch_max_size: 10000}`, true},
		{"processor/batch", `{send_batch_max_size: 0, send_batch_size: 100}`, true},
		{"processor/batch", `{send_batch_size: "${env:SIZE}", send_batch_max_size: 10}`, true},
		{"processor/batch", `{send_batch_size: 1000, send_batch_max_size: 500}`, false},
		{"processor/batch", `{timeout: "-1s"}`, false},
		{"processor/batch", `{timeout: "0s"}`, true},
		{"exporter/file", `{path: "/tmp/x.json", format: "proto"}`, true},
		{"exporter/file", `{}`, false},
		{"exporter/file", `{path: "x", compression: "gzip"}`, false},
		{"processor/probabilistic_sampler", `{sampling_percentage: 0}`, true},
		{"processor/probabilistic_sampler", `{sampling_percentage: -5}`, false},
		{"exporter/prometheus", `{endpoint: "0.0.0.0:8889"}`, true},
		{"exporter/prometheus", `{endpoint: " "}`, false},
		{"exporter/load_balancing", `{resolver: {static: {hostnames: ["a"]}}}`, true},
		{"exporter/load_balancing", `{resolver: {dns: null}}`, true},
		{"exporter/load_balancing", `{resolver: {static: {hostnames: ["a"]}, dns: {hostname: "b"}}}`, false},
		{"exporter/load_balancing", `{resolver: {dns: {hostname: "b", enabled: false}}}`, false},
		{"exporter/load_balancing", `{}`, false},
		{"receiver/otlp", `{protocols: {grpc: null}}`, true},
		{"receiver/otlp", `{protocols: {http: {endpoint: "0.0.0.0:4318"}}}`, true},
		{"receiver/otlp", `{protocols: {}}`, false},
		{"receiver/otlp", `{protocols: {grpc: {enabled: false}}}`, false},
		{"receiver/otlp", `{}`, false},
		{"exporter/otlp_http", `{traces_endpoint: "https://t/v1/traces"}`, true},
		{"exporter/otlp_http", `{endpoint: ""}`, false},
		{"exporter/otlp_http", `{compression: zstd}`, false},
		{"receiver/prometheus", `{config: {scrape_configs: [{job_name: "a"}]}}`, true},
		{"receiver/prometheus", `{target_allocator: {endpoint: "http://ta"}}`, true},
		{"receiver/prometheus", `{config: {scrape_configs: []}}`, false},
		{"connector/signal_to_metrics", `{spans: [{name: "calls", sum: {value: "1"}}]}`, true},
		{"connector/signal_to_metrics", `{}`, false},
		{"exporter/coralogix", `{private_key: "k", application_name: "a"}`, false},
		{"exporter/coralogix", `{traces: {endpoint: "ingress:443"}, private_key: "k", application_name: "a"}`, true},
		{"processor/attributes", `{actions: [{key: "a", action: "INSERT", value: 1}, {pattern: "^x", action: "delete"}, {key: "u", action: "hash"}, {key: "c", action: "convert", converted_type: "int"}, {key: "e", action: "extract", pattern: "(?P<a>.*)"}, {key: "f", action: "upsert", from_context: "x"}]}`, true},
		{"processor/attributes", `{actions: [{key: "a", action: "add", value: 1}]}`, false},
		{"processor/attributes", `{actions: [{key: "a", value: 1}]}`, false},
		{"processor/resource", `{attributes: [{key: "env", value: "prod", action: "upsert"}]}`, true},
		{"processor/resource", `{attributes: [{key: "env", value: "prod"}]}`, false},
		{"exporter/coralogix", `{domain: "coralogix.com", private_key: "k", application_name: "a"}`, true},
		{"exporter/coralogix", `{domain: "coralogix.com", application_name: "a"}`, false},
		{"receiver/carbon", `{parser: {type: "regex", config: {rules: []}}}`, true},
		{"receiver/carbon", `{parser: {type: "graphite"}}`, false},
		{"receiver/syslog", `{protocol: "rfc3164"}`, true},
		{"receiver/syslog", `{protocol: "rfc9999"}`, false},
		{"receiver/otlp_json_file", `{include: "/var/log/*.json"}`, true},
		{"receiver/otlp_json_file", `{start_at: "beginning"}`, false},
		{"exporter/prometheus_remote_write", `{endpoint: "http://p", external_labels: {a: "b"}}`, true},
		{"exporter/prometheus_remote_write", `{endpoint: "http://p", external_labels: {a: ""}}`, false},
		{"receiver/statsd", `{aggregation_interval: "0s"}`, false},
		{"receiver/statsd", `{aggregation_interval: "60s", counter_type: "float"}`, true},
		{"extension/headers_setter", `{headers: [{key: "X-Tenant", from_context: "t"}]}`, true},
		{"extension/headers_setter", `{headers: []}`, false},
		{"extension/oauth2client", `{client_id: "a", client_secret: "b", token_url: "https://t"}`, true},
		{"extension/oauth2client", `{client_id: "a", client_secret: "b"}`, false},
		// A null keeps the default: any known key may be null; a required
		// key written as null has no value; an unknown key stays unknown.
		{"exporter/otlp_grpc", `{endpoint: null}`, false},
		{"exporter/otlp_grpc", `{endpoint: "a:1", compression: null, tls: null, headers: {a: null}}`, true},
		{"exporter/otlp_grpc", `{endpoint: "a:1", zz_unknown: null}`, false},
		{"exporter/debug", `{verbosity: null}`, true},
		{"receiver/carbon", `{parser: {type: null}}`, true},
		{"exporter/file", `{path: "x", format: null, compression: null}`, true},
		{"receiver/statsd", `{aggregation_interval: null, counter_type: null}`, true},
		{"processor/attributes", `{actions: null}`, true},
	} {
		// Through the runtime checker, which also applies the
		// @otelcfg(anyOf) attributes of the overlays. The test documents
		// are CUE literals that are also YAML flow mappings.
		docs, lerr := config.LoadBytes("doc.yaml", []byte(tc.doc), config.Options{Kind: config.KindConfig})
		if lerr != nil || len(docs[0].Problems) > 0 {
			t.Fatalf("%s %s: not YAML: %v %v", tc.key, tc.doc, lerr, docs[0].Problems)
		}
		vs, cerr := checker.Check(tc.key, docs[0].Source, config.Pos{File: "doc.yaml", Line: 1, Col: 1})
		if cerr != nil {
			t.Fatalf("%s: %v", tc.key, cerr)
		}
		var err error
		if len(vs) > 0 {
			var msgs []string
			for _, v := range vs {
				msgs = append(msgs, v.Message)
			}
			err = fmt.Errorf("%s", strings.Join(msgs, "; "))
		}
		if (err == nil) != tc.ok {
			t.Errorf("%s %s: err = %v, want ok=%v", tc.key, tc.doc, err, tc.ok)
		}
	}
}

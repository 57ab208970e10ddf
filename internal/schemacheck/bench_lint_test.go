package schemacheck_test

import (
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
	"github.com/otelcfg/otelcfg/schema"
)

// schemaChecker returns a Checker over the embedded schema, built from
// package schema directly as the rules package does (this package
// must not depend on the lint rules).
func schemaChecker() *schemacheck.Checker {
	set := schemacheck.Set{FS: schema.FS, Components: make(map[string]schemacheck.Entry, len(schema.Components))}
	for k, c := range schema.Components {
		set.Components[k] = schemacheck.Entry{File: c.File, Def: c.Def, Deps: c.Deps}
	}
	return schemacheck.New(set)
}

// smallConfig is the small config of the whole-process timing in
// docs/performance.md: what one `otelcfg lint` of a typical pipeline
// compiles and validates.
const smallConfig = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318
processors:
  memory_limiter:
    check_interval: 1s
    limit_percentage: 80
    spike_limit_percentage: 20
  batch:
    timeout: 5s
exporters:
  otlp_grpc:
    endpoint: backend:4317
    tls:
      insecure: true
  debug:
    verbosity: basic
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp_grpc, debug]
`

type smallComponent struct {
	key      string
	settings *config.Node
	anchor   config.Pos
}

func smallComponents(tb testing.TB) []smallComponent {
	tb.Helper()
	docs, err := config.LoadBytes("small.yaml", []byte(smallConfig), config.Options{Kind: config.KindConfig})
	if err != nil {
		tb.Fatal(err)
	}
	c := config.BuildCollector(docs[0].Config, "")
	var out []smallComponent
	for _, k := range []struct{ section, id, key string }{
		{"receivers", "otlp", "receiver/otlp"},
		{"processors", "memory_limiter", "processor/memory_limiter"},
		{"processors", "batch", "processor/batch"},
		{"exporters", "otlp_grpc", "exporter/otlp_grpc"},
		{"exporters", "debug", "exporter/debug"},
	} {
		comp := c.Defined(k.section, k.id)
		if comp == nil {
			tb.Fatalf("%s %s not in the small config", k.section, k.id)
		}
		out = append(out, smallComponent{k.key, comp.Node, comp.KeyPos})
	}
	return out
}

func smallKeys(cs []smallComponent) []string {
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = c.key
	}
	return keys
}

// BenchmarkPrepare measures compiling, in a fresh Checker, the definitions
// of the small config's components: the CUE part of a lint run's start-up.
func BenchmarkPrepare(b *testing.B) {
	keys := smallKeys(smallComponents(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := schemaChecker().Prepare(keys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck measures validating each component of the small config
// against its compiled definition.
func BenchmarkCheck(b *testing.B) {
	cs := smallComponents(b)
	chk := schemaChecker()
	if err := chk.Prepare(smallKeys(cs)); err != nil {
		b.Fatal(err)
	}
	for _, c := range cs {
		b.Run(c.key, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				vs, err := chk.Check(c.key, c.settings, c.anchor)
				if err != nil || len(vs) > 0 {
					b.Fatal(vs, err)
				}
			}
		})
	}
}

// TestSmallConfigValid keeps the benchmark input honest: it is valid
// against the embedded schema.
func TestSmallConfigValid(t *testing.T) {
	chk := schemaChecker()
	for _, c := range smallComponents(t) {
		vs, err := chk.Check(c.key, c.settings, c.anchor)
		if err != nil || len(vs) > 0 {
			t.Errorf("%s: %v %v", c.key, vs, err)
		}
	}
}

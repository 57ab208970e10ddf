package schemacheck_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
	"github.com/otelcfg/otelcfg/schema"
)

// The numbers these benchmarks give are in docs/performance.md.

func newChecker() *schemacheck.Checker { return schemaChecker() }

func allKeys() []string {
	keys := make([]string, 0, len(schema.Components))
	for k := range schema.Components {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BenchmarkSchemaCompile measures compiling CUE definitions, which a lint
// run pays once per component type it meets: one component with its shared
// dependencies (the OTLP receiver: TLS, gRPC, HTTP, auth...), and every
// component of the index in one instance.
func BenchmarkSchemaCompile(b *testing.B) {
	cases := []struct {
		name string
		keys []string
	}{
		{"receiver_otlp", []string{"receiver/otlp"}},
		{"processor_batch", []string{"processor/batch"}},
		{fmt.Sprintf("all_%d", len(schema.Components)), allKeys()},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := newChecker().Prepare(c.keys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// userComponents returns the components of a config that lint validates
// (the user's, with a schema), with their schema keys.
func userComponents(b *testing.B, docs []*config.Document) ([]*config.Component, []string) {
	cat := catalog.Default()
	var comps []*config.Component
	var keys []string
	for _, d := range docs {
		c := config.BuildCollector(d.Config, d.ConfigPath)
		for _, sec := range config.Sections {
			for _, comp := range c.Components[sec] {
				if comp.Origin != "" {
					continue
				}
				cc, ok := cat.Lookup(catalog.Class(strings.TrimSuffix(sec, "s")), comp.Type)
				if !ok {
					continue
				}
				k := string(cc.Class) + "/" + cc.Type
				if _, ok := schema.Components[k]; ok {
					comps, keys = append(comps, comp), append(keys, k)
				}
			}
		}
	}
	if len(comps) == 0 {
		b.Fatal("no component to validate")
	}
	return comps, keys
}

// BenchmarkSchemaValidate measures validating settings against definitions
// already compiled (compilation is BenchmarkSchemaCompile): the user's
// components of the seed gateway values, and of a 2,000-line config.
func BenchmarkSchemaValidate(b *testing.B) {
	seed, err := config.LoadFile(filepath.Join("..", "..", "testdata", "seed", "gateway-values.yaml"), config.Options{HelmRender: chart.HelmRender})
	if err != nil {
		b.Fatal(err)
	}
	big, err := config.LoadBytes("big.yaml", []byte(linesConfig(2000)), config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		docs []*config.Document
	}{{"seed", seed}, {"2000lines", big}} {
		comps, keys := userComponents(b, c.docs)
		chk := newChecker()
		if err := chk.Prepare(keys); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%s_%dcomponents", c.name, len(comps)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, comp := range comps {
					if _, err := chk.Check(keys[i], comp.Node, comp.KeyPos); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// linesConfig returns a valid config of about n lines: repeated blocks of
// an OTLP receiver, three processors and two exporters with settings.
func linesConfig(n int) string {
	const perBlock = 26 // lines one block adds, across all sections
	blocks := n / perBlock
	var r, p, e, s strings.Builder
	for i := 0; i < blocks; i++ {
		fmt.Fprintf(&r, "  otlp/%d:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:%d\n      http:\n        endpoint: 0.0.0.0:%d\n", i, 4317+2*i, 4318+2*i)
		fmt.Fprintf(&p, "  memory_limiter/%d:\n    check_interval: 1s\n    limit_percentage: 80\n  batch/%d:\n    timeout: 5s\n  attributes/%d:\n    actions:\n      - key: env\n        value: prod\n        action: upsert\n", i, i, i)
		fmt.Fprintf(&e, "  otlp_grpc/%d:\n    endpoint: backend-%d:4317\n    tls:\n      insecure: false\n  debug/%d:\n    verbosity: basic\n", i, i, i)
		fmt.Fprintf(&s, "    traces/%d:\n      receivers: [otlp/%d]\n      processors: [memory_limiter/%d, attributes/%d, batch/%d]\n      exporters: [otlp_grpc/%d, debug/%d]\n", i, i, i, i, i, i, i)
	}
	return "receivers:\n" + r.String() + "processors:\n" + p.String() + "exporters:\n" + e.String() + "service:\n  pipelines:\n" + s.String()
}

// TestLinesConfig keeps the benchmark input honest: about the size it
// claims, and valid against the schemas.
func TestLinesConfig(t *testing.T) {
	cfg := linesConfig(2000)
	if n := strings.Count(cfg, "\n"); n < 1900 || n > 2100 {
		t.Errorf("linesConfig(2000) has %d lines", n)
	}
	docs, err := config.LoadBytes("big.yaml", []byte(cfg), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	chk := newChecker()
	for _, d := range docs {
		c := config.BuildCollector(d.Config, "")
		for _, comp := range c.Components["receivers"][:1] {
			vs, err := chk.Check("receiver/otlp", comp.Node, comp.KeyPos)
			if err != nil || len(vs) > 0 {
				t.Errorf("receiver %s: %v %v", comp.ID, vs, err)
			}
		}
	}
}

package graph

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden draws the seed gateway (Helm values: the chart's defaults are
// merged, as lint sees them) and a config with connectors in every format,
// and compares with testdata/<name>.<format>.golden; -update rewrites them.
func TestGolden(t *testing.T) {
	inputs := map[string]string{
		"gateway":    filepath.Join("..", "..", "testdata", "seed", "gateway-values.yaml"),
		"connectors": filepath.Join("testdata", "connectors.yaml"),
		"sidecar":    filepath.Join("..", "..", "testdata", "seed", "sidecar-cr.yaml"),
	}
	for name, path := range inputs {
		gs, err := Load(path, config.Options{HelmRender: chart.HelmRender})
		if err != nil {
			t.Fatal(err)
		}
		for i := range gs {
			// Label by the path from the repository root, on every OS.
			gs[i].Label = strings.TrimPrefix(filepath.ToSlash(gs[i].Label), "../../")
		}
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				var b bytes.Buffer
				if err := Write(&b, format, gs); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+"."+format+".golden")
				if *update {
					if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/graph -update)", err)
				}
				if b.String() != string(want) {
					t.Errorf("%s differs from the output (go test ./internal/graph -update rewrites it):\n%s", golden, b.String())
				}
				// Drawing twice gives the same bytes.
				var again bytes.Buffer
				_ = Write(&again, format, gs)
				if again.String() != b.String() {
					t.Error("output is not deterministic")
				}
			})
		}
	}
}

func TestBuildConnectors(t *testing.T) {
	docs, err := config.LoadFile(filepath.Join("testdata", "connectors.yaml"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gs, err := FromDocuments(docs)
	if err != nil {
		t.Fatal(err)
	}
	g := gs[0]
	var got []string
	for _, c := range g.Connectors {
		got = append(got, c.ID+":"+strings.Join(c.From, ",")+">"+strings.Join(c.To, ","))
	}
	want := "forward:traces/zipkin>traces span_metrics:traces>metrics/spans"
	if strings.Join(got, " ") != want {
		t.Errorf("connectors %q, want %q", strings.Join(got, " "), want)
	}
	if strings.Join(g.Receivers, ",") != "otlp,zipkin" || strings.Join(g.Exporters, ",") != "debug,otlp_grpc/tempo,prometheus_remote_write" {
		t.Errorf("receivers %v exporters %v", g.Receivers, g.Exporters)
	}
}

func TestNoConfig(t *testing.T) {
	docs, err := config.LoadBytes("x.yaml", []byte("apiVersion: apps/v1\nkind: Deployment\n"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromDocuments(docs); err == nil || !strings.Contains(err.Error(), "no collector config to draw") {
		t.Errorf("err = %v", err)
	}
	if err := Write(&bytes.Buffer{}, "svg", nil); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestLabelsEscaped keeps odd component names from breaking the diagram syntax.
func TestLabelsEscaped(t *testing.T) {
	cfg := "receivers:\n  'otlp/a\"b': {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: ['otlp/a\"b']\n      exporters: [debug]\n"
	docs, err := config.LoadBytes("q.yaml", []byte(cfg), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gs, err := FromDocuments(docs)
	if err != nil {
		t.Fatal(err)
	}
	var m, d bytes.Buffer
	_ = Write(&m, "mermaid", gs)
	_ = Write(&d, "dot", gs)
	if !strings.Contains(m.String(), `r0(["otlp/a#quot;b"])`) {
		t.Errorf("mermaid:\n%s", m.String())
	}
	if !strings.Contains(d.String(), `r0 [label="otlp/a\"b", style=rounded];`) {
		t.Errorf("dot:\n%s", d.String())
	}
}

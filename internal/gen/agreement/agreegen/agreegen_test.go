package agreegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

var otlpExporter = Component{
	Class: catalog.Exporter, Type: "otlp_grpc", Aliases: []string{"otlp"},
	Module: "go.opentelemetry.io/collector/exporter/otlpexporter", Version: "v0.158.0",
	Keys:      map[string]bool{"endpoint": true, "timeout": true, "tls": true},
	Stability: map[string]string{"traces": "stable", "metrics": "stable", "logs": "beta"},
}

func TestExtractShapes(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string // ID=FileKey
	}{
		{"full config", "receivers:\n  nop:\nexporters:\n  otlp/2:\n    endpoint: x\n  debug:\n", []string{"otlp/2=otlp/2"}},
		{"ids", "otlp_grpc:\notlp_grpc/tls:\n  tls: {}\nnop:\n", []string{"otlp_grpc=otlp_grpc", "otlp_grpc/tls=otlp_grpc/tls"}},
		{"flat", "endpoint: x\ntimeout: 5s\n", []string{"otlp_grpc="}},
		{"named", "no_endpoint:\n  timeout: 10s\nhttps_endpoint:\n  endpoint: https://\n", []string{"otlp_grpc/no_endpoint=no_endpoint", "otlp_grpc/https_endpoint=https_endpoint"}},
		{"flat with unknown key", "endpoint: x\nbogus: 1\n", []string{"otlp_grpc="}},
		{"empty file", "", []string{"otlp_grpc="}},
		{"full config without the class", "receivers:\n  otlp:\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			es, err := Extract(otlpExporter, []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.ID+"="+e.FileKey)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := Extract(otlpExporter, []byte("a: [")); err == nil {
		t.Error("bad YAML: no error")
	}
}

func TestWrap(t *testing.T) {
	value := &yaml.Node{}
	if err := yaml.Unmarshal([]byte("base: &b {endpoint: x}\nuse: *b\n"), value); err != nil {
		t.Fatal(err)
	}
	use := value.Content[0].Content[3] // an alias: must be resolved
	src := Source{Module: otlpExporter.Module, Version: "v0.158.0", File: "testdata/config.yaml", Key: "otlp/2"}
	cases := []struct {
		comp Component
		want []string
	}{
		{otlpExporter, []string{
			"# upstream: go.opentelemetry.io/collector/exporter/otlpexporter@v0.158.0 testdata/config.yaml key otlp/2\n",
			"receivers:\n  nop: null\nexporters:\n  otlp/2:\n    endpoint: x\n",
			"    traces:\n      receivers: [nop]\n      exporters: [otlp/2]\n",
			"  telemetry:\n    metrics:\n      level: none\n",
		}},
		{Component{Class: catalog.Processor, Type: "p", Stability: map[string]string{"logs": "beta", "metrics": "beta"}}, []string{
			"processors:\n  otlp/2:\n", "    metrics:\n      receivers: [nop]\n      processors: [otlp/2]\n      exporters: [nop]\n",
		}},
		{Component{Class: catalog.Connector, Type: "c", Stability: map[string]string{"logs_to_metrics": "alpha", "traces_to_metrics": "alpha"}}, []string{
			"connectors:\n  otlp/2:\n", "    traces/in:\n      receivers: [nop]\n      exporters: [otlp/2]\n", "    metrics/out:\n      receivers: [otlp/2]\n      exporters: [nop]\n",
		}},
		{Component{Class: catalog.Extension, Type: "e"}, []string{"extensions:\n  otlp/2:\n", "service:\n  extensions: [otlp/2]\n"}},
	}
	for _, tc := range cases {
		out, err := Wrap(tc.comp, src, Entry{FileKey: "otlp/2", ID: "otlp/2", Value: use})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.comp.Class, w, out)
			}
		}
	}
	if _, err := Wrap(Component{Class: catalog.Receiver, Type: "r", Stability: map[string]string{"profiles": "alpha"}}, src, Entry{ID: "r", Value: null()}); err == nil {
		t.Error("profiles-only receiver: no error")
	}
}

func TestFileName(t *testing.T) {
	src := Source{File: "testdata/traces/sum/config.yaml"}
	if got := FileName(otlpExporter, src, Entry{FileKey: "otlp/2"}); got != "exporter/otlp_grpc/traces_sum_config--otlp+2.yaml" {
		t.Errorf("got %s", got)
	}
	if got := FileName(otlpExporter, Source{File: "testdata/config.yml"}, Entry{}); got != "exporter/otlp_grpc/config--file.yaml" {
		t.Errorf("got %s", got)
	}
}

func TestConfigTestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"testdata/config.yaml", "testdata/invalid.yaml", "testdata/table_a.yaml", "testdata/input.yaml", "testdata/sub/x.yaml"} {
		write(f, "a: 1\n")
	}
	write("config_test.go", `package p
func TestConfig(t *testing.T) {
	cm, _ := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	_, _ = confmaptest.LoadConf("testdata/sub/x.yaml")
	_ = golden.ReadLogs(filepath.Join("testdata", "input.yaml"))
}
func TestTable(t *testing.T) {
	for _, tt := range []struct{ file string }{{"table_a.yaml"}, {"missing.yaml"}} {
		_, _ = confmaptest.LoadConf(filepath.Join("testdata", tt.file))
	}
}
func TestOther(t *testing.T) { _ = read("invalid.yaml") }
`)
	got, err := ConfigTestFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "testdata/config.yaml testdata/sub/x.yaml testdata/table_a.yaml"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestNormalize(t *testing.T) {
	in := "Error: a\n\tb   c\n" + strings.Repeat("x", 400)
	got := Normalize(in)
	if !strings.HasPrefix(got, "Error: a b c xxx") || len(got) != MaxMessage {
		t.Errorf("got %q (%d)", got, len(got))
	}
	if got := errorLines("ts info starting\nError: cannot start pipelines: boom\n2026/01/01 collector server run finished with error"); !strings.HasPrefix(got, "Error: cannot start") {
		t.Errorf("errorLines: %q", got)
	}
}

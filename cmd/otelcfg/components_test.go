package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func TestRunComponents(t *testing.T) {
	tests := []struct {
		name    string
		opts    ComponentsOptions
		show    bool
		want    []string // lines (regexps) that must appear, in order
		wantErr string
	}{
		{
			name: "list processors",
			opts: ComponentsOptions{Class: "processor", Format: "text", Width: 120},
			want: []string{
				`^TYPE +CLASS +SCHEMA +STABILITY$`,
				`^batch +processor +yes +beta:logs,metrics,traces$`,
				`^memory_limiter +processor +yes +beta:logs,metrics,traces alpha:profiles$`,
			},
		},
		{
			name: "narrow table wraps stability onto continuation lines",
			opts: ComponentsOptions{Class: "connector", Format: "text", Width: 80},
			want: []string{
				`^forward +connector +no +beta:logs_to_logs,metrics_to_metrics,$`,
				`^ {20,}traces_to_traces$`,
				`^ {20,}alpha:profiles_to_profiles$`,
			},
		},
		{
			name: "wide table: every column, one line per type",
			opts: ComponentsOptions{Class: "processor", Format: "wide"},
			want: []string{
				`^TYPE +CLASS +STABILITY +ALIASES +DISTRIBUTIONS +SCHEMA$`,
				`^batch +processor +logs:beta metrics:beta traces:beta +- +contrib,core,k8s +yes$`,
				`^memory_limiter +processor +logs:beta metrics:beta profiles:alpha traces:beta +- +contrib,core,k8s +yes$`,
			},
		},
		{
			name: "wide exporters show aliases",
			opts: ComponentsOptions{Class: "exporter", Format: "wide"},
			want: []string{`^otlp_grpc +exporter +.*traces:stable +otlp \(deprecated\) +contrib,core,k8s,otlp +yes$`},
		},
		{name: "bad class", opts: ComponentsOptions{Class: "receivers", Format: "text"}, wantErr: `--class "receivers"`},
		{name: "bad format", opts: ComponentsOptions{Format: "yaml"}, wantErr: `--format "yaml"`},
		{
			name: "show batch",
			show: true,
			opts: ComponentsOptions{Type: "batch"},
			want: []string{
				`^type: +batch$`, `^class: +processor$`, `^stability: +logs:beta metrics:beta traces:beta$`,
				`^module: +go.opentelemetry.io/collector/processor/batchprocessor@v0.158.0$`,
				`^settings \(schema: go.opentelemetry.io/collector/processor/batchprocessor@v0.158.0; defaults: CreateDefaultConfig\(\) of go.opentelemetry.io/collector/processor/batchprocessor@v0.158.0\):$`,
				`^  send_batch_size: number >=0 = 8192$`, `^      SendBatchSize is the size of a batch`,
				`^  timeout: .* = "200ms"$`,
			},
		},
		{
			name: "show memory_limiter and tail_sampling: the factories' defaults",
			show: true,
			opts: ComponentsOptions{Type: "memory_limiter"},
			want: []string{`^  check_interval \(required\): .* = "0s"$`, `^  min_gc_interval_when_soft_limited: duration = "10s"$`},
		},
		{
			name: "show tail_sampling",
			show: true,
			opts: ComponentsOptions{Type: "tail_sampling"},
			want: []string{`^  decision_wait: duration = "30s"$`, `^  num_traces: .* = 50000$`},
		},
		{
			name: "show defaults of keys the schema lacks",
			show: true,
			opts: ComponentsOptions{Type: "prometheus", Class: "receiver"},
			want: []string{`^defaults of keys the schema does not list:$`, `^  config.global.scrape_interval = "1m"$`},
		},
		{
			name: "show a component that is not compiled in",
			show: true,
			opts: ComponentsOptions{Type: "k8s_attributes"},
			want: []string{`defaults: the schema's; k8s_attributes is not compiled into otelcfg's plugin programs, so its factory's defaults are not known\):$`},
		},
		{
			name: "show otlp exporter by its alias",
			show: true,
			opts: ComponentsOptions{Type: "otlp", Class: "exporter"},
			want: []string{`^type: +otlp_grpc$`, `^ +\("otlp" is a deprecated alias\)$`, `^class: +exporter$`, `^  endpoint \(required\): string$`, `^  tls.insecure: boolean$`},
		},
		{
			name: "show otlp receiver",
			show: true,
			opts: ComponentsOptions{Type: "otlp", Class: "receiver"},
			want: []string{`^type: +otlp$`, `^class: +receiver$`,
				`^  protocols.grpc: object = null \(off unless present; present, it gets the defaults below\)$`,
				`^  protocols.grpc.endpoint: string = "localhost:4317"$`,
				`^  protocols.http.endpoint: string = "localhost:4318"$`},
		},
		{name: "show otlp is ambiguous", show: true, opts: ComponentsOptions{Type: "otlp"}, wantErr: "several classes (receiver, exporter)"},
		{
			name: "show an unchecked component that is compiled in: its defaults",
			show: true,
			opts: ComponentsOptions{Type: "file_storage"},
			want: []string{`^settings are not checked: \S`, `^defaults \(CreateDefaultConfig\(\) of .*filestorage@v0.158.0\):$`, `^  directory = "/var/lib/otelcol/file_storage"$`},
		},
		{name: "show unchecked", show: true, opts: ComponentsOptions{Type: "datadog", Class: "exporter"}, want: []string{`^settings are not checked: \S`, `^datadog is not compiled into otelcfg's plugin programs`}},
		{name: "show removed", show: true, opts: ComponentsOptions{Type: "logging"}, want: []string{`^logging exporter: removed in v0.111.0 \(deprecated since v0.86.0\)$`, `^replacement: debug$`}},
		{name: "show unknown", show: true, opts: ComponentsOptions{Type: "bacth"}, wantErr: `no component type "bacth"; did you mean "batch"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			opts := tt.opts
			opts.IO = ios
			var err error
			if tt.show {
				err = runComponentsShow(&opts)
			} else {
				err = runComponents(&opts)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out.String(), "\n")
			i := 0
			for _, w := range tt.want {
				re := regexp.MustCompile(w)
				for i < len(lines) && !re.MatchString(lines[i]) {
					i++
				}
				if i == len(lines) {
					t.Fatalf("no line (in order) matching %s in:\n%s", w, out)
				}
			}
		})
	}
}

// TestComponentsFitsTerminal: the default table of every component fits
// 80 columns (the issue saw ~190), and a wider terminal wraps less.
func TestComponentsFitsTerminal(t *testing.T) {
	lines := func(width int) []string {
		ios, _, out, _ := iostreams.Test()
		if err := runComponents(&ComponentsOptions{IO: ios, Format: "text", Width: width}); err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	}
	narrow := lines(80)
	for _, l := range narrow {
		if len(l) > 80 {
			t.Errorf("%d columns: %q", len(l), l)
		}
	}
	if wide := lines(200); len(wide) >= len(narrow) {
		t.Errorf("200 columns: %d lines, 80 columns: %d; want fewer when wider", len(wide), len(narrow))
	}
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"beta:metrics", 20, []string{"beta:metrics"}},
		{"beta:logs,metrics,traces alpha:profiles", 26, []string{"beta:logs,metrics,traces", "alpha:profiles"}},
		{"development:logs_to_metrics,metrics_to_metrics", 24, []string{"development:", "logs_to_metrics,", "metrics_to_metrics"}},
		{"averyveryverylongword", 5, []string{"averyveryverylongword"}},
	}
	for _, tt := range tests {
		got := wrapWords(tt.in, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestRunComponentsJSON(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	if err := runComponents(&ComponentsOptions{IO: ios, Class: "connector", Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var list []componentJSON
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("no connectors")
	}
	for _, c := range list {
		if c.Class != "connector" || c.Type == "" {
			t.Errorf("bad entry %+v", c)
		}
	}
}

func TestRunSchemaExport(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"jsonschema", "cue"} {
		ios, _, out, _ := iostreams.Test()
		p := filepath.Join(dir, "schema."+f)
		if err := runSchemaExport(&SchemaExportOptions{IO: ios, Format: f, Output: p}); err != nil {
			t.Fatal(err)
		}
		if out.Len() != 0 {
			t.Errorf("%s: wrote to stdout with -o", f)
		}
		if data, err := os.ReadFile(p); err != nil || len(data) < 1000 {
			t.Errorf("%s: %d bytes, %v", f, len(data), err)
		}
	}
	ios, _, _, _ := iostreams.Test()
	if err := runSchemaExport(&SchemaExportOptions{IO: ios, Format: "yaml"}); err == nil || !strings.Contains(err.Error(), `--format "yaml"`) {
		t.Errorf("bad format: %v", err)
	}
}

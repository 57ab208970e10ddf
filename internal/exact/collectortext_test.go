package exact_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/exact"
)

var update = flag.Bool("update", false, "record testdata/validate/*.stderr with the test collector and rewrite the .want files")

// TestParseRecorded parses what a collector's `validate` printed for the
// configs in testdata/validate, recorded from the reference collector of
// DESIGN.md §9 (otelcol-ref, 89 components, v0.158.0) with
// `OTELCFG_COLLECTOR=/work/refcol/otelcol-ref go test -run TestParseRecorded -update`
// (without OTELCFG_COLLECTOR, from a collector built from the core set). The .want files list
// the errors the parser makes of it, sorted, one per line.
func TestParseRecorded(t *testing.T) {
	configs, err := filepath.Glob(filepath.Join("testdata", "validate", "*.yaml"))
	if err != nil || len(configs) == 0 {
		t.Fatalf("no recordings: %v", err)
	}
	for _, cfgFile := range configs {
		base := strings.TrimSuffix(cfgFile, ".yaml")
		t.Run(filepath.Base(base), func(t *testing.T) {
			if *update {
				record(t, cfgFile, base+".stderr")
			}
			stderr, err := os.ReadFile(base + ".stderr")
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(cfgFile)
			if err != nil {
				t.Fatal(err)
			}
			var cfg map[string]any
			if err := yaml.Unmarshal(data, &cfg); err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(stderr) > 0 {
				got = renderErrors(exact.ParseCollectorError(exact.CollectorError(string(stderr)), cfg))
			}
			if *update {
				if err := os.WriteFile(base+".want", []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(base + ".want")
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("parsed:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// record runs the test collector's validate on cfgFile.
func record(t *testing.T, cfgFile, out string) {
	t.Helper()
	abs, err := filepath.Abs(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(testCollector(t), "validate", "--config", "file:"+abs)
	cmd.Stderr, cmd.Env = &stderr, []string{}
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatal(err)
		}
	}
	// Only the error: log lines carry timestamps.
	text := ""
	if stderr.Len() > 0 {
		text = "Error: " + exact.CollectorError(stderr.String()) + "\n"
	}
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func renderErrors(es []exact.Error) string {
	var lines []string
	for _, e := range es {
		l := fmt.Sprintf("%s %s %s", e.Stage, e.Kind, e.ID)
		if e.Pipeline != "" {
			l += " [" + e.Pipeline + "]"
		}
		l += " | " + e.Message
		if e.Host != "" {
			l += " (host: " + e.Host + ")"
		}
		lines = append(lines, l)
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestCollectorError(t *testing.T) {
	for _, tc := range []struct{ stderr, want string }{
		// OCB's main logs the error after cobra printed it: the last one.
		{"Error: a\nb\n2026/01/02 10:00:00 collector server run finished with error: a\nb\n", "a\nb"},
		{"Error: only cobra\n", "only cobra"},
		{"something else\n", "something else"},
	} {
		if got := exact.CollectorError(tc.stderr); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.stderr, got, tc.want)
		}
	}
}

func TestParseComponents(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "validate", "components.yaml.txt"))
	if err != nil {
		t.Fatal(err)
	}
	info, types, err := exact.ParseComponents(data)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "otelcol-test 0.158.0-test" || info.Collector != "0.158.0-test" {
		t.Errorf("info %+v", info)
	}
	if !types[exact.KindExporter]["otlp_grpc"] || types[exact.KindExporter]["otlp"] || !types[exact.KindConnector]["span_metrics"] || !types[exact.KindExtension]["file_storage"] {
		t.Errorf("types %v", types)
	}
	// The reference collector's own output.
	data, err = os.ReadFile(filepath.Join("testdata", "validate", "components-ref.yaml.txt"))
	if err != nil {
		t.Fatal(err)
	}
	info, types, err = exact.ParseComponents(data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, list := range info.Types {
		n += len(list)
	}
	if info.Name != "otelcol-ref 0.158.0" || n != 89 || !types[exact.KindProcessor]["tail_sampling"] || !types[exact.KindReceiver]["host_metrics"] {
		t.Errorf("reference: %s, %d types", info.Name, n)
	}
	if _, _, err := exact.ParseComponents([]byte("receivers: [")); err == nil {
		t.Error("bad YAML: no error")
	}
	if _, _, err := exact.ParseComponents([]byte("receivers: []\n")); err == nil || !strings.Contains(err.Error(), "no buildinfo") {
		t.Errorf("not a collector: %v", err)
	}
}

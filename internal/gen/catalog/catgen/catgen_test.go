package catgen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sampleMetadata = `type: span_metrics
deprecated_type: spanmetrics
display_name: Span Metrics Connector

status:
  class: connector
  stability:
    alpha: [traces_to_metrics]
    development: [traces_to_logs]
  distributions: [k8s, contrib]
  codeowners:
    active: [someone]

tests:
  config:
`

func TestParseMetadata(t *testing.T) {
	md, err := ParseMetadata([]byte(sampleMetadata))
	if err != nil {
		t.Fatal(err)
	}
	want := Metadata{
		Type:            "span_metrics",
		DeprecatedTypes: []string{"spanmetrics"},
		Class:           Connector,
		Stability:       map[string]string{"traces_to_metrics": "alpha", "traces_to_logs": "development"},
		Distributions:   []string{"contrib", "k8s"},
	}
	if !reflect.DeepEqual(md, want) {
		t.Errorf("got %+v\nwant %+v", md, want)
	}
}

func TestParseMetadataErrors(t *testing.T) {
	for name, src := range map[string]string{
		"no type":       "status: {class: receiver, stability: {beta: [traces]}}",
		"bad class":     "type: x\nstatus: {class: scraper, stability: {beta: [metrics]}}",
		"no stability":  "type: x\nstatus: {class: receiver}",
		"bad level":     "type: x\nstatus: {class: receiver, stability: {gamma: [traces]}}",
		"two levels":    "type: x\nstatus: {class: receiver, stability: {beta: [traces], alpha: [traces]}}",
		"alias mapping": "type: x\ndeprecated_type: {a: b}\nstatus: {class: receiver, stability: {beta: [traces]}}",
	} {
		if _, err := ParseMetadata([]byte(src)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseBuilderConfigAndChecklist(t *testing.T) {
	mods, err := ParseBuilderConfig([]byte(`
dist: {name: x}
receivers:
  - gomod: example.com/r/otlpreceiver v0.1.0
exporters:
  - gomod: example.com/e/debugexporter v0.1.0
providers:
  - gomod: example.com/p/envprovider v1.0.0
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Module{{Exporter, "example.com/e/debugexporter", "v0.1.0"}, {Receiver, "example.com/r/otlpreceiver", "v0.1.0"}}
	if !reflect.DeepEqual(mods, want) {
		t.Errorf("modules %+v", mods)
	}
	cl, err := ParseChecklist([]byte("components:\n  receiver: [b, a]\n  scraper: [cpu]\n  provider: [s3]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cl, Checklist{Receiver: {"a", "b"}}) {
		t.Errorf("checklist %v", cl)
	}
}

func TestReason(t *testing.T) {
	for in, want := range map[string]string{
		"m@v: reading https://proxy.golang.org/m/@v/v.zip: 403 Forbidden\n\tserver response: not available": "module proxy: 403 Forbidden (version not available)",
		"m@v: invalid version: git ls-remote -q origin in /root/x: exit status 128":                         "not on the module proxy; direct fetch from the origin failed",
	} {
		if got := Reason(in); got != want {
			t.Errorf("Reason(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRunOffline drives Run with a fake downloader: one module downloads,
// one is refused and comes from the table, one extra table row covers a type
// the report names but the manifest omits. Rendering twice is byte-identical.
func TestRunOffline(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("root/"+builderConfigPath, "connectors:\n  - gomod: ex.com/c/spanmetrics v0.9.0\nexporters:\n  - gomod: ex.com/e/refused v0.9.0\n")
	write("root/"+checklistPath, "components:\n  connector: [span_metrics]\n  exporter: [gone_now, extra]\n")
	write("sm/metadata.yaml", sampleMetadata)
	dl := func(_ context.Context, path, version string) (Download, error) {
		switch path {
		case "ex.com/root":
			return Download{Path: path, Version: version, Dir: filepath.Join(dir, "root"), Sum: "h1:root="}, nil
		case "ex.com/c/spanmetrics":
			return Download{Path: path, Version: version, Dir: filepath.Join(dir, "sm"), Sum: "h1:sm="}, nil
		}
		return Download{Path: path, Version: version, Error: path + "@" + version + ": reading https://proxy/x: 403 Forbidden"}, nil
	}
	table, err := ParseTable([]byte(`components:
  - module: ex.com/e/refused
    class: exporter
    type: gone_now
    deprecated_types: [gonenow]
    stability: {beta: [logs]}
    commit: abc123
  - module: ex.com/e/extra
    class: exporter
    type: extra
    stability: unknown-signals
`))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Release: "v0.9.0", ContribModule: "ex.com/root", Table: table, Download: dl, Parallel: 2}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Reads {
		got = append(got, string(r.Component.Class)+"/"+r.Component.Type+"/"+r.Component.Source)
	}
	want := []string{"exporter/extra/checklist", "exporter/gone_now/table", "connector/span_metrics/metadata"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reads %v, want %v", got, want)
	}
	a, err := Render(res)
	if err != nil {
		t.Fatal(err)
	}
	res2, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(res2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs render differently")
	}
	for _, s := range []string{Header + "\n", "h1:sm=", "refused; read upstream at abc123", "403 Forbidden", `Source:          SourceTable`, `"gonenow"`} {
		if !strings.Contains(string(a), s) {
			t.Errorf("output lacks %q", s)
		}
	}
	if !strings.HasPrefix(string(a), Header+"\n") {
		t.Error("header is not the first line")
	}

	// A refused module without a table row is an error.
	opt.Table = table[1:]
	if _, err := Run(context.Background(), opt); err == nil || !strings.Contains(err.Error(), "missing from the offline table") {
		t.Errorf("want missing-row error, got %v", err)
	}
}

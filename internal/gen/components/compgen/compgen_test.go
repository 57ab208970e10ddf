package compgen

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

func testCatalog() *catalog.Catalog {
	return catalog.New("v0.158.0", []catalog.Component{
		{Class: catalog.Receiver, Type: "otlp", Module: "example.com/receiver/otlpreceiver", Version: "v0.158.0", Source: catalog.SourceMetadata},
		{Class: catalog.Processor, Type: "batch", Module: "example.com/processor/batchprocessor", Version: "v0.158.0", Source: catalog.SourceMetadata},
		{Class: catalog.Exporter, Type: "awsemf", Module: "example.com/exporter/awsemfexporter", Version: "v0.158.0", Source: catalog.SourceMetadata},
		{Class: catalog.Exporter, Type: "clickhouse", Module: "example.com/exporter/clickhouseexporter", Version: "v0.158.0", Source: catalog.SourceTable},
	})
}

func TestDecide(t *testing.T) {
	req := map[string]string{
		"example.com/receiver/otlpreceiver":    "v0.158.0",
		"example.com/processor/batchprocessor": "v0.158.0",
	}
	dropped := []Dropped{{Module: "example.com/exporter/awsemfexporter@v0.158.0", Reason: "403 Forbidden"}}
	plan, err := Decide(testCatalog(), req, dropped)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range plan.Entries {
		got = append(got, string(e.Class)+"/"+e.Type+"="+e.Alias)
	}
	if want := "receiver/otlp=otlpreceiver processor/batch=batchprocessor"; strings.Join(got, " ") != want {
		t.Errorf("entries = %v, want %s", got, want)
	}
	if plan.Refused != 1 || len(plan.Dropped) != 1 || !plan.Dropped[0].Catalog {
		t.Errorf("refused %d, dropped %+v", plan.Refused, plan.Dropped)
	}
}

func TestDecideErrors(t *testing.T) {
	base := map[string]string{
		"example.com/receiver/otlpreceiver":    "v0.158.0",
		"example.com/processor/batchprocessor": "v0.158.0",
	}
	awsemf := Dropped{Module: "example.com/exporter/awsemfexporter@v0.158.0", Reason: "refused"}
	cases := []struct {
		name    string
		req     map[string]string
		dropped []Dropped
		want    string
	}{
		{"unexplained", base, nil, "awsemfexporter@v0.158.0: not required by go.mod and no reason"},
		{"version mismatch", with(base, "example.com/processor/batchprocessor", "v0.159.0"), []Dropped{awsemf},
			"batchprocessor: go.mod requires v0.159.0, the catalog describes v0.158.0"},
		{"reason for compiled module", with(base, "example.com/exporter/awsemfexporter", "v0.158.0"), []Dropped{awsemf},
			"awsemfexporter@v0.158.0 is compiled in but the dropped table gives a reason"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decide(testCatalog(), tc.req, tc.dropped)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for mk, mv := range m {
		if mk != k {
			out[mk] = mv
		}
	}
	return out
}

func TestParseDropped(t *testing.T) {
	rows, err := ParseDropped(strings.NewReader("# comment\n\na/b@v1\tgone: 403\n"))
	if err != nil || len(rows) != 1 || rows[0].Module != "a/b@v1" || rows[0].Reason != "gone: 403" {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
	for _, bad := range []string{"a/b@v1\n", "a/b\treason\n", "a/b@v1\t \n"} {
		if _, err := ParseDropped(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: err = %v, want a line 1 error", bad, err)
		}
	}
}

func TestRender(t *testing.T) {
	plan, err := Decide(testCatalog(), map[string]string{
		"example.com/receiver/otlpreceiver":    "v0.158.0",
		"example.com/processor/batchprocessor": "v0.158.0",
	}, []Dropped{{Module: "example.com/exporter/awsemfexporter@v0.158.0", Reason: "refused"}})
	if err != nil {
		t.Fatal(err)
	}
	src, err := Render(plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		Header,
		"// Compiled in: 2 components (1 receivers, 1 processors, 0 exporters, 0 connectors, 0 extensions).",
		"//   example.com/exporter/awsemfexporter@v0.158.0: refused",
		"refuses the module: 1 catalog",
		`{Module{catalog.Receiver, "otlp", "example.com/receiver/otlpreceiver", "v0.158.0"}, func() component.Factory { return otlpreceiver.NewFactory() }},`,
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("generated source lacks %q:\n%s", want, src)
		}
	}
}

// TestGeneratedIsCurrent regenerates internal/components/zz_factories.go from
// the repository's go.mod and dropped table and compares it with the
// committed file, offline.
func TestGeneratedIsCurrent(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := filepath.Join("..", "..", "..", "..")
	data, err := exec.Command("go", "mod", "edit", "-json", filepath.Join(root, "go.mod")).Output()
	if err != nil {
		t.Fatal(err)
	}
	req, err := ParseGoMod(data)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "internal", "components")
	f, err := os.Open(filepath.Join(dir, "dropped.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dropped, err := ParseDropped(f)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Decide(catalog.Default(), req, dropped)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Render(plan)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "zz_factories.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/components/zz_factories.go is stale: run go generate ./internal/components")
	}
}

func TestManifest(t *testing.T) {
	plan, err := Decide(testCatalog(), map[string]string{
		"example.com/receiver/otlpreceiver":    "v0.158.0",
		"example.com/processor/batchprocessor": "v0.158.0",
	}, []Dropped{{Module: "example.com/exporter/awsemfexporter@v0.158.0", Reason: "refused"}})
	if err != nil {
		t.Fatal(err)
	}
	got := Manifest(plan, "v1.64.0", "/tmp/refcol")
	for _, want := range []string{
		"  output_path: /tmp/refcol\n  version: 0.158.0\n",
		"receivers:\n  - gomod: example.com/receiver/otlpreceiver v0.158.0\nprocessors:\n  - gomod: example.com/processor/batchprocessor v0.158.0\nexporters:\n",
		"  - gomod: go.opentelemetry.io/collector/confmap/provider/httpsprovider v1.64.0\n",
		"telemetry:\n  gomod: go.opentelemetry.io/collector/service v0.158.0\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("manifest lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "awsemf") {
		t.Error("manifest lists a dropped module")
	}
}

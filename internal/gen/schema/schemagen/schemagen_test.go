package schemagen

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/gen/modzip"
)

// fakeModules lays out module directories and serves them as downloads.
func fakeModules(t *testing.T, mods map[string]map[string]string) modzip.Downloader {
	root := t.TempDir()
	for mv, files := range mods {
		for name, body := range files {
			p := filepath.Join(root, mv, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return func(_ context.Context, path, version string) (modzip.Download, error) {
		dir := filepath.Join(root, path+"@"+version)
		if _, err := os.Stat(dir); err != nil {
			return modzip.Download{Path: path, Version: version, Error: "reading https://proxy: 403 Forbidden"}, nil
		}
		return modzip.Download{Path: path, Version: version, Dir: dir, GoMod: filepath.Join(dir, "go.mod"), Sum: "h1:" + path + "="}, nil
	}
}

func TestGenerate(t *testing.T) {
	dl := fakeModules(t, map[string]map[string]string{
		"go.opentelemetry.io/collector/receiver/fakereceiver@v0.2.0": {
			"go.mod": "module go.opentelemetry.io/collector/receiver/fakereceiver\nrequire go.opentelemetry.io/collector/config/configfake v1.0.0\n",
			"config.schema.yaml": `$defs:
  proto:
    type: object
    properties:
      port:
        type: integer
        x-customType: uint16
  level:
    type: integer
type: object
required: [name]
properties:
  name:
    type: string
  mode:
    type: string
    enum: [a, b]
  wait:
    type: string
    x-customType: time.Duration
  proto:
    x-optional: true
    $ref: proto
  level:
    $ref: ./internal/lvl.level
  tags:
    type: array
    items:
      type: string
  labels:
    type: object
    additionalProperties:
      type: string
  anything:
    x-customType: any
allOf:
  - $ref: /config/configfake.client_config
`,
			"internal/lvl/config.schema.yaml": "$defs:\n  level:\n    type: integer\n",
		},
		"go.opentelemetry.io/collector/config/configfake@v1.0.0": {
			"go.mod": "module go.opentelemetry.io/collector/config/configfake\n",
			"config.schema.yaml": `$defs:
  client_config:
    type: object
    properties:
      endpoint:
        type: string
      secret:
        $ref: /config/configfake.opaque
  opaque:
    type: string
`,
		},
	})
	cat := catalog.New("v0.2.0", []catalog.Component{
		{Class: catalog.Receiver, Type: "fake", Module: "go.opentelemetry.io/collector/receiver/fakereceiver", Version: "v0.2.0", Source: catalog.SourceMetadata},
		{Class: catalog.Receiver, Type: "gone", Module: "go.opentelemetry.io/collector/receiver/gonereceiver", Version: "v0.2.0", Source: catalog.SourceMetadata},
		{Class: catalog.Exporter, Type: "far", Module: "example.com/far", Version: "v0.2.0", Source: catalog.SourceTable},
	})
	res, err := Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl)})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := res.Components["receiver/fake"]
	if !ok {
		t.Fatalf("no receiver/fake; unchecked %v", res.Unchecked)
	}
	if got, want := strings.Join(e.Deps, " "), "shared/types.cue shared/configfake.cue"; got != want {
		t.Errorf("Deps = %q, want %q", got, want)
	}
	comp := squash(string(res.Files["components/receiver/fake.cue"]))
	for _, want := range []string{
		"#configfake_client_config\n",
		"name!: string",
		`mode?:     "a" | "b"`,
		"wait?:     #Duration",
		"proto?: {\n\t\t#receiver_fake__proto\n\t\tenabled?: bool\n\t}",
		"level?:    #receiver_fake__internal_lvl_level",
		"#receiver_fake__internal_lvl_level: number | string",
		"tags?:     [...string] | string",
		"labels?: [string]: string",
		"anything?: _",
		"port?: number & >=0",
	} {
		if !strings.Contains(comp, squash(want)) {
			t.Errorf("component file lacks %q:\n%s", want, comp)
		}
	}
	// A written null keeps the default and schemacheck reads it as _: no
	// field carries a null alternative.
	for name, data := range res.Files {
		if strings.Contains(string(data), "null |") {
			t.Errorf("%s has a null alternative:\n%s", name, data)
		}
	}
	shared := squash(string(res.Files["shared/configfake.cue"]))
	if !strings.Contains(shared, "secret?: #configfake_opaque") {
		t.Errorf("shared file:\n%s", shared)
	}
	if r := res.Unchecked["receiver/gone"]; !strings.Contains(r, "403") {
		t.Errorf("receiver/gone reason %q", r)
	}
	if r := res.Unchecked["exporter/far"]; r == "" {
		t.Error("exporter/far not unchecked")
	}
	if !strings.HasPrefix(string(res.Index), Header) {
		t.Error("index header")
	}
}

// squash collapses white space, so expectations do not depend on gofmt-style
// alignment.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSharedName(t *testing.T) {
	for in, want := range map[string]string{
		"go.opentelemetry.io/collector/config/configgrpc":                                      "configgrpc",
		"go.opentelemetry.io/collector/exporter/exporterhelper":                                "exporterhelper",
		"go.opentelemetry.io/collector/exporter/exporterhelper/internal/queuebatch":            "exporterhelper_internal_queuebatch",
		"github.com/open-telemetry/opentelemetry-collector-contrib/pkg/stanza/operator/helper": "stanza_operator_helper",
		"go.opentelemetry.io/collector/filter":                                                 "filter",
	} {
		if got := sharedName(in); got != want {
			t.Errorf("sharedName(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestOverlays(t *testing.T) {
	dl := fakeModules(t, map[string]map[string]string{
		"go.opentelemetry.io/collector/receiver/fakereceiver@v0.2.0": {
			"go.mod":             "module go.opentelemetry.io/collector/receiver/fakereceiver\n",
			"config.schema.yaml": "type: object\nproperties:\n  wait:\n    type: string\n    x-customType: time.Duration\n",
		},
	})
	cat := catalog.New("v0.2.0", []catalog.Component{
		{Class: catalog.Receiver, Type: "fake", Module: "go.opentelemetry.io/collector/receiver/fakereceiver", Version: "v0.2.0", Source: catalog.SourceMetadata},
		{Class: catalog.Exporter, Type: "far", Module: "example.com/far", Version: "v0.2.0", Source: catalog.SourceTable},
	})
	fsys := fstest.MapFS{
		"overlays/receiver_fake.cue": {Data: []byte("package schema\n")},
		"overlays/README.md":         {Data: []byte("not an overlay")},
	}
	ov, err := Overlays(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov) != 1 || !ov["receiver/fake"] {
		t.Fatalf("Overlays = %v, want receiver/fake", ov)
	}
	if got := OverlayFile("exporter/otlp_grpc"); got != "overlays/exporter_otlp_grpc.cue" {
		t.Errorf("OverlayFile = %q", got)
	}
	res, err := Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl), Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(res.Components["receiver/fake"].Deps, " "), "shared/types.cue overlays/receiver_fake.cue"; got != want {
		t.Errorf("Deps = %q, want %q", got, want)
	}
	if !strings.Contains(string(res.Index), `"overlays/receiver_fake.cue"`) {
		t.Errorf("index lacks the overlay:\n%s", res.Index)
	}
	if _, ok := res.Files["overlays/receiver_fake.cue"]; ok {
		t.Error("the generator emitted an overlay; overlays are hand-kept")
	}
	// An overlay of a component without a definition is stale.
	if _, err := Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl), Overlays: map[string]bool{"exporter/far": true}}); err == nil || !strings.Contains(err.Error(), "overlays/exporter_far.cue") {
		t.Errorf("stale overlay: err = %v", err)
	}
	if _, err := Overlays(fstest.MapFS{"overlays/bogus.cue": {}}); err == nil {
		t.Error("overlays/bogus.cue accepted")
	}
}

func TestHandKept(t *testing.T) {
	const (
		ext    = "github.com/open-telemetry/opentelemetry-collector-contrib/extension/fakeextension"
		shared = "github.com/open-telemetry/opentelemetry-collector-contrib/internal/fake"
	)
	hkSchema := "type: object\nproperties:\n  port:\n    type: integer\n"
	dl := fakeModules(t, map[string]map[string]string{
		ext + "@v0.2.0": {
			"go.mod":             "module " + ext + "\nrequire " + shared + " v0.2.0\n",
			"config.schema.yaml": "type: object\nallOf:\n  - $ref: /internal/fake.config\n",
		},
		shared + "@v0.2.0": {"go.mod": "module " + shared + "\n"},
		shared + "@v0.3.0": {
			"go.mod":             "module " + shared + "\n",
			"config.schema.yaml": "type: object\nproperties:\n  upstream:\n    type: string\n",
		},
	})
	cat := catalog.New("v0.2.0", []catalog.Component{
		{Class: catalog.Extension, Type: "fake", Module: ext, Version: "v0.2.0", Source: catalog.SourceMetadata},
	})
	// Without it the component is unchecked.
	res, err := Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Unchecked["extension/fake"]; !ok {
		t.Fatalf("without the hand-kept schema extension/fake is checked: %v", res.Components)
	}
	// With it, the shared file comes from it and says so.
	hk := map[string]HandKept{shared + "@v0.2.0": {File: "handkept/fake.schema.yaml", Data: []byte(hkSchema)}}
	res, err = Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl), HandKept: hk})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Components["extension/fake"]; !ok {
		t.Fatalf("extension/fake unchecked: %s", res.Unchecked["extension/fake"])
	}
	src := string(res.Files["shared/fake.cue"])
	if !strings.Contains(src, "hand-kept schema internal/gen/schema/handkept/fake.schema.yaml") || !strings.Contains(squash(src), "#fake_config: port?: number") {
		t.Errorf("shared/fake.cue:\n%s", src)
	}
	// A hand-kept schema that goes unused (another version) fails a full run.
	stale := map[string]HandKept{shared + "@v0.1.0": {File: "handkept/fake.schema.yaml", Data: []byte(hkSchema)}}
	if _, err := Generate(context.Background(), Options{Catalog: cat, Cache: modzip.NewCache(dl), HandKept: stale}); err == nil || !strings.Contains(err.Error(), "handkept/fake.schema.yaml") {
		t.Errorf("unused hand-kept schema: err = %v", err)
	}
	// Upstream wins: where the zip has a config.schema.yaml it is read.
	k := pkgKey{Module: shared, Version: "v0.3.0", Pkg: shared}
	g := &gen{opt: Options{HandKept: map[string]HandKept{shared + "@v0.3.0": {File: "x", Data: []byte(hkSchema)}}}, mods: map[string]*modInfo{}, pkgs: map[pkgKey]*pkgFile{}, missing: map[string]bool{}}
	d, _ := dl(context.Background(), shared, "v0.3.0")
	g.mods[shared+"@v0.3.0"] = &modInfo{d: d}
	if pf := g.loadPkg(k); pf.node == nil || pf.handKept != "" || pf.node.Properties["upstream"] == nil {
		t.Errorf("loadPkg read the hand-kept schema over upstream's: %+v", pf)
	}
}

// A property is deprecated when its description says so of itself, in
// the forms upstream uses; mentions of other deprecated things are not.
func TestDeprecation(t *testing.T) {
	for desc, want := range map[string]string{
		"Deprecated: use TraceConditions instead.":                                              "Deprecated: use TraceConditions instead.",
		"DimensionsCacheSize defines the size. Deprecated [v0.130.0]:  Please use X instead":    "Deprecated [v0.130.0]: Please use X instead",
		"SendCountSum states if. Deprecated: [v0.75.0] Use `send_aggregation_metrics` instead.": "Deprecated: [v0.75.0] Use `send_aggregation_metrics` instead.",
		"K8SNodeConfig contains configurations (deprecated: use K8SAPIConfig)":                  "Deprecated: use K8SAPIConfig",
		"Cannot be used with deprecated Metrics config option.":                                 "",
		"Supersedes the per-detector fields (now deprecated). Default: false.":                  "",
		"container.image.tag — deprecated, use container.image.tags":                            "",
		"A plain description.": "",
	} {
		if got := deprecation(desc); got != want {
			t.Errorf("deprecation(%q) = %q, want %q", desc, got, want)
		}
	}
}

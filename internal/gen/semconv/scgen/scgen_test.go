package scgen

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

var (
	committedGo      = filepath.Join("..", "..", "..", "semconv", "zz_generated.go")
	committedCUE     = filepath.Join("..", "..", "..", "..", "schema", "semconv", "registry.cue")
	committedDerived = filepath.Join("..", NPMDerivedFile)
)

// TestReproducible regenerates both outputs from the pinned otel-go module
// and the committed, hash-pinned npm extract, and compares them byte for
// byte with the committed files. It needs the module in the module cache or
// the module proxy and fails, not skips, without it.
func TestReproducible(t *testing.T) {
	dir, err := GoModuleDir(context.Background())
	if err != nil {
		t.Fatalf("cannot check the generated registry: %v\n(the test needs %s@%s from the module cache or the module proxy)", err, GoModule, GoVersion)
	}
	b, err := os.ReadFile(committedDerived)
	if err != nil {
		t.Fatal(err)
	}
	npm, err := LoadNPMDerived(b)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(dir, npm)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		path string
		want []byte
	}{{committedGo, out.Go}, {committedCUE, out.CUE}} {
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.want) {
			t.Errorf("%s is stale or edited: run `go generate ./internal/semconv`", f.path)
		}
	}
}

// TestNPMExtract re-extracts the derived npm file from the pinned tarball.
// Without npm it skips, saying so; the derived file is then still checked
// against its sha256 pin by TestReproducible. Set OTELCFG_REQUIRE_NPM=1 to
// turn the skip into a failure (CI with npm). -short skips it too.
func TestNPMExtract(t *testing.T) {
	if testing.Short() && os.Getenv("OTELCFG_REQUIRE_NPM") == "" {
		t.Skip("-short: not running npm pack; " + NPMDerivedFile + " is checked only against its sha256 pin")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		msg := "npm not installed: the npm extract " + NPMDerivedFile + " is checked only against its sha256 pin, not re-derived from " + NPMPackage + "@" + NPMVersion
		if os.Getenv("OTELCFG_REQUIRE_NPM") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	tgz, err := NPMPack(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d, err := ExtractNPM(tgz)
	if err != nil {
		t.Fatal(err)
	}
	b, err := MarshalNPM(d)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(committedDerived)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, committed) {
		t.Errorf("%s differs from the extract of the pinned tarball: run `go generate ./internal/semconv`", committedDerived)
	}
	if SHA256(b) != NPMDerivedSHA256 {
		t.Errorf("extract hashes to %s, pinned %s", SHA256(b), NPMDerivedSHA256)
	}
}

const sampleMJS = `//#region src/stable_attributes.ts
/**
* Deprecated, use ` + "`http.request.method`" + ` instead.
*
* @example GET
*
* @experimental This attribute is experimental.
*
* @deprecated Replaced by ` + "`http.request.method`" + `.
*/
const ATTR_HTTP_METHOD = "http.method";
/**
* HTTP request method.
*
* @note long
* text
*/
const ATTR_HTTP_REQUEST_METHOD = "http.request.method";
/**
* Enum value "GET" for attribute {@link ATTR_HTTP_REQUEST_METHOD}.
*/
const HTTP_REQUEST_METHOD_VALUE_GET = "GET";
/**
* Pod labels.
*
* @deprecated Split to ` + "`a.b`" + ` and
* ` + "`c.d`" + `.
*/
const ATTR_K8S_POD_LABELS = (key) => ` + "`k8s.pod.labels.${key}`" + `;
/**
* Enum value 0 for attribute {@link ATTR_RPC_CODE}.
*/
const RPC_CODE_VALUE_OK = 0;
/**
* Code.
*/
const ATTR_RPC_CODE = "rpc.code";
`

func TestParseMJS(t *testing.T) {
	byName, idents := map[string]*NPMAttr{}, map[string]*NPMAttr{}
	values, err := parseMJS([]byte(sampleMJS), true, byName, idents)
	if err != nil {
		t.Fatal(err)
	}
	if err := addEnumValues(values, idents); err != nil {
		t.Fatal(err)
	}
	want := map[string]NPMAttr{
		"http.method":         {Name: "http.method", Brief: "Deprecated, use `http.request.method` instead.", Deprecated: true, Note: "Replaced by `http.request.method`."},
		"http.request.method": {Name: "http.request.method", Stable: true, Brief: "HTTP request method.", Enum: []string{"GET"}},
		"k8s.pod.labels":      {Name: "k8s.pod.labels", Template: true, Stable: true, Brief: "Pod labels.", Deprecated: true, Note: "Split to `a.b` and `c.d`."},
		"rpc.code":            {Name: "rpc.code", Stable: true, Brief: "Code.", Enum: []string{"0"}},
	}
	if len(byName) != len(want) {
		t.Errorf("got %d attributes, want %d", len(byName), len(want))
	}
	for k, w := range want {
		if g := byName[k]; g == nil || !reflect.DeepEqual(*g, w) {
			t.Errorf("%s: got %+v\nwant %+v", k, g, w)
		}
	}
}

func TestParseGoDoc(t *testing.T) {
	var a GoAttr
	parseGoDoc(&a, `HTTPMethodKey is the attribute Key conforming to the "http.method"
semantic conventions. It represents the hTTP request
method.

Type: string
RequirementLevel: Required
Stability: Release_Candidate
`)
	if a.Type != "string" || a.Stability != "release_candidate" || a.Brief != "HTTP request method." {
		t.Errorf("got %+v", a)
	}
}

func TestBuildReplacements(t *testing.T) {
	cur := &GoPackage{Version: SemconvVersion, Attrs: map[string]*GoAttr{
		"a.new":  {Name: "a.new", Type: "string", Stability: "stable"},
		"h.hdr":  {Name: "h.hdr", Type: "string[]", Template: true},
		"r.kept": {Name: "r.kept", Type: "int", Stability: "development", File: "resource.go"},
	}}
	old := &GoPackage{Version: "1.4.0", Attrs: map[string]*GoAttr{
		"a.old":  {Name: "a.old", Type: "int", File: "trace.go"},
		"gone":   {Name: "gone", Type: "boolean", File: "trace.go"},
		"r.kept": {Name: "r.kept", Type: "int", File: "resource.go"},
	}}
	npm := &NPMData{Attributes: []NPMAttr{
		{Name: "a.old", Deprecated: true, Note: "Replaced by `a.new` or `h.hdr.host`, not `x.unknown` nor `used`."},
		{Name: "a.new", Stable: true, Brief: "New."},
		{Name: "h.hdr", Template: true},
	}}
	attrs, st, err := Build([]*GoPackage{old, cur}, npm)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Attr{}
	for _, a := range attrs {
		by[a.Name] = a
	}
	if got := by["a.old"]; !got.Deprecated || !reflect.DeepEqual(got.Replacement, []string{"a.new", "h.hdr.host"}) || got.Type != "int" || got.Scope != "span" || got.Source != SourceNPM {
		t.Errorf("a.old: %+v", got)
	}
	if got := by["gone"]; !got.Deprecated || len(got.Replacement) != 0 || got.Source != SourceGoOld {
		t.Errorf("gone: %+v", got)
	}
	if got := by["a.new"]; got.Deprecated || got.Brief != "New." || got.Since != SemconvVersion {
		t.Errorf("a.new: %+v", got)
	}
	if got := by["h.hdr"]; got.Stability != "experimental" || !got.Template {
		t.Errorf("h.hdr: %+v", got)
	}
	if got := by["r.kept"]; got.Scope != "resource" || got.Since != "1.4.0" {
		t.Errorf("r.kept: %+v", got)
	}
	if st.Total != 5 || st.Deprecated != 2 || st.WithReplacement != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestVersionLess(t *testing.T) {
	if !VersionLess("1.4.0", "1.10.0") || VersionLess("1.23.1", "1.23.0") || !VersionLess("1.6.1", "1.7.0") {
		t.Error("VersionLess")
	}
}

package semconv

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

func TestVersion(t *testing.T) {
	if Version != "1.43.0" || NPMVersion != "1.45.0" {
		t.Errorf("Version %q, NPMVersion %q", Version, NPMVersion)
	}
}

func TestSortedUnique(t *testing.T) {
	for i := 1; i < len(attributes); i++ {
		if attributes[i-1].Name >= attributes[i].Name {
			t.Errorf("not sorted or duplicate at %d: %q, %q", i, attributes[i-1].Name, attributes[i].Name)
		}
	}
	if len(attributes) < 900 {
		t.Errorf("only %d attributes", len(attributes))
	}
}

func TestRowsWellFormed(t *testing.T) {
	types := map[string]bool{"": true, "string": true, "int": true, "double": true, "boolean": true, "string[]": true, "int[]": true, "double[]": true, "boolean[]": true, "any": true}
	stab := map[string]bool{"stable": true, "release_candidate": true, "development": true, "alpha": true, "experimental": true}
	for _, a := range attributes {
		if !types[a.Type] {
			t.Errorf("%s: type %q", a.Name, a.Type)
		}
		if !stab[a.Stability] {
			t.Errorf("%s: stability %q", a.Name, a.Stability)
		}
		if len(a.Replacement) > 0 && !a.Deprecated {
			t.Errorf("%s: replacement without deprecation", a.Name)
		}
		if a.Deprecated && a.Note == "" {
			t.Errorf("%s: deprecated without note", a.Name)
		}
		for _, r := range a.Replacement {
			if _, ok := Lookup(r); !ok {
				t.Errorf("%s: replacement %q is not in the registry", a.Name, r)
			}
		}
		switch a.Source {
		case "otel-go", "npm", "otel-go-old":
		default:
			t.Errorf("%s: source %q", a.Name, a.Source)
		}
	}
}

func TestLookup(t *testing.T) {
	m, ok := Lookup("http.request.method")
	if !ok || m.Deprecated || m.Type != "string" || m.Stability != "stable" {
		t.Fatalf("http.request.method: %+v %v", m, ok)
	}
	for _, v := range []string{"GET", "POST", "PUT", "DELETE", "_OTHER"} {
		if !slices.Contains(m.Enum, v) {
			t.Errorf("http.request.method enum lacks %s: %v", v, m.Enum)
		}
	}
	for old, repl := range map[string][]string{
		"http.method":      {"http.request.method"},
		"http.status_code": {"http.response.status_code"},
		"http.url":         {"url.full"},
		"net.peer.ip":      {"network.peer.address"},
		"http.flavor":      {"network.protocol.name", "network.protocol.version"},
	} {
		a, ok := Lookup(old)
		if !ok || !a.Deprecated || !reflect.DeepEqual(a.Replacement, repl) {
			t.Errorf("%s: %+v %v, want deprecated → %v", old, a, ok, repl)
		}
	}
	if a, ok := Lookup("http.status_code"); !ok || a.Type != "int" {
		t.Errorf("http.status_code type: %+v", a)
	}
	if a, ok := Lookup("http.response.status_code"); !ok || a.Type != "int" || a.Deprecated {
		t.Errorf("http.response.status_code: %+v", a)
	}
	s, ok := Lookup("service.name")
	if !ok || s.Deprecated || s.Type != "string" || s.Stability != "stable" {
		t.Errorf("service.name: %+v %v", s, ok)
	}
	if r, known := ResourceAttribute("service.name"); !r || !known {
		t.Errorf("service.name: resource %v known %v", r, known)
	}
	if r, known := ResourceAttribute("http.route"); r || !known {
		t.Errorf("http.route: resource %v known %v", r, known)
	}
	if h, ok := Lookup("http.request.header.content-type"); !ok || h.Name != "http.request.header" || !h.Template || h.Type != "string[]" {
		t.Errorf("template lookup: %+v %v", h, ok)
	}
	if _, ok := Lookup("no.such.key"); ok {
		t.Error("no.such.key found")
	}
	if _, ok := Lookup("http.request"); ok {
		t.Error("namespace http.request found as an attribute")
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"http.request.methd":       "http.request.method",
		"http.reqeust.method":      "http.request.method",
		"servce.name":              "service.name",
		"http.response.statuscode": "http.response.status_code",
		"http.request.method":      "", // known
		"http.method":              "", // known (deprecated): the deprecation rule speaks
		"completely.unrelated.key": "",
	} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamesAndNamespaces(t *testing.T) {
	n := Names()
	if len(n) != len(attributes) || !sort.StringsAreSorted(n) {
		t.Error("Names not complete or not sorted")
	}
	c := CurrentNames()
	if !sort.StringsAreSorted(c) || slices.Contains(c, "http.method") || !slices.Contains(c, "http.request.method") {
		t.Error("CurrentNames")
	}
	if Namespace("http.request.method") != "http" {
		t.Error("Namespace")
	}
	for _, a := range InNamespace("url") {
		if a.Name[:4] != "url." {
			t.Errorf("InNamespace(url) has %s", a.Name)
		}
	}
	if len(InNamespace("url")) < 5 || len(InNamespace("nosuch")) != 0 {
		t.Error("InNamespace sizes")
	}
}

// TestCUERegistry loads the generated CUE registry and checks it carries the
// same rows as the Go table.
func TestCUERegistry(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "schema", "semconv", "registry.cue"))
	if err != nil {
		t.Fatal(err)
	}
	v := cuecontext.New().CompileBytes(src, cue.Filename("registry.cue"))
	if err := v.Validate(cue.Concrete(true)); err != nil {
		t.Fatal(err)
	}
	if s, _ := v.LookupPath(cue.ParsePath("version")).String(); s != Version {
		t.Errorf("version %q", s)
	}
	it, err := v.LookupPath(cue.ParsePath("attributes")).Fields()
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for it.Next() {
		if i >= len(attributes) || it.Selector().Unquoted() != attributes[i].Name {
			t.Fatalf("CUE attribute %d is %s", i, it.Selector().Unquoted())
		}
		var got struct {
			Type        string   `json:"type"`
			Deprecated  bool     `json:"deprecated"`
			Replacement []string `json:"replacement"`
			Enum        []string `json:"enum"`
		}
		if err := it.Value().Decode(&got); err != nil {
			t.Fatal(err)
		}
		a := attributes[i]
		if got.Type != a.Type || got.Deprecated != a.Deprecated || !slices.Equal(got.Replacement, a.Replacement) || !slices.Equal(got.Enum, a.Enum) {
			t.Errorf("%s: CUE %+v, Go %+v", a.Name, got, a)
		}
		i++
	}
	if i != len(attributes) {
		t.Errorf("CUE has %d attributes, Go %d", i, len(attributes))
	}
}

func BenchmarkSuggest(b *testing.B) {
	for b.Loop() {
		Suggest("http.request.methd")
	}
}

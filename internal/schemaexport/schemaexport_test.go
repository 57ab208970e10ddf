package schemaexport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := Default().JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Default().JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Fatal("JSON Schema export is not deterministic")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	if err := c.AddResource("otelcfg.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("otelcfg.schema.json") // validates against the draft-07 meta-schema
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func loadYAML(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	// Through JSON, as an editor sees it (map[string]any, float64).
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// validStructure lists the agreement configs a real collector accepted.
func validStructure(t *testing.T) []string {
	f, err := os.Open("../../testdata/agreement/verdicts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 2 && cols[1] == "valid" && strings.HasPrefix(cols[0], "structure/") {
			files = append(files, filepath.Join("../../testdata/agreement", cols[0]))
		}
	}
	if len(files) == 0 {
		t.Fatal("no valid structure configs")
	}
	return files
}

func TestJSONSchemaAcceptsAndRejects(t *testing.T) {
	sch := compileSchema(t)
	seed, _ := filepath.Glob("../../testdata/agreement/seed/*.yaml")
	if len(seed) == 0 {
		t.Fatal("no seed configs")
	}
	for _, f := range append(seed, validStructure(t)...) {
		if err := sch.Validate(loadYAML(t, f)); err != nil {
			t.Errorf("%s: rejected: %v", f, err)
		}
	}
	if err := sch.Validate(loadYAML(t, "testdata/nulls.yaml")); err != nil {
		t.Errorf("nulls for known keys: rejected: %v", err)
	}
	err := sch.Validate(loadYAML(t, "testdata/unknown-key.yaml"))
	if err == nil || !strings.Contains(err.Error(), "protocol") {
		t.Errorf("unknown key in otlp receiver: got %v, want an error naming it", err)
	}
	bad := map[string]any{"receivers": map[string]any{"otlpp": nil}}
	if sch.Validate(bad) == nil {
		t.Error("unknown receiver type accepted")
	}
	// A null is no wildcard: an unknown key stays unknown.
	bad = map[string]any{"exporters": map[string]any{"debug": map[string]any{"verbosityy": nil}}}
	if sch.Validate(bad) == nil {
		t.Error("unknown key with a null value accepted")
	}
}

func TestJSONSchemaShape(t *testing.T) {
	out, err := Default().JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != Draft || !strings.Contains(doc["$id"].(string), "otelcfg") {
		t.Errorf("$schema %v, $id %v", doc["$schema"], doc["$id"])
	}
	batch := doc["definitions"].(map[string]any)["processor_batch"].(map[string]any)
	if batch["additionalProperties"] != false {
		t.Error("processor_batch is not closed")
	}
	timeout := batch["properties"].(map[string]any)["timeout"].(map[string]any)
	if !strings.Contains(timeout["description"].(string), "Timeout") {
		t.Errorf("timeout has no upstream description: %v", timeout)
	}
	// Aliases and unchecked components.
	exp := doc["properties"].(map[string]any)["exporters"].(map[string]any)["anyOf"].([]any)[1].(map[string]any)
	pats := exp["patternProperties"].(map[string]any)
	if _, ok := pats["^otlp(/.+)?$"]; !ok {
		t.Error("no pattern for the otlp alias")
	}
	if d, _ := pats["^datadog(/.+)?$"].(map[string]any)["description"].(string); !strings.Contains(d, "not checked") {
		t.Errorf("datadog (unchecked) description %q", d)
	}
	found := false
	walkJSON(doc, func(m map[string]any) {
		if _, ok := m["default"]; ok {
			found = true
		}
	})
	if !found {
		t.Error("no upstream default exported")
	}
}

func walkJSON(n any, f func(map[string]any)) {
	switch n := n.(type) {
	case map[string]any:
		f(n)
		for _, v := range n {
			walkJSON(v, f)
		}
	case []any:
		for _, v := range n {
			walkJSON(v, f)
		}
	}
}

func TestCUEExport(t *testing.T) {
	out, err := Default().CUE()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Default().CUE()
	if !bytes.Equal(out, again) {
		t.Fatal("CUE export is not deterministic")
	}
	cctx := cuecontext.New()
	v := cctx.CompileBytes(out)
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	cfg := v.LookupPath(cue.ParsePath("#Config"))
	ok := cctx.CompileString(`receivers: otlp: protocols: grpc: endpoint: "localhost:4317"`)
	if err := cfg.Unify(ok).Validate(); err != nil {
		t.Errorf("valid config rejected: %v", err)
	}
	bad := cctx.CompileString(`processors: groupbyattrs: keyz: []`)
	if cfg.Unify(bad).Validate() == nil {
		t.Error("unknown key in groupbyattrs accepted by #Config")
	}
}

func TestFields(t *testing.T) {
	fields, ok, err := Default().Fields("processor/batch")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	var paths []string
	for _, f := range fields {
		paths = append(paths, f.Path+" "+f.Type)
	}
	got := strings.Join(paths, "\n")
	for _, want := range []string{"send_batch_size number", "timeout "} {
		if !strings.Contains(got, want) {
			t.Errorf("fields of batch lack %q:\n%s", want, got)
		}
	}
	if _, ok, _ := Default().Fields("exporter/datadog"); ok {
		t.Error("exporter/datadog has no schema but Fields found one")
	}
}

package report

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	// The official SARIF 2.1.0 JSON schema (OASIS errata01) reaches this test
	// through the go-sarif module, which carries it as the string constant
	// `schema` in this package's schema.go. The blank import pins the module
	// in go.mod and go.sum and ensures it is in the module cache; the test
	// reads the constant from source rather than linking the package's API.
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

const (
	sarifSchemaModule = "github.com/owenrumney/go-sarif/v3"
	sarifSchemaFile   = "pkg/report/v210/sarif/schema.go"
	sarifSchemaID     = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

func TestSARIF(t *testing.T) {
	out := goldenCases(t, "sarif")

	schema := compileSARIFSchema(t)
	for name, data := range out {
		t.Run("schema/"+name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("not valid SARIF 2.1.0:\n%v", err)
			}
		})
	}

	t.Run("schema rejects invalid", func(t *testing.T) {
		// Guard against a schema that accepts anything.
		bad := bytes.Replace(out["sample"], []byte(`"level": "note"`), []byte(`"level": "info"`), 1)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(inst) == nil {
			t.Error(`schema accepted level "info"`)
		}
	})

	t.Run("structure", func(t *testing.T) {
		var log sarifLog
		if err := json.Unmarshal(out["sample"], &log); err != nil {
			t.Fatal(err)
		}
		if log.Version != "2.1.0" || log.Schema != sarifSchemaURI || len(log.Runs) != 1 {
			t.Fatalf("version=%q $schema=%q runs=%d", log.Version, log.Schema, len(log.Runs))
		}
		run := log.Runs[0]
		d := run.Tool.Driver
		if d.Name != "otelcfg" || d.Version != "v0.3.0" || d.InformationURI == "" {
			t.Errorf("driver = %+v", d)
		}
		if len(d.Rules) != len(sampleRules()) {
			t.Errorf("%d rules, want every rule (%d)", len(d.Rules), len(sampleRules()))
		}
		r := sampleReport()
		if len(run.Results) != len(r.Findings) {
			t.Fatalf("%d results, want %d", len(run.Results), len(r.Findings))
		}
		for i, res := range run.Results {
			f := r.Findings[i]
			if res.RuleIndex != nil && d.Rules[*res.RuleIndex].ID != res.RuleID {
				t.Errorf("result %d: ruleIndex %d names %s, want %s", i, *res.RuleIndex, d.Rules[*res.RuleIndex].ID, res.RuleID)
			}
			if res.RuleIndex == nil && f.Rule != "unused-ignore" {
				t.Errorf("result %d (%s) has no ruleIndex", i, f.Rule)
			}
			reg := res.Locations[0].PhysicalLocation.Region
			if (reg == nil) != (f.Pos.Line == 0) {
				t.Errorf("result %d: region %+v for line %d", i, reg, f.Pos.Line)
			}
			if len(res.RelatedLocations) != len(f.Related) {
				t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
			}
		}
		if got := []string{run.Results[0].Level, run.Results[1].Level, run.Results[3].Level}; strings.Join(got, " ") != "error warning note" {
			t.Errorf("levels = %v", got)
		}
	})
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"configs/gateway.yaml":  "configs/gateway.yaml",
		"my configs/a#1.yaml":   "my%20configs/a%231.yaml",
		"/etc/otelcol/cfg.yaml": "file:///etc/otelcol/cfg.yaml",
		"a:b.yaml":              "./a:b.yaml",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// compileSARIFSchema loads the SARIF 2.1.0 schema from the go-sarif module
// in the module cache and compiles it with format assertions on.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", sarifSchemaModule).Output()
	if err != nil {
		t.Fatalf("locating %s: %v", sarifSchemaModule, err)
	}
	src := filepath.Join(strings.TrimSpace(string(dir)), filepath.FromSlash(sarifSchemaFile))
	text := stringConst(t, src, "schema")

	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: schema is not JSON: %v", src, err)
	}
	if m, _ := doc.(map[string]any); m["id"] != sarifSchemaID {
		t.Fatalf("%s: schema id = %v, want %s", src, m["id"], sarifSchemaID)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return s
}

// stringConst returns the value of the top-level string constant name in
// the Go file at path.
func stringConst(t *testing.T, path, name string) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if id.Name != name || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s: const %s is not a string literal", path, name)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
		}
	}
	t.Fatalf("%s: no const %s", path, name)
	return ""
}

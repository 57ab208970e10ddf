package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/linttest"
	"github.com/otelcfg/otelcfg/internal/lint/ruledoc"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// testdata is the repository's rule test directory: testdata/lint/<rule-id>/.
var testdata = filepath.Join("..", "..", "..", "testdata", "lint")

// TestRules runs every rule over its testdata/lint/<rule-id>/*.yaml files.
func TestRules(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			linttest.Run(t, r, filepath.Join(testdata, r.ID))
		})
	}
}

// notOnValid are rules expected to fire on correct configs: settings-unchecked
// lists, by design, every component whose settings otelcfg cannot check;
// env-dependent-check says which settings could not be checked because a
// variable the deployment sets has no value here.
var notOnValid = map[string]bool{"settings-unchecked": true, "env-dependent-check": true}

// TestValid runs every rule over testdata/lint/_valid: realistic, correct
// configs of every input kind on which no rule may fire.
func TestValid(t *testing.T) {
	for _, r := range rules.All() {
		if notOnValid[r.ID] {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			linttest.Run(t, r, filepath.Join(testdata, "_valid"))
		})
	}
}

// TestTestdataDirs catches test directories left behind by a renamed rule.
func TestTestdataDirs(t *testing.T) {
	entries, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "_valid" && rules.ByID(e.Name()) == nil {
			t.Errorf("%s: no rule with ID %q", filepath.Join(testdata, e.Name()), e.Name())
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestRegistry(t *testing.T) {
	all := rules.All()
	if len(all) == 0 {
		t.Fatal("rules.All() is empty")
	}
	seen := map[string]bool{}
	for i, r := range all {
		if seen[r.ID] {
			t.Errorf("rule ID %q registered twice", r.ID)
		}
		seen[r.ID] = true
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("rules.All() not sorted: %q before %q", all[i-1].ID, r.ID)
		}
		if rules.ByID(r.ID) != r {
			t.Errorf("rules.ByID(%q) does not return the registered rule", r.ID)
		}
		switch r.Severity {
		case lint.Error, lint.Warning, lint.Info:
		default:
			t.Errorf("%s: invalid default severity %v", r.ID, r.Severity)
		}
		d := r.Doc
		for field, v := range map[string]string{"Title": d.Title, "Text": d.Text, "Bad": d.Bad, "Good": d.Good} {
			if v == "" {
				t.Errorf("%s: Doc.%s is empty", r.ID, field)
			}
		}
		if d.Bad == d.Good {
			t.Errorf("%s: Doc.Bad and Doc.Good are the same example", r.ID)
		}
		checkTestdataDir(t, r)
	}
}

// checkTestdataDir requires at least one file where the rule fires (has a
// want comment) and one where it stays silent.
func checkTestdataDir(t *testing.T, r *lint.Rule) {
	t.Helper()
	dir := filepath.Join(testdata, r.ID)
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	var firing, silent int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		wants, err := linttest.ParseWants(f, data)
		if err != nil {
			t.Error(err)
			continue
		}
		if len(wants) > 0 {
			firing++
		} else {
			silent++
		}
	}
	if firing == 0 {
		t.Errorf("%s: %s needs a .yaml file with a `# want:` comment where the rule fires", r.ID, dir)
	}
	if silent == 0 {
		t.Errorf("%s: %s needs a .yaml file without `# want:` comments where the rule stays silent", r.ID, dir)
	}
}

// TestDocExamples checks that each rule's Doc.Bad makes it fire and
// Doc.Good does not. The examples are linted as if they were a file in
// testdata/lint/<rule-id>/include/, so relative ${file:...} paths resolve there.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			file := filepath.Join(testdata, r.ID, "include", "doc-example.yaml")
			bad, err := linttest.Findings(r, file, []byte(r.Doc.Bad))
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) == 0 {
				t.Errorf("Doc.Bad does not make %s fire:\n%s", r.ID, r.Doc.Bad)
			}
			good, err := linttest.Findings(r, file, []byte(r.Doc.Good))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range good {
				t.Errorf("Doc.Good makes %s fire: %s", r.ID, f)
			}
		})
	}
}

// TestRulesDoc fails when docs/rules.md is not what the registry renders.
func TestRulesDoc(t *testing.T) {
	path := filepath.Join("..", "..", "..", "docs", "rules.md")
	var want bytes.Buffer
	if err := ruledoc.Markdown(&want, rules.All()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run `go generate ./internal/lint/rules`", err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s is stale: run `go generate ./internal/lint/rules` and commit the result", path)
	}
}

// TestProblemCodesHaveRules: every code the loader can record is reported
// by the rule of the same ID, so no problem is silently dropped.
func TestProblemCodesHaveRules(t *testing.T) {
	for _, code := range config.Codes {
		r := rules.ByID(string(code))
		if r == nil || r.Check == nil {
			t.Errorf("problem code %q has no rule that reports it", code)
		}
	}
}

// TestSharedInputsAreNotRules: rules that only compute a shared input are
// not in the user-facing registry, and every requirement computes one.
func TestSharedInputsAreNotRules(t *testing.T) {
	for _, r := range rules.All() {
		if r.Run != nil && r.Check == nil {
			t.Errorf("%s computes a shared input but is registered as a rule", r.ID)
		}
		for _, req := range r.Requires {
			if req.Run == nil {
				t.Errorf("%s requires %s, which computes nothing", r.ID, req.ID)
			}
		}
	}
}

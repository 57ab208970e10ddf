package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/lint/report"
)

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestGitHubAction checks action.yml: a composite action with the inputs
// the README documents, installing otelcfg with go install and running lint.
func TestGitHubAction(t *testing.T) {
	var a struct {
		Name, Description string
		Inputs            map[string]struct {
			Description string
			Required    bool
			Default     *string
		}
		Runs struct {
			Using string
			Steps []struct {
				Name, Uses, Shell, Run string
				With, Env              map[string]string
			}
		}
	}
	readYAML(t, "action.yml", &a)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs name and description")
	}
	for _, in := range []string{"paths", "format", "fail-level", "version", "sarif"} {
		i, ok := a.Inputs[in]
		if !ok {
			t.Errorf("input %q missing", in)
			continue
		}
		if i.Description == "" || i.Default == nil {
			t.Errorf("input %q needs a description and a default", in)
		}
	}
	if f := a.Inputs["format"].Default; f != nil && !slices.Contains(report.Formats, *f) {
		t.Errorf("default format %q is not one of %v", *f, report.Formats)
	}
	if l := a.Inputs["fail-level"].Default; l != nil && !slices.Contains([]string{"error", "warning", "info", "none"}, *l) {
		t.Errorf("default fail-level %q", *l)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	var setupGo, install, lint bool
	for _, s := range a.Runs.Steps {
		setupGo = setupGo || strings.HasPrefix(s.Uses, "actions/setup-go@")
		install = install || strings.Contains(s.Run, "go install \"github.com/otelcfg/otelcfg/cmd/otelcfg@")
		lint = lint || strings.Contains(s.Run, "otelcfg lint --format \"$OTELCFG_FORMAT\"")
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: a composite run step needs shell", s.Name)
		}
		// Inputs go through env, never into the script text (injection).
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script", s.Name)
		}
	}
	if !setupGo || !install || !lint {
		t.Errorf("steps: setup-go %v, go install %v, lint %v", setupGo, install, lint)
	}
}

// TestPreCommitHooks checks .pre-commit-hooks.yaml.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID, Name, Entry, Language, Files, Exclude string
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	if h.ID != "otelcfg" || h.Name == "" || h.Entry != "otelcfg lint" || h.Language != "golang" {
		t.Errorf("hook %+v", h)
	}
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatal(err)
	}
	exclude := regexp.MustCompile(h.Exclude)
	for name, want := range map[string]bool{
		"collector.yaml": true, "deploy/values.yml": true, "a.json": false,
		"values.yaml.tmpl": false, ".otelcfg.yaml": false, "x/.otelcfg.yml": false,
	} {
		if got := files.MatchString(name) && !exclude.MatchString(name); got != want {
			t.Errorf("hook runs on %s: %v, want %v", name, got, want)
		}
	}
}

package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
)

// TestFixEveryTestdataFile runs --fix over every rule test file and every
// real-world config: the fixed text must still load (no syntax error, no
// duplicate key), must not gain an error the original did not have, and a
// second --fix must find nothing more to do (every fix's result is final).
func TestFixEveryTestdataFile(t *testing.T) {
	var files []string
	for _, pat := range []string{"lint/*/*.yaml", "realworld/*.yaml", "realworld/*/*.yaml", "seed/*.yaml", "seed-blog/*.yaml", "agreement/*/*.yaml", "agreement/upstream/*/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", pat))
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("only %d files", len(files))
	}
	fixedFiles := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in := []config.Input{{Name: f, Data: data}}
		opts := driver.Options{NoSettings: true, Fix: true}
		res, err := driver.Lint(context.Background(), in, opts)
		if err != nil || len(res.Fixed) == 0 {
			continue // unreadable on purpose, or nothing to fix
		}
		fixedFiles++
		before := map[string]bool{}
		for _, x := range res.Unfixed {
			if x.Severity.String() == "error" {
				before[x.Rule] = true
			}
		}
		for _, x := range res.Findings {
			if x.Rule == "yaml-syntax" || x.Rule == "duplicate-key" || x.Severity.String() == "error" && !before[x.Rule] {
				t.Errorf("%s: after --fix: %s\n%s", f, x, res.Fixed[0].Data)
			}
		}
		again, err := driver.Lint(context.Background(), res.Fixed, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Fixed) > 0 {
			t.Errorf("%s: a second --fix still changes it:\n%s", f, again.Fixed[0].Data)
		}
	}
	t.Logf("%d of %d files fixed", fixedFiles, len(files))
}

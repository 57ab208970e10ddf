package semconv_test

import (
	"path/filepath"
	"testing"

	"github.com/otelcfg/otelcfg/internal/lint/linttest"
	"github.com/otelcfg/otelcfg/internal/lint/rules/semconv"
)

// TestRules runs the package's rules over their testdata/lint/<rule-id>/
// files and over testdata/lint/_valid, where none may fire. Package rules
// runs them again with the whole registry (see its TestRules and TestValid).
func TestRules(t *testing.T) {
	testdata := filepath.Join("..", "..", "..", "..", "testdata", "lint")
	if len(semconv.Rules()) == 0 {
		t.Fatal("semconv.Rules() is empty")
	}
	for _, r := range semconv.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			linttest.Run(t, r, filepath.Join(testdata, r.ID))
			linttest.Run(t, r, filepath.Join(testdata, "_valid"))
		})
	}
}

package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// heavy are the package families whose start-up cost (~0.3 s and ~200 MB
// for the collector components) is why the companion programs exist.
var heavy = []string{
	"github.com/otelcfg/otelcfg/internal/components",
	"github.com/otelcfg/otelcfg/internal/simulate",
	"github.com/otelcfg/otelcfg/internal/render/",
	"go.opentelemetry.io/collector/",
	"github.com/open-telemetry/",
	"helm.sh/",
	"k8s.io/",
}

// TestCommandTreesAreLight: the companions' command declarations link
// none of the code that does their work, and neither does otelcfg's test
// binary, which grafts them into the command reference and doubles as
// otelcfg in every script test (a heavy test binary would pay the
// collector's start-up on each of them).
func TestCommandTreesAreLight(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, args := range [][]string{
		{"./internal/cli/rendercli", "./internal/cli/collectorcli"},
		{"-test", "./cmd/otelcfg"},
	} {
		cmd := exec.Command("go", append([]string{"list", "-deps"}, args...)...)
		cmd.Dir = filepath.Join("..", "..")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %v: %v", args, err)
		}
		for _, pkg := range strings.Fields(string(out)) {
			// The script tests write binary OTLP with pdata.
			if args[0] == "-test" && (strings.HasPrefix(pkg, "go.opentelemetry.io/collector/pdata") || pkg == "go.opentelemetry.io/collector/featuregate") {
				continue
			}
			for _, h := range heavy {
				if pkg == strings.TrimSuffix(h, "/") || strings.HasPrefix(pkg, h) {
					t.Errorf("%v links %s", args, pkg)
				}
			}
		}
	}
}

package exact_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLintPathStaysLean guards otelcfg's start-up budget: the lint program
// and this package (which the lint program runs) link no collector, Helm
// SDK or Kubernetes package. The collector code runs in the check program.
func TestLintPathStaysLean(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{"github.com/otelcfg/otelcfg/cmd/otelcfg", "github.com/otelcfg/otelcfg/internal/exact"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("go list -deps %s listed %d packages: %q", pkg, len(deps), out)
		}
		for _, p := range deps {
			for _, heavy := range []string{"go.opentelemetry.io/collector", "github.com/open-telemetry/opentelemetry-collector-contrib", "helm.sh/", "k8s.io/"} {
				if strings.HasPrefix(p, heavy) {
					t.Errorf("%s links %s", pkg, p)
				}
			}
		}
	}
}

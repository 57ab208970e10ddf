package simtest

import (
	"path/filepath"
	"testing"
)

// Test files name Helm values, OpenTelemetryCollector resources and
// ConfigMaps as configs: they are read as otelcfg lint reads them.
func TestConfigKinds(t *testing.T) {
	tcs, err := Load(filepath.Join("..", "..", "..", "testdata", "simulate", "inputs", "kinds.test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tcs) != 3 {
		t.Fatalf("%d tests, want 3", len(tcs))
	}
	for _, tc := range tcs {
		r := Run(t.Context(), tc)
		if !r.Passed || r.Error != "" {
			var b []string
			for _, f := range r.Failures {
				b = append(b, f.text(""))
			}
			t.Errorf("%s: error %q, failures %v", tc.Name, r.Error, b)
		}
	}
}

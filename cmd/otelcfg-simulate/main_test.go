package main

import (
	"os"
	"testing"
)

// TestMain lets the test binary double as otelcfg-simulate (with
// OTELCFG_SIMULATE_MAIN=1), so tests can run it as a separate process
// without building it.
func TestMain(m *testing.M) {
	if os.Getenv("OTELCFG_SIMULATE_MAIN") == "1" {
		os.Exit(Main())
	}
	os.Exit(m.Run())
}

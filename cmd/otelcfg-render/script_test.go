package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/otelcfg/otelcfg/internal/cli/clitest"
)

// TestMain lets the test binary double as the otelcfg-render program, so
// scripts run the real entry point (Main) as a separate process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"otelcfg-render": func() { os.Exit(Main()) },
	})
}

// TestScripts runs testdata/script/*.txtar (see clitest.Params; scripts may
// use exitcode N PROG [ARGS...]). OTELCFG_UPDATE=1 rewrites the expected
// files in the archives from the actual output.
func TestScripts(t *testing.T) {
	testscript.Run(t, clitest.Params(t, "testdata/script"))
}

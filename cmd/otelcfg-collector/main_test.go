package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/clitest"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli/collectorrun"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// TestMain lets the test binary double as the otelcfg-collector program
// (put on PATH by testscript.Main), so scripts and tests run the real
// entry point (Main) as a separate process without building it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"otelcfg-collector": func() { os.Exit(Main()) },
	})
}

// TestScripts runs testdata/script/*.txtar (see clitest.Params; scripts may
// use exitcode N PROG [ARGS...]). OTELCFG_UPDATE=1 rewrites the expected
// files in the archives from the actual output. Each run of the program
// starts its ~2,700 packages (~0.3 s): keep the scripts short.
func TestScripts(t *testing.T) {
	testscript.Run(t, clitest.Params(t, "testdata/script"))
}

// run executes the command line args on io, as Main does with os.Args.
func run(io *iostreams.IOStreams, args []string) int {
	return cli.MainCompanion(collectorrun.NewRootCmd(io, version), io, args)
}

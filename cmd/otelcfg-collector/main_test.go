package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/otelcfg/otelcfg/internal/cli"
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

// run executes the command line args on io, as Main does with os.Args.
func run(io *iostreams.IOStreams, args []string) int {
	return cli.MainCompanion(collectorrun.NewRootCmd(io, version), io, args)
}

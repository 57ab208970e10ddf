// Command otelcfg-collector runs the collector's own component code for
// otelcfg: `otelcfg simulate`, `otelcfg test` and `otelcfg synth` run it,
// and `otelcfg lint` runs its hidden check command (package exact) to check
// configs with the real components. It links every compiled-in collector
// component (package components), which would slow down every `otelcfg
// lint` at start-up, so it is a separate program. Its commands are
// declared in package collectorcli and do their work in package
// collectorrun.
package main

import (
	"os"
	"runtime/debug"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli/collectorrun"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// A replay streams its recording, so its live heap is small (tens of
	// MB) whatever the recording's size: collecting less often is worth a
	// third of a protobuf replay's time (1M spans: 4.2 s → 3.0 s, peak RSS
	// 73 → 136 MB). A GOGC set by the user wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	os.Exit(Main())
}

// Main runs otelcfg-collector with os.Args and returns the exit code.
func Main() int {
	io := iostreams.System()
	return cli.MainCompanion(collectorrun.NewRootCmd(io, version), io, nil)
}

// Command otelcfg-simulate replays recorded OTLP through the pipelines of a
// collector config with the real collector processors and connectors.
// `otelcfg simulate ...` runs it; it is a separate binary because the
// collector components it links would slow down every `otelcfg lint` at
// start-up.
package main

import (
	"os"
	"runtime/debug"
)

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

// Command otelcfg lints OpenTelemetry Collector configurations: plain
// configs, Helm values for the opentelemetry-collector chart, operator
// OpenTelemetryCollector resources and ConfigMaps.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// otelcfg runs for milliseconds and its heap is bounded by the input
	// limits (config.DefaultLimits), so collecting garbage less often saves
	// more time (~1.5 ms of a ~12 ms lint) than the memory it costs. A GOGC
	// set by the user wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	os.Exit(Main())
}

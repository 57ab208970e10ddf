// Command otelcfg lints OpenTelemetry Collector configurations: plain
// configs, Helm values for the opentelemetry-collector chart, operator
// OpenTelemetryCollector resources and ConfigMaps.
package main

import "os"

func main() { os.Exit(Main()) }

// Command otelcfg-render generates deployment artefacts from a collector
// config: values for the opentelemetry-collector Helm chart and
// OpenTelemetryCollector resources for the operator. `otelcfg render ...`
// runs it; it is a separate binary because the Helm SDK and the Kubernetes
// API types it links would slow down every `otelcfg lint` at start-up.
package main

import "os"

func main() { os.Exit(Main()) }

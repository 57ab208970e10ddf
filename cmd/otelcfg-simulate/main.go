// Command otelcfg-simulate replays recorded OTLP through the pipelines of a
// collector config with the real collector processors and connectors.
// `otelcfg simulate ...` runs it; it is a separate binary because the
// collector components it links would slow down every `otelcfg lint` at
// start-up.
package main

import "os"

func main() { os.Exit(Main()) }

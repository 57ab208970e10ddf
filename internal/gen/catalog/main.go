// Command catalog generates internal/catalog/zz_generated.go, the component
// catalog of one collector contrib release: every component type the contrib
// distribution lists, with its class, deprecated aliases and stability per
// signal, read from the metadata.yaml in each component's module zip. Modules
// the module proxy refuses are filled in from offline.yaml, a hand-kept table
// read from upstream.
//
// Run it with `go generate ./internal/catalog`. It needs the Go module proxy.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/otelcfg/otelcfg/internal/gen/catalog/catgen"
	"github.com/otelcfg/otelcfg/internal/gen/semconv/scgen"
)

//go:embed offline.yaml
var offlineTable []byte

// Versions pinned below the ones the builder manifest lists, because the
// listed version is refused here; each still builds with the release
// (shared/DESIGN.md §3).
var pins = map[string]string{
	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/routingconnector": "v0.149.0",
	"github.com/open-telemetry/opentelemetry-collector-contrib/extension/pprofextension":   "v0.155.0",
	"go.opentelemetry.io/collector/receiver/nopreceiver":                                   "v0.155.0",
}

func main() {
	out := flag.String("out", "zz_generated.go", "file to write")
	release := flag.String("release", "v0.158.0", "contrib release to describe")
	parallel := flag.Int("parallel", 4, "concurrent module downloads")
	flag.Parse()
	if err := run(*out, *release, *parallel); err != nil {
		fmt.Fprintln(os.Stderr, "gen/catalog:", err)
		os.Exit(1)
	}
}

func run(out, release string, parallel int) error {
	start := time.Now()
	table, err := catgen.ParseTable(offlineTable)
	if err != nil {
		return err
	}
	res, err := catgen.Run(context.Background(), catgen.Options{
		Release:       release,
		ContribModule: "github.com/open-telemetry/opentelemetry-collector-contrib",
		Pins:          pins,
		Table:         table,
		Parallel:      parallel,
		// The otel-go module the semconv generator reads: components
		// refer to semantic-conventions keys through its packages.
		SemconvModule:  scgen.GoModule,
		SemconvVersion: scgen.GoVersion,
	})
	if err != nil {
		return err
	}
	src, err := catgen.Render(res)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen/catalog: wrote %s: %d components in %s\n", out, len(res.Reads), time.Since(start).Round(time.Millisecond))
	return nil
}

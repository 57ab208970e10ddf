// Command refcol writes the OpenTelemetry Collector Builder manifest of the
// reference collector from the same inputs as internal/components (go.mod,
// the catalog, internal/components/dropped.tsv), so that both hold one
// component set. scripts/refcol/build.sh runs it and then the builder; it is
// never run in CI.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/gen/components/compgen"
)

func main() {
	out := flag.String("out", "", "manifest to write (stdout when empty)")
	outputPath := flag.String("output-path", "/work/refcol/build", "directory the builder writes the distribution sources to")
	dropped := flag.String("dropped", "internal/components/dropped.tsv", "table of modules left out")
	stable := flag.String("stable", "v1.64.0", "stable (v1.x) release of the confmap providers")
	flag.Parse()
	if err := run(*out, *outputPath, *dropped, *stable); err != nil {
		fmt.Fprintln(os.Stderr, "gen/refcol:", err)
		os.Exit(1)
	}
}

func run(out, outputPath, droppedPath, stable string) error {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("go", "mod", "edit", "-json", strings.TrimSpace(string(gomod)))
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod edit -json: %w: %s", err, stderr.String())
	}
	req, err := compgen.ParseGoMod(data)
	if err != nil {
		return err
	}
	f, err := os.Open(droppedPath)
	if err != nil {
		return err
	}
	defer f.Close()
	dropped, err := compgen.ParseDropped(f)
	if err != nil {
		return fmt.Errorf("%s: %w", droppedPath, err)
	}
	plan, err := compgen.Decide(catalog.Default(), req, dropped)
	if err != nil {
		return err
	}
	manifest := compgen.Manifest(plan, stable, outputPath)
	if out == "" {
		_, err = os.Stdout.WriteString(manifest)
		return err
	}
	return os.WriteFile(out, []byte(manifest), 0o644)
}

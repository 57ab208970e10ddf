// Command schema generates the CUE definitions of package schema (run it
// with `go generate ./schema`): components/<class>/<type>.cue for every
// catalog component whose module has a config.schema.yaml, shared/<name>.cue
// for the config packages they refer to, shared/types.cue, and zz_index.go.
// A hand-kept overlays/<class>_<type>.cue is appended to that component's
// Deps in the index; the generator never writes overlays.
// handkept/*.schema.yaml are hand-kept schemas of packages that components
// refer to but whose module has no config.schema.yaml (see handKeptFiles).
// It reads the pinned module zips through the Go module proxy.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/gen/schema/schemagen"
)

// handKeptFiles maps "package@version" to its hand-kept schema, read only
// where that module zip has no config.schema.yaml for the package. Each one
// is written from the Go types of exactly that version (its header says
// which files); the generator fails when one goes unused.
var handKeptFiles = map[string]string{
	"github.com/open-telemetry/opentelemetry-collector-contrib/internal/healthcheck@v0.158.0": "handkept/internal_healthcheck.schema.yaml",
}

//go:embed handkept/*.schema.yaml
var handKeptFS embed.FS

// handKept reads the hand-kept schemas for schemagen.Options.HandKept.
func handKept() (map[string]schemagen.HandKept, error) {
	out := map[string]schemagen.HandKept{}
	for key, file := range handKeptFiles {
		data, err := handKeptFS.ReadFile(file)
		if err != nil {
			return nil, err
		}
		out[key] = schemagen.HandKept{File: file, Data: data}
	}
	return out, nil
}

func main() {
	dir := flag.String("dir", ".", "the schema package directory")
	parallel := flag.Int("parallel", 8, "concurrent module downloads")
	flag.Parse()
	if err := run(*dir, *parallel); err != nil {
		fmt.Fprintln(os.Stderr, "gen/schema:", err)
		os.Exit(1)
	}
}

func run(dir string, parallel int) error {
	start := time.Now()
	overlays, err := schemagen.Overlays(os.DirFS(dir))
	if err != nil {
		return err
	}
	hk, err := handKept()
	if err != nil {
		return err
	}
	res, err := schemagen.Generate(context.Background(), schemagen.Options{Catalog: catalog.Default(), Parallel: parallel, Overlays: overlays, HandKept: hk})
	if err != nil {
		return err
	}
	// Remove generated files that are no longer produced.
	for _, sub := range []string{"components", "shared"} {
		root := filepath.Join(dir, sub)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".cue") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			if _, ok := res.Files[filepath.ToSlash(rel)]; !ok {
				return os.Remove(p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var names []string
	for n := range res.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, res.Files[n], 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz_index.go"), res.Index, 0o644); err != nil {
		return err
	}
	shared := 0
	for _, n := range names {
		if strings.HasPrefix(n, "shared/") {
			shared++
		}
	}
	fmt.Fprintf(os.Stderr, "gen/schema: %d components with a schema, %d unchecked, %d shared files, %d modules read, in %s\n",
		len(res.Components), len(res.Unchecked), shared, len(res.Modules), time.Since(start).Round(time.Millisecond))
	return nil
}

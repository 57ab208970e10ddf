// Command schema generates the CUE definitions of package schema (run it
// with `go generate ./schema`): components/<class>/<type>.cue for every
// catalog component whose module has a config.schema.yaml, shared/<name>.cue
// for the config packages they refer to, shared/types.cue, and zz_index.go.
// A hand-kept overlays/<class>_<type>.cue is appended to that component's
// Deps in the index; the generator never writes overlays.
// It reads the pinned module zips through the Go module proxy.
package main

import (
	"context"
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
	res, err := schemagen.Generate(context.Background(), schemagen.Options{Catalog: catalog.Default(), Parallel: parallel, Overlays: overlays})
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

package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/gen/agreement/agreegen"
)

type verdictOptions struct {
	dir, bin, table, skip string
	start                 time.Duration
	netns                 bool
	runs                  int
}

type row struct {
	file, verdict, message, start string
	varies                        bool
}

// noStart lists processors whose Start reads the host or calls out
// (Kubernetes API, cloud metadata endpoints): their configs are validated
// but never started here.
var noStart = map[string]string{
	"k8s_attributes":     "starts a Kubernetes API client",
	"k8sattributes":      "starts a Kubernetes API client",
	"resource_detection": "queries the host and cloud metadata endpoints",
	"resourcedetection":  "queries the host and cloud metadata endpoints",
}

func verdicts(ctx context.Context, o verdictOptions) error {
	files, err := corpusFiles(o.dir, o.skip)
	if err != nil {
		return err
	}
	bin, err := filepath.Abs(o.bin)
	if err != nil {
		return err
	}
	r := agreegen.Runner{Bin: bin, NetNS: o.netns}
	rows := make([]row, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	errs := make(chan error, len(files))
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rw, err := judge(ctx, r, o, files[i])
				if err != nil {
					errs <- err
				}
				rows[i] = rw
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return writeTable(o.table, rows)
}

func judge(ctx context.Context, r agreegen.Runner, o verdictOptions, rel string) (row, error) {
	path, err := filepath.Abs(filepath.Join(o.dir, rel))
	if err != nil {
		return row{}, err
	}
	valid, msg, err := r.Validate(ctx, path)
	if err != nil {
		return row{}, err
	}
	rw := row{file: rel, verdict: "valid"}
	if !valid {
		rw.verdict, rw.message = "invalid", msg
		for i := 1; i < o.runs; i++ {
			_, again, err := r.Validate(ctx, path)
			if err != nil {
				return row{}, err
			}
			if again != msg {
				rw.varies = true
			}
		}
		return rw, nil
	}
	if o.start <= 0 {
		return rw, nil
	}
	startable, why, err := startable(path)
	if err != nil {
		return row{}, err
	}
	switch {
	case why != "":
		rw.start = "not-started: " + why
	case startable:
		ok, msg, err := r.Start(ctx, path, o.start)
		if err != nil {
			return row{}, err
		}
		rw.start = "starts"
		if !ok {
			rw.start = "start-fails: " + msg
		}
	}
	return rw, nil
}

// startable reports whether a config is worth starting: it has processors
// or connectors, and its only receivers and exporters are nop ones (so
// starting opens nothing). why is set for processors that are never started.
func startable(path string) (ok bool, why string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, "", err
	}
	var cfg map[string]map[string]any
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return false, "", nil // not a mapping of sections: nothing to start
	}
	for _, sec := range []string{"receivers", "exporters"} {
		for id := range cfg[sec] {
			if typ, _, _ := strings.Cut(id, "/"); typ != "nop" {
				return false, "", nil
			}
		}
	}
	if len(cfg["extensions"]) > 0 || len(cfg["processors"])+len(cfg["connectors"]) == 0 {
		return false, "", nil
	}
	for id := range cfg["processors"] {
		typ, _, _ := strings.Cut(id, "/")
		if w, ok := noStart[typ]; ok {
			return false, w, nil
		}
	}
	return true, "", nil
}

func corpusFiles(dir, skip string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() && skip != "" && rel == skip {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func writeTable(path string, rows []row) error {
	var b strings.Builder
	b.WriteString("file\tverdict\tmessage\tstart\n")
	counts := map[string]int{}
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", r.file, r.verdict, r.message, r.start)
		counts[r.verdict]++
		if strings.HasPrefix(r.start, "start-fails") {
			counts["start-fails"]++
		}
		if r.varies {
			fmt.Fprintf(os.Stderr, "message varies between runs: %s\n", r.file)
		}
	}
	fmt.Printf("%d configs: %d valid (%d fail to start), %d invalid\n", len(rows), counts["valid"], counts["start-fails"], counts["invalid"])
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

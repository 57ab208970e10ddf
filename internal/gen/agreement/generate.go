package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/components"
	"github.com/otelcfg/otelcfg/internal/gen/agreement/agreegen"
)

// generate rewrites the per-class directories of dir (handwritten/ and the
// verdict table are left alone).
func generate(dir string) error {
	comps, err := compiled()
	if err != nil {
		return err
	}
	for _, class := range catalog.Classes {
		if err := os.RemoveAll(filepath.Join(dir, string(class))); err != nil {
			return err
		}
	}
	written := map[string]bool{}
	counts := map[catalog.Class]int{}
	var without []string
	for _, c := range comps {
		files, err := agreegen.ConfigTestFiles(c.Dir)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Module, err)
		}
		n := 0
		for _, rel := range files {
			k, err := wrapFile(dir, c, rel, written)
			if err != nil {
				return err
			}
			n += k
		}
		if n == 0 {
			without = append(without, string(c.Class)+"/"+c.Type)
		}
		counts[c.Class] += n
	}
	total := 0
	for _, class := range catalog.Classes {
		fmt.Printf("%s: %d configs\n", class.Section(), counts[class])
		total += counts[class]
	}
	fmt.Printf("total: %d configs from %d components; no config test data: %v\n", total, len(comps), without)
	return nil
}

func wrapFile(dir string, c agreegen.Component, rel string, written map[string]bool) (int, error) {
	data, err := os.ReadFile(filepath.Join(c.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return 0, err
	}
	entries, err := agreegen.Extract(c, data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "skip %s@%s %s: %v\n", c.Module, c.Version, rel, err)
		return 0, nil
	}
	for _, e := range entries {
		src := agreegen.Source{Module: c.Module, Version: c.Version, File: rel, Key: e.FileKey}
		out, err := agreegen.Wrap(c, src, e)
		if err != nil {
			return 0, fmt.Errorf("%s %s: %w", c.Module, rel, err)
		}
		name := agreegen.FileName(c, src, e)
		if written[name] {
			return 0, fmt.Errorf("%s written twice", name)
		}
		written[name] = true
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			return 0, err
		}
	}
	return len(entries), nil
}

// compiled lists the compiled-in components with their module directory,
// deprecated alias, catalog signals and default config keys.
func compiled() ([]agreegen.Component, error) {
	facts, err := components.Factories()
	if err != nil {
		return nil, err
	}
	mods := components.Modules()
	paths := make([]string, len(mods))
	for i, m := range mods {
		paths[i] = m.Path
	}
	dirs, err := moduleDirs(paths)
	if err != nil {
		return nil, err
	}
	cat := catalog.Default()
	var out []agreegen.Component
	for _, m := range mods {
		fac := components.Lookup(facts, m.Class, m.Type)
		if fac == nil {
			return nil, fmt.Errorf("%s %s: no factory", m.Class, m.Type)
		}
		keys, err := defaultKeys(fac)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", m.Class, m.Type, err)
		}
		comp, _ := cat.Lookup(m.Class, m.Type)
		c := agreegen.Component{Class: m.Class, Type: m.Type, Module: m.Path, Version: m.Version, Dir: dirs[m.Path], Keys: keys, Stability: comp.Stability}
		if a, ok := components.DeprecatedAlias(fac); ok {
			c.Aliases = []string{a.String()}
		}
		if c.Dir == "" {
			return nil, fmt.Errorf("%s: not in the module cache", m.Path)
		}
		out = append(out, c)
	}
	return out, nil
}

// defaultKeys are the top-level keys of the factory's default config as
// confmap marshals it (as the collector would print it).
func defaultKeys(f component.Factory) (map[string]bool, error) {
	conf := confmap.New()
	if err := conf.Marshal(f.CreateDefaultConfig()); err != nil {
		return nil, fmt.Errorf("marshal default config: %w", err)
	}
	keys := map[string]bool{}
	for k := range conf.ToStringMap() {
		keys[k] = true
	}
	return keys, nil
}

// moduleDirs asks the go command where the modules are (the module cache,
// at the versions go.mod and go.sum pin).
func moduleDirs(paths []string) (map[string]string, error) {
	sort.Strings(paths)
	cmd := exec.Command("go", append([]string{"list", "-m", "-json"}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m: %w: %s", err, stderr.String())
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct{ Path, Dir string }
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		dirs[m.Path] = m.Dir
	}
	return dirs, nil
}

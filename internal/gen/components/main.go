// Command components generates internal/components/zz_factories.go: the
// factory of every catalog component whose module go.mod requires at the
// catalog's release. Run it with `go generate ./internal/components`. It reads
// go.mod with `go mod edit -json` (no network) and the dropped table, which
// gives the reason for every catalog module left out.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/gen/components/compgen"
)

func main() {
	out := flag.String("out", "zz_factories.go", "file to write")
	dropped := flag.String("dropped", "dropped.tsv", "table of modules left out, with reasons")
	flag.Parse()
	if err := run(*out, *dropped); err != nil {
		fmt.Fprintln(os.Stderr, "gen/components:", err)
		os.Exit(1)
	}
}

func run(out, droppedPath string) error {
	gomod, err := goModPath()
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "mod", "edit", "-json", gomod)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod edit -json %s: %w: %s", gomod, err, strings.TrimSpace(stderr.String()))
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
	src, err := compgen.Render(plan)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}

// goModPath finds the main module's go.mod the way the go command does.
func goModPath() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	p := strings.TrimSpace(string(b))
	if p == "" || p == os.DevNull {
		return "", fmt.Errorf("not inside a module")
	}
	return filepath.Clean(p), nil
}

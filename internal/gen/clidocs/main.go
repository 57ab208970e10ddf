// Command clidocs writes the command reference, docs/cli/*.md, from the
// cobra command tree (github.com/spf13/cobra/doc), and man pages with -man.
//
//	go run ./internal/gen/clidocs                    # docs/cli/*.md
//	go run ./internal/gen/clidocs -out '' -man man -version 1.2.3   # man pages only (release)
//
// The tree is built by package main of cmd/otelcfg, which Go cannot import,
// so clidocs runs that package's TestCLIDocs with OTELCFG_CLIDOCS_OUT and
// OTELCFG_CLIDOCS_MAN naming where to write. The same test, run normally,
// fails when docs/cli is stale. Keeping the generator in a test also keeps
// cobra/doc and go-md2man out of the otelcfg binary.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	out := flag.String("out", "docs/cli", "directory for the Markdown reference (empty: none)")
	man := flag.String("man", "", "directory for man pages (empty: none)")
	ver := flag.String("version", "", "otelcfg version named in the man pages' footer (default dev)")
	flag.Parse()
	if *out == "" && *man == "" {
		fmt.Fprintln(os.Stderr, "clidocs: nothing to write: give -out or -man")
		os.Exit(2)
	}
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestCLIDocs$", "github.com/otelcfg/otelcfg/cmd/otelcfg")
	cmd.Env = append(os.Environ(), "OTELCFG_CLIDOCS_OUT="+abs(*out), "OTELCFG_CLIDOCS_MAN="+abs(*man), "OTELCFG_CLIDOCS_VERSION="+*ver)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "clidocs:", err)
		os.Exit(1)
	}
}

func abs(dir string) string {
	if dir == "" {
		return ""
	}
	a, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "clidocs:", err)
		os.Exit(2)
	}
	return a
}

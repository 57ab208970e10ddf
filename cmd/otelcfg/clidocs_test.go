package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/cli/rendercli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// cliDocsDir holds the generated command reference.
var cliDocsDir = filepath.Join("..", "..", "docs", "cli")

// docsTree is the command tree the reference documents: otelcfg's, with
// each forwarding command replaced by the companion program's own (from
// its declarations, without the code that does the work), so that the
// pages of render, convert, simulate, test and synth show their real
// flags and subcommands.
func docsTree() (*cobra.Command, error) {
	io, _, _, _ := iostreams.Test()
	root := newRootCmd(io)
	companions := map[string]*cobra.Command{
		cli.RenderProgram:    rendercli.NewRootCmd(io, version, rendercli.Run{}),
		cli.CollectorProgram: collectorcli.NewRootCmd(io, version, collectorcli.Run{}),
	}
	for _, stub := range root.Commands() {
		program, ok := stub.Annotations[programAnnotation]
		if !ok {
			continue
		}
		var real *cobra.Command
		if c := companions[program]; c != nil {
			real, _, _ = c.Find([]string{stub.Name()})
		}
		if real == nil || real.Name() != stub.Name() {
			return nil, fmt.Errorf("otelcfg %s forwards to %s, which has no %s command", stub.Name(), program, stub.Name())
		}
		if real.Short != stub.Short {
			return nil, fmt.Errorf("otelcfg %s: the help line %q differs from %s's %q", stub.Name(), stub.Short, program, real.Short)
		}
		real.Parent().RemoveCommand(real)
		real.Long += "\n\nRuns in the " + program + " program, found next to otelcfg or on PATH."
		root.RemoveCommand(stub)
		root.AddCommand(real)
	}
	return root, nil
}

// writeCLIDocs renders the command tree as Markdown (one file per command)
// into dir, and as man pages into manDir when it is not empty. It lives in
// a test file so that cobra/doc is not linked into the otelcfg binary.
func writeCLIDocs(dir, manDir string) error {
	root, err := docsTree()
	if err != nil {
		return err
	}
	root.DisableAutoGenTag = true // no date: the files must be reproducible
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		return err
	}
	if manDir == "" {
		return nil
	}
	if err := os.MkdirAll(manDir, 0o755); err != nil {
		return err
	}
	// The date comes from SOURCE_DATE_EPOCH when set (the release sets it to
	// the commit's time), the version from clidocs -version.
	v := version
	if ev := os.Getenv("OTELCFG_CLIDOCS_VERSION"); ev != "" {
		v = ev
	}
	return doc.GenManTree(root, &doc.GenManHeader{Title: "OTELCFG", Section: "1", Source: "otelcfg " + v, Manual: "otelcfg manual"}, manDir)
}

// TestCLIDocs fails when docs/cli is not what the command tree renders.
// `go run ./internal/gen/clidocs` (or OTELCFG_UPDATE=1 go test ./cmd/otelcfg)
// rewrites it; clidocs sets OTELCFG_CLIDOCS_OUT and OTELCFG_CLIDOCS_MAN to
// choose where this test writes instead of comparing.
func TestCLIDocs(t *testing.T) {
	if out := os.Getenv("OTELCFG_CLIDOCS_OUT"); out != "" || os.Getenv("OTELCFG_CLIDOCS_MAN") != "" {
		if out != "" {
			if err := clearMarkdown(out); err != nil {
				t.Fatal(err)
			}
		}
		if err := writeCLIDocs(orTemp(t, out), os.Getenv("OTELCFG_CLIDOCS_MAN")); err != nil {
			t.Fatal(err)
		}
		return
	}
	if os.Getenv("OTELCFG_UPDATE") != "" {
		if err := clearMarkdown(cliDocsDir); err != nil {
			t.Fatal(err)
		}
		if err := writeCLIDocs(cliDocsDir, ""); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	if err := writeCLIDocs(tmp, ""); err != nil {
		t.Fatal(err)
	}
	want, got := readMarkdown(t, tmp), readMarkdown(t, cliDocsDir)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("docs/cli/%s is missing", name)
		} else if g != w {
			t.Errorf("docs/cli/%s is stale", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("docs/cli/%s documents no command", name)
		}
	}
	if t.Failed() {
		t.Log("regenerate with: go run ./internal/gen/clidocs")
	}
}

func orTemp(t *testing.T, dir string) string {
	if dir == "" {
		return t.TempDir()
	}
	return dir
}

// clearMarkdown removes the generated files from dir, so that a removed
// command loses its page.
func clearMarkdown(dir string) error {
	files, _ := filepath.Glob(filepath.Join(dir, "otelcfg*.md"))
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}

func readMarkdown(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(data)
	}
	return out
}

// Command rulesdoc writes docs/rules.md from the rule registry.
// Run it with `go generate ./...` (see internal/lint/rules/gen.go).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/otelcfg/otelcfg/internal/lint/ruledoc"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

func main() {
	out := flag.String("out", "docs/rules.md", "file to write")
	flag.Parse()
	var b bytes.Buffer
	if err := ruledoc.Markdown(&b, rules.All()); err != nil {
		fmt.Fprintln(os.Stderr, "rulesdoc:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "rulesdoc:", err)
		os.Exit(1)
	}
}

// Package scgen is the core of the semantic-conventions generator
// (internal/gen/semconv): it reads the pinned otel-go semconv packages and
// the pinned npm package and renders the registry. See the generator's
// package doc for which source decides what.
package scgen

import (
	"context"
	"fmt"

	"github.com/otelcfg/otelcfg/internal/gen/modzip"
)

// GoModuleDir downloads the pinned otel-go module (from the module cache
// when it is there) and returns its extracted directory, after checking both
// the h1: hash the go command reports and one recomputed over the files.
func GoModuleDir(ctx context.Context) (string, error) {
	d, err := modzip.GoModDownload(ctx, GoModule, GoVersion)
	if err != nil {
		return "", err
	}
	if d.Error != "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", GoModule, GoVersion, d.Error)
	}
	if d.Sum != GoSum {
		return "", fmt.Errorf("%s@%s changed: go mod download reports %s, pinned %s", GoModule, GoVersion, d.Sum, GoSum)
	}
	got, err := HashDir(d.Dir, GoModule+"@"+GoVersion)
	if err != nil {
		return "", err
	}
	if got != GoSum {
		return "", fmt.Errorf("%s: files hash to %s, pinned %s (module cache modified?)", d.Dir, got, GoSum)
	}
	return d.Dir, nil
}

// Output is what one generation produces.
type Output struct {
	Go, CUE []byte
	Stats   Stats
}

// Generate builds both files from the extracted otel-go module directory and
// the npm data.
func Generate(goDir string, npm *NPMData) (*Output, error) {
	pkgs, err := ReadGoModule(goDir)
	if err != nil {
		return nil, err
	}
	attrs, st, err := Build(pkgs, npm)
	if err != nil {
		return nil, err
	}
	src, err := RenderGo(attrs, st)
	if err != nil {
		return nil, err
	}
	return &Output{Go: src, CUE: RenderCUE(attrs, st), Stats: st}, nil
}

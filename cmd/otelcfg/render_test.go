package main

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func TestRenderMissingBinary(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	err := runRender(&RenderOptions{IO: io, Args: []string{"helm", "x.yaml"}, Lookup: func() (string, error) { return "", errors.New("not found") }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("want exit 2, got %v", err)
	}
	if !strings.Contains(errOut.String(), "go install github.com/otelcfg/otelcfg/cmd/otelcfg-render@") {
		t.Errorf("message does not say how to install: %q", errOut)
	}
}

func TestRenderForwardsExitCode(t *testing.T) {
	sh := "/bin/sh"
	if _, err := os.Stat(sh); err != nil {
		t.Skip("no /bin/sh")
	}
	io, _, out, _ := iostreams.Test()
	// sh -c 'echo $0; exit 3' forwards the args it is given.
	err := runRender(&RenderOptions{IO: io, Args: []string{"-c", "echo forwarded $0; exit 3", "helm"}, Lookup: func() (string, error) { return sh, nil }})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 3 {
		t.Fatalf("want exit 3, got %v", err)
	}
	if got := out.String(); got != "forwarded helm\n" {
		t.Errorf("stdout %q", got)
	}
}

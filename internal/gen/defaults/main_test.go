package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otelcfg/otelcfg/internal/components"
)

// TestCommittedMatchesGenerator: internal/defaults/zz_generated.go is what
// the generator writes from the compiled-in factories (no network needed).
// Run `go generate ./internal/defaults` when it fails.
func TestCommittedMatchesGenerator(t *testing.T) {
	got, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "defaults", "zz_generated.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/defaults/zz_generated.go is stale: run `go generate ./internal/defaults`")
	}
	again, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Error("two runs of the generator differ")
	}
	if n := strings.Count(string(got), "{Class: "); n != len(components.Modules()) {
		t.Errorf("%d components in the file, %d compiled in", n, len(components.Modules()))
	}
}

// TestOptionalSections: a section that is off by default is listed as null,
// with the defaults it gets when written empty (the otlp receiver's grpc);
// a section whose defaults are all zero is not expanded.
func TestOptionalSections(t *testing.T) {
	facs, err := components.Factories()
	if err != nil {
		t.Fatal(err)
	}
	f := components.Lookup(facs, "receiver", "otlp")
	ss, err := defaultsOf(f)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range ss {
		got[s.path] = s.value
	}
	for path, want := range map[string]string{
		"protocols.grpc":          "null",
		"protocols.grpc.endpoint": `"localhost:4317"`,
		"protocols.http":          "null",
		"protocols.http.endpoint": `"localhost:4318"`,
	} {
		if got[path] != want {
			t.Errorf("%s = %q, want %q", path, got[path], want)
		}
	}
	for path := range got {
		if strings.HasPrefix(path, "protocols.grpc.tls") {
			t.Errorf("%s: the all-zero tls section was expanded", path)
		}
	}
}

func TestDurationText(t *testing.T) {
	for in, want := range map[string]string{"200ms": "200ms", "1m0s": "1m", "1h0m0s": "1h", "1h30m0s": "1h30m", "0s": "0s", "1m30s": "1m30s"} {
		d, err := time.ParseDuration(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := durationText(d); got != want {
			t.Errorf("durationText(%s) = %q, want %q", in, got, want)
		}
	}
}

// Command semconv generates the semantic-conventions registry otelcfg's lint
// rules check attribute keys against: internal/semconv/zz_generated.go (a
// sorted Go table) and schema/semconv/registry.cue (the same rows as CUE
// data). Run it with `go generate ./internal/semconv`.
//
// # Inputs and which one decides what
//
// Two pinned inputs, both read only here; otelcfg itself works offline:
//
//   - The Go module go.opentelemetry.io/otel v1.47.0 (h1: hash pinned) and
//     its packages semconv/v1.4.0 … semconv/v1.43.0, parsed with go/parser.
//   - The npm package @opentelemetry/semantic-conventions 1.45.0 (sha512
//     integrity pinned), fetched with `npm pack` and read with archive/tar.
//
// The otel-go packages are primary. The newest one, semconv/v1.43.0, fixes
// the release the registry describes (Version) and is the source for every
// attribute it declares: the key, the value type (its "Type:" line, checked
// against the typed helper or the enum constants: Key.Int, Key.StringSlice,
// …), the stability (its "Stability:" line, which distinguishes
// release_candidate from development where npm only says @experimental), the
// enum members (XxxKey.String("…") constants) and template attributes
// (attribute.String("prefix."+key, …)). They are typed Go source produced by
// the same weaver templates for every release, so types come from code, not
// prose. Every older package adds Since (the first package that declares a
// key), the type of keys the newest package dropped, and Scope: the packages
// up to v1.25.0 declare resource attributes in resource.go and span
// attributes in trace.go, the only place either input says which is which.
//
// The npm package is secondary. Since v1.26.0 the Go packages drop
// deprecated attributes, so they cannot say that http.method was replaced by
// http.request.method; the npm package keeps deprecated attributes with an
// @deprecated note ("Replaced by `http.request.method`."). From it come:
// Deprecated and Note (the prose, verbatim on one line), Replacement (only
// the attribute names that prose quotes in backticks and that name a
// registry attribute or an instance of a template attribute; nothing is
// inferred), the briefs (the Go comments only paraphrase them), and the
// attributes the Go packages lack. It follows a newer semconv release than
// semconv/v1.43.0, so those rows are marked Source "npm", and a deprecation
// npm records for a key v1.43.0 still declares is kept.
//
// Keys only older Go packages declare (neither semconv/v1.43.0 nor npm) are
// kept as deprecated without replacement (Source "otel-go-old"): the Go
// README says a key that left the packages is deprecated or removed.
//
// # Reproducibility
//
// The generator fails if the module's h1: hash (reported by the go command
// and recomputed over the extracted files) or the tarball's integrity differ
// from the pins. The part of the tarball it uses is written to
// npm-semantic-conventions-1.45.0.json beside this file, whose sha256 is
// pinned too; -offline generates from that file instead of calling npm. The
// tests in scgen regenerate both outputs from the module (module cache or
// proxy) and the derived file and compare them byte for byte, and re-extract
// the derived file from the tarball when npm is available.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/otelcfg/otelcfg/internal/gen/semconv/scgen"
)

func main() {
	outGo := flag.String("out", "zz_generated.go", "Go table to write")
	outCUE := flag.String("cue", "../../schema/semconv/registry.cue", "CUE registry to write")
	derived := flag.String("npm-derived", "../gen/semconv/"+scgen.NPMDerivedFile, "derived npm file to write (or, with -offline, read)")
	tarball := flag.String("npm-tarball", "", "read this .tgz instead of running `npm pack` (integrity still checked)")
	offline := flag.Bool("offline", false, "read the committed derived npm file instead of the tarball")
	flag.Parse()
	if err := run(*outGo, *outCUE, *derived, *tarball, *offline); err != nil {
		fmt.Fprintln(os.Stderr, "gen/semconv:", err)
		os.Exit(1)
	}
}

func run(outGo, outCUE, derived, tarball string, offline bool) error {
	start := time.Now()
	ctx := context.Background()
	var npm *scgen.NPMData
	if offline {
		b, err := os.ReadFile(derived)
		if err != nil {
			return err
		}
		if npm, err = scgen.LoadNPMDerived(b); err != nil {
			return err
		}
	} else {
		var tgz []byte
		var err error
		if tarball != "" {
			tgz, err = os.ReadFile(tarball)
		} else {
			tgz, err = scgen.NPMPack(ctx)
		}
		if err != nil {
			return err
		}
		if npm, err = scgen.ExtractNPM(tgz); err != nil {
			return err
		}
		b, err := scgen.MarshalNPM(npm)
		if err != nil {
			return err
		}
		if err := writeFile(derived, b); err != nil {
			return err
		}
		if got := scgen.SHA256(b); got != scgen.NPMDerivedSHA256 {
			return fmt.Errorf("wrote %s with sha256 %s, pinned %s: the extract changed; review the diff and update NPMDerivedSHA256 in internal/gen/semconv/scgen/pins.go", derived, got, scgen.NPMDerivedSHA256)
		}
	}
	goDir, err := scgen.GoModuleDir(ctx)
	if err != nil {
		return err
	}
	out, err := scgen.Generate(goDir, npm)
	if err != nil {
		return err
	}
	if err := errors.Join(writeFile(outGo, out.Go), writeFile(outCUE, out.CUE)); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen/semconv: %s in %s\n", out.Stats, time.Since(start).Round(time.Millisecond))
	return nil
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

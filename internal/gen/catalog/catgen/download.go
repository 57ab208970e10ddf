package catgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// Download is what `go mod download -json` reports for one module version.
type Download struct {
	Path    string
	Version string
	Dir     string // extracted module, read-only
	Sum     string // h1: hash of the module zip
	Error   string // set when the module could not be downloaded
}

// Downloader fetches one module version. A refusal (the proxy has no such
// version) is reported in Download.Error, not as an error; err is for
// failures to run the download at all.
type Downloader func(ctx context.Context, path, version string) (Download, error)

// GoModDownload runs `go mod download -json path@version` outside any module,
// so the caller's go.mod is never touched. Checksum-database look-ups are
// skipped for the OpenTelemetry module paths, some of which the database has
// no entry for; the h1: hash of every zip read is recorded in the generated
// output instead.
func GoModDownload(ctx context.Context, path, version string) (Download, error) {
	dir, err := os.MkdirTemp("", "catgen-")
	if err != nil {
		return Download{}, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", path+"@"+version)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GO111MODULE=on",
		"GOWORK=off",
		"GOFLAGS=-mod=mod",
		"GONOSUMDB="+joinEnv(os.Getenv("GONOSUMDB"), "github.com/open-telemetry,go.opentelemetry.io"),
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var d Download
	if err := json.Unmarshal(stdout.Bytes(), &d); err != nil {
		if runErr != nil {
			return Download{}, fmt.Errorf("go mod download %s@%s: %w: %s", path, version, runErr, strings.TrimSpace(stderr.String()))
		}
		return Download{}, fmt.Errorf("go mod download %s@%s: bad JSON: %w", path, version, err)
	}
	if d.Error == "" && runErr != nil {
		d.Error = strings.TrimSpace(stderr.String())
		if d.Error == "" {
			d.Error = runErr.Error()
		}
	}
	if d.Error == "" && (d.Dir == "" || d.Sum == "") {
		return Download{}, fmt.Errorf("go mod download %s@%s: no Dir or Sum in output", path, version)
	}
	if d.Path == "" {
		d.Path, d.Version = path, version
	}
	return d, nil
}

func joinEnv(a, b string) string {
	if a == "" {
		return b
	}
	return a + "," + b
}

var (
	reHTTPStatus = regexp.MustCompile(`\b([45]\d\d [A-Z][A-Za-z ]+)`)
)

// Reason shortens a download error to a stable, environment-free phrase for
// the generated file's comment (paths, hosts and cache directories vary from
// machine to machine).
func Reason(err string) string {
	switch {
	case strings.Contains(err, "403 Forbidden"):
		return "module proxy: 403 Forbidden (version not available)"
	case strings.Contains(err, "git ls-remote"), strings.Contains(err, "unrecognized import path"):
		return "not on the module proxy; direct fetch from the origin failed"
	}
	if m := reHTTPStatus.FindStringSubmatch(err); m != nil {
		return "module proxy: " + strings.TrimSpace(m[1])
	}
	first, _, _ := strings.Cut(err, "\n")
	if i := strings.LastIndex(first, ": "); i >= 0 {
		first = first[i+2:]
	}
	if len(first) > 100 {
		first = first[:100] + "…"
	}
	return first
}

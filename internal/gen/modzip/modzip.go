// Package modzip downloads pinned Go module versions with the go command
// (`go mod download -json`) for the generators under internal/gen, and reads
// what they need from the extracted module: files and go.mod requirements.
package modzip

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
)

// Download is what `go mod download -json` reports for one module version.
type Download struct {
	Path    string
	Version string
	Dir     string // extracted module, read-only
	GoMod   string // the module's go.mod file
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
// no entry for; generators record the h1: hash of every zip they read in
// their output instead.
func GoModDownload(ctx context.Context, path, version string) (Download, error) {
	dir, err := os.MkdirTemp("", "modzip-")
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

var reHTTPStatus = regexp.MustCompile(`\b([45]\d\d [A-Z][A-Za-z ]+)`)

// Reason shortens a download error to a stable, environment-free phrase for
// a generated file's comment (paths, hosts and cache directories vary from
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

// Cache memoizes a Downloader: each module version is downloaded once, also
// when several goroutines ask for it at the same time.
type Cache struct {
	dl Downloader
	mu sync.Mutex
	m  map[string]*entry
}

type entry struct {
	once sync.Once
	d    Download
	err  error
}

// NewCache wraps dl (GoModDownload if nil).
func NewCache(dl Downloader) *Cache {
	if dl == nil {
		dl = GoModDownload
	}
	return &Cache{dl: dl, m: map[string]*entry{}}
}

// Get downloads path@version, or returns the earlier result.
func (c *Cache) Get(ctx context.Context, path, version string) (Download, error) {
	k := path + "@" + version
	c.mu.Lock()
	e, ok := c.m[k]
	if !ok {
		e = &entry{}
		c.m[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.d, e.err = c.dl(ctx, path, version) })
	return e.d, e.err
}

// Requires parses the require directives of a go.mod file into module path
// -> version. Replace directives are ignored: they point at sibling
// directories of the upstream repository, and a build that depends on the
// module uses the required versions.
func Requires(gomod []byte) map[string]string {
	req := map[string]string{}
	inBlock := false
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case inBlock && f[0] == ")":
			inBlock = false
		case inBlock && len(f) >= 2:
			req[f[0]] = f[1]
		case f[0] == "require" && len(f) == 2 && f[1] == "(":
			inBlock = true
		case f[0] == "require" && len(f) >= 3:
			req[f[1]] = f[2]
		}
	}
	return req
}

// ModulePath returns the module directive of a go.mod file.
func ModulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// CompareVersions compares two semantic versions of the form vMAJOR.MINOR.PATCH
// with an optional pre-release suffix (pseudo-versions included): -1, 0 or +1.
func CompareVersions(a, b string) int {
	pa, pra := splitVersion(a)
	pb, prb := splitVersion(b)
	for i := 0; i < 3; i++ {
		if pa[i] != pb[i] {
			if pa[i] < pb[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case pra == prb:
		return 0
	case pra == "":
		return 1
	case prb == "":
		return -1
	case pra < prb:
		return -1
	}
	return 1
}

func splitVersion(v string) ([3]int, string) {
	var n [3]int
	v = strings.TrimPrefix(v, "v")
	v, _, _ = strings.Cut(v, "+")
	core, pre, _ := strings.Cut(v, "-")
	for i, p := range strings.SplitN(core, ".", 3) {
		fmt.Sscanf(p, "%d", &n[i])
	}
	return n, pre
}

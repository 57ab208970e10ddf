package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// The seed's two configs, migrated by `otelcfg lint --fix`: the copies
// re-typed in testdata/seed and the blog post's configs as published
// (Korean comments included) in testdata/seed-blog. Their fixed text is
// pinned in <file>.golden next to each; testdata/seed/refcol.golden records
// what the reference collector said about them (scripts/seedfix-refcol.sh).
var (
	seedDirs  = []string{filepath.Join("..", "..", "testdata", "seed"), filepath.Join("..", "..", "testdata", "seed-blog")}
	seedFiles = []string{"gateway-values.yaml", "sidecar-cr.yaml"}
	refcolLog = filepath.Join("..", "..", "testdata", "seed", "refcol.golden")
)

// fixSeed copies dir's seed files into a temporary directory, runs
// `otelcfg lint --fix` on the copies and returns their paths.
func fixSeed(t *testing.T, dir string) []string {
	t.Helper()
	tmp := t.TempDir()
	var paths []string
	for _, f := range seedFiles {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, f)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	io, _, stdout, stderr := iostreams.Test()
	if code := run(io, append([]string{"lint", "--no-settings", "--fix"}, paths...)); code != 0 {
		t.Fatalf("otelcfg lint --fix: exit %d, errors left:\n%s%s", code, stdout, stderr)
	}
	return paths
}

// TestSeedFix: --fix leaves no error in either seed config, the result is
// the golden, linting it again finds no error and fixes nothing, and every
// comment survives except those on the entries the fixes delete.
func TestSeedFix(t *testing.T) {
	for _, dir := range seedDirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			paths := fixSeed(t, dir)
			for i, p := range paths {
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join(dir, seedFiles[i]+".golden")
				if os.Getenv("OTELCFG_UPDATE") != "" {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (OTELCFG_UPDATE=1 writes it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: fixed text differs from %s (OTELCFG_UPDATE=1 rewrites it):\n%s", seedFiles[i], golden, got)
				}
				orig, _ := os.ReadFile(filepath.Join(dir, seedFiles[i]))
				checkComments(t, seedFiles[i], orig, got)
			}
			io, _, stdout, _ := iostreams.Test()
			if code := run(io, append([]string{"lint", "--no-settings", "--fix", "--diff"}, paths...)); code != 0 || stdout.Len() > 0 {
				t.Errorf("the fixed files: exit %d, left to fix:\n%s", code, stdout)
			}
		})
	}
}

// droppedComments are the seed's comments that sit on what --fix deletes:
// the loki exporter's default_labels_enabled and the processors that only
// set loki.* hints (the blog's "# ..." inside processors: goes with them).
var droppedComments = map[string]bool{
	"# exporter, job, instance, level": true,
	"# attribute 추가 프로세스":              true,
	"# insert, update, upsert,":        true,
	"# default value is json":          true,
	"# resource 추가 프로세스":               true,
	"# ...":                            true,
}

var commentRE = regexp.MustCompile(`(^|\s)(#.*)$`)

func comments(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if m := commentRE.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, strings.TrimSpace(m[2]))
		}
	}
	return out
}

// checkComments requires the comments of fixed to be those of orig, in
// order, less only droppedComments, and every Korean comment of orig that
// is not dropped to be there.
func checkComments(t *testing.T, name string, orig, fixed []byte) {
	t.Helper()
	want := comments(orig)
	got := comments(fixed)
	j := 0
	for _, c := range want {
		if j < len(got) && got[j] == c {
			j++
			continue
		}
		if !droppedComments[c] {
			t.Errorf("%s: comment %q lost", name, c)
		}
	}
	if j != len(got) {
		t.Errorf("%s: comments out of order or added: %q", name, got[j:])
	}
	hangul := func(cs []string, skipDropped bool) int {
		n := 0
		for _, c := range cs {
			if strings.ContainsFunc(c, func(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }) && !(skipDropped && droppedComments[c]) {
				n++
			}
		}
		return n
	}
	if got, want := hangul(got, false), hangul(want, true); got != want {
		t.Errorf("%s: %d Korean comments left, want %d", name, got, want)
	}
}

// collectorConfigs returns what the collector runs for the fixed seed
// files: the gateway's config as the chart model renders it from the
// values, and the sidecar's spec.config string as the operator passes it.
func collectorConfigs(t *testing.T, paths []string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range paths {
		docs, err := config.LoadFile(p, config.Options{})
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %v", p, err)
		}
		d := docs[0]
		switch d.Kind {
		case config.KindHelmValues:
			res, err := chart.Render(d.Source, p)
			if err != nil || res.Config == nil {
				t.Fatalf("%s: chart model: %v", p, err)
			}
			data, err := yaml.Marshal(res.Config.Plain())
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(p)] = data
		case config.KindOperatorCR:
			out[filepath.Base(p)] = []byte(d.Source.Get("spec").Get("config").Value)
		default:
			t.Fatalf("%s: unexpected kind %s", p, d.Kind)
		}
	}
	return out
}

// refcolEntry is one record of testdata/seed/refcol.golden.
type refcolEntry struct{ name, sum, status string }

var refcolHeadRE = regexp.MustCompile(`^## (\S+) sha256:([0-9a-f]{64}) (exit \d+)$`)

// TestSeedFixValidatedByCollector checks the record of the reference
// collector's verdicts against the configs --fix makes today: every one
// recorded, with exit 0, for the same text (its SHA-256), and the fixed
// gateway's logs delivered to Loki's OTLP path. Rerun
// scripts/seedfix-refcol.sh when the fixes change.
func TestSeedFixValidatedByCollector(t *testing.T) {
	data, err := os.ReadFile(refcolLog)
	if err != nil {
		t.Fatalf("%v (run scripts/seedfix-refcol.sh)", err)
	}
	recorded := map[string]refcolEntry{}
	for _, line := range strings.Split(string(data), "\n") {
		if m := refcolHeadRE.FindStringSubmatch(line); m != nil {
			recorded[m[1]] = refcolEntry{m[1], m[2], m[3]}
		}
	}
	if !strings.Contains(string(data), "\n## delivery: the stand-in for Loki received POST /otlp/v1/logs (application/x-protobuf) carrying the log line: true\n") {
		t.Errorf("%s does not record the fixed gateway's logs reaching Loki's OTLP path (run scripts/seedfix-refcol.sh)", refcolLog)
	}
	for _, dir := range seedDirs {
		for name, cfg := range collectorConfigs(t, fixSeed(t, dir)) {
			key := filepath.Base(dir) + "/" + name
			e, ok := recorded[key]
			switch {
			case !ok:
				t.Errorf("%s: not in %s (run scripts/seedfix-refcol.sh)", key, refcolLog)
			case e.sum != fmt.Sprintf("%x", sha256.Sum256(cfg)):
				t.Errorf("%s: %s recorded another text than --fix makes now (run scripts/seedfix-refcol.sh)", key, refcolLog)
			case e.status != "exit 0":
				t.Errorf("%s: the reference collector refused it (%s): see %s", key, e.status, refcolLog)
			}
		}
	}
}

// TestRecordSeedFixCollector runs the reference collector's validate on
// the fixed seed configs and writes testdata/seed/refcol.golden. It runs
// only when OTELCFG_REFCOL names the collector (scripts/seedfix-refcol.sh),
// never in CI. The collector gets a scrubbed environment with MY_POD_IP
// set, as the chart's pod template sets it.
func TestRecordSeedFixCollector(t *testing.T) {
	bin := os.Getenv("OTELCFG_REFCOL")
	if bin == "" {
		t.Skip("OTELCFG_REFCOL is not set (scripts/seedfix-refcol.sh sets it)")
	}
	version, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# `%s validate --config FILE` on the seed configs after `otelcfg lint --fix`\n", filepath.Base(bin))
	fmt.Fprintf(&b, "# (%s), environment: MY_POD_IP=10.0.0.1 only. Written by\n", strings.TrimSpace(string(version)))
	b.WriteString("# scripts/seedfix-refcol.sh; checked by TestSeedFixValidatedByCollector.\n")
	b.WriteString("# The gateway is the config the chart model renders from the values; the sidecar\n# is the CR's spec.config string. Before --fix, both were refused (see the end).\n")
	b.WriteString("# Last, the collector runs the fixed gateway's logs pipeline with otlp_http/loki\n# pointed at a local stand-in for Loki (same path) and one log record is sent to it.\n")
	tmp := t.TempDir()
	validate := func(cfg []byte) (string, string) {
		f := filepath.Join(tmp, "config.yaml")
		if err := os.WriteFile(f, cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "validate", "--config", f)
		cmd.Env = []string{"MY_POD_IP=10.0.0.1"}
		out, err := cmd.CombinedOutput()
		status := "exit 0"
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			status = fmt.Sprintf("exit %d", ee.ExitCode())
		} else if err != nil {
			t.Fatal(err)
		}
		return status, strings.ReplaceAll(string(out), f, "config.yaml")
	}
	var before []string
	for _, dir := range seedDirs {
		orig := map[string][]byte{}
		var origPaths []string
		for _, f := range seedFiles {
			origPaths = append(origPaths, filepath.Join(dir, f))
		}
		for name, cfg := range collectorConfigs(t, origPaths) {
			orig[name] = cfg
		}
		fixed := collectorConfigs(t, fixSeed(t, dir))
		for _, name := range seedFiles {
			cfg := fixed[name]
			status, out := validate(cfg)
			fmt.Fprintf(&b, "\n## %s/%s sha256:%x %s\n%s", filepath.Base(dir), name, sha256.Sum256(cfg), status, out)
			fmt.Fprintf(&b, "the config validated:\n%s", indent(cfg))
			st, _ := validate(orig[name])
			before = append(before, fmt.Sprintf("# before --fix: %s/%s: %s", filepath.Base(dir), name, st))
		}
	}
	b.WriteString("\n" + strings.Join(before, "\n") + "\n")
	fixed := collectorConfigs(t, fixSeed(t, seedDirs[0]))
	fmt.Fprintf(&b, "\n## delivery: %s\n", deliverToLoki(t, bin, fixed["gateway-values.yaml"]))
	if err := os.WriteFile(refcolLog, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s:\n%s", refcolLog, b.String())
}

func indent(b []byte) string {
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		out.WriteString(strings.TrimRight("    "+l, " ") + "\n")
	}
	return out.String()
}

// deliverToLoki runs the collector with the logs pipeline of the fixed
// gateway config (its processors and its otlp_http/loki exporter, whose
// endpoint keeps the path --fix derived but points at a local stand-in for
// Loki), sends one log record to an OTLP/HTTP receiver and says what the
// stand-in received.
func deliverToLoki(t *testing.T, bin string, gateway []byte) string {
	t.Helper()
	var cfg map[string]any
	if err := yaml.Unmarshal(gateway, &cfg); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	loki := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("Content-Encoding") == "gzip" {
			if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
				body, _ = io.ReadAll(zr)
			}
		}
		select {
		case got <- fmt.Sprintf("the stand-in for Loki received %s %s (%s) carrying the log line: %v",
			r.Method, r.URL.Path, r.Header.Get("Content-Type"), bytes.Contains(body, []byte("seed log line"))):
		default:
		}
	}))
	defer loki.Close()
	exp := cfg["exporters"].(map[string]any)["otlp_http/loki"].(map[string]any)
	u, err := url.Parse(exp["endpoint"].(string))
	if err != nil {
		t.Fatal(err)
	}
	exp["endpoint"] = loki.URL + u.Path
	logs := cfg["service"].(map[string]any)["pipelines"].(map[string]any)["logs"].(map[string]any)
	port := freePort(t)
	run := map[string]any{
		"receivers":  map[string]any{"otlp": map[string]any{"protocols": map[string]any{"http": map[string]any{"endpoint": "127.0.0.1:" + port}}}},
		"processors": cfg["processors"],
		"exporters":  map[string]any{"otlp_http/loki": exp},
		"service": map[string]any{
			"telemetry": map[string]any{"metrics": map[string]any{"level": "none"}},
			"pipelines": map[string]any{"logs": map[string]any{"receivers": []any{"otlp"}, "processors": logs["processors"], "exporters": []any{"otlp_http/loki"}}},
		},
	}
	data, err := yaml.Marshal(run)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "run.yaml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "--config", f)
	cmd.Env = []string{"MY_POD_IP=127.0.0.1"}
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	record := `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},"scopeLogs":[{"logRecords":[{"body":{"stringValue":"seed log line"}}]}]}]}`
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Post("http://127.0.0.1:"+port+"/v1/logs", "application/json", strings.NewReader(record))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the collector's receiver did not take the log (%v); its output:\n%s", err, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	select {
	case s := <-got:
		return s
	case <-time.After(30 * time.Second):
		t.Fatalf("nothing reached the stand-in for Loki; the collector's output:\n%s", out.String())
	}
	return ""
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

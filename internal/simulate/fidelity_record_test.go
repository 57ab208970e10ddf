package simulate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// TestRecordFidelityFixtures runs every fidelity case through a real
// collector and writes what its exporters wrote under expected/NAME/. It
// runs only when OTELCFG_FIDELITY_COLLECTOR names the collector (a build
// with otlp_json_file, the file exporter and every processor and
// connector simulate has, at the pinned versions): record.sh runs it, CI
// never does (CI has no collector; the fixtures are committed).
// OTELCFG_FIDELITY_CASES, a regular expression, limits the cases.
//
// The recipe (DESIGN.md §10): each receiver of a pipeline of signal S is
// an otlp_json_file receiver reading the case's S recording from the
// beginning; each exporter in a pipeline of signal S is a file exporter
// writing JSON to NAME/<exporter>.<S>.jsonl; processors and connectors are
// the case's; the collector runs until its output stops growing (or for
// the case's collector.run), then gets SIGTERM.
func TestRecordFidelityFixtures(t *testing.T) {
	bin := os.Getenv("OTELCFG_FIDELITY_COLLECTOR")
	if bin == "" {
		t.Skip("OTELCFG_FIDELITY_COLLECTOR is not set (record.sh sets it)")
	}
	only := regexp.MustCompile(os.Getenv("OTELCFG_FIDELITY_CASES"))
	for _, c := range fidelityCases(t) {
		if !only.MatchString(c.Name) {
			continue
		}
		t.Run(c.Name, func(t *testing.T) { recordCase(t, bin, c) })
	}
}

func recordCase(t *testing.T, bin string, c *fidelityCase) {
	work := t.TempDir()
	cfg, err := collectorConfig(c, work)
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(work, "config.yaml")
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "out")
	// The file exporter creates its file, not the directory.
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command(bin, "--config", cfgPath)
	// A scrubbed environment: the case's, nothing of this machine's.
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + work}
	for k, v := range c.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := waitForOutput(out, c.Collector.Run, exited); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("collector: %v\n%s", err, log.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("collector did not stop on SIGTERM\n%s", log.String())
	}
	if err := saveFixtures(out, fidelityPath("expected", c.Name)); err != nil {
		t.Fatal(err)
	}
}

// collectorConfig rewrites case c's config for the collector (see
// TestRecordFidelityFixtures), with its outputs under work/out.
func collectorConfig(c *fidelityCase, work string) ([]byte, error) {
	cfg, err := caseConfig(c)
	if err != nil {
		return nil, err
	}
	bySignal := map[string][]string{}
	for _, in := range c.Inputs {
		sig, err := recordingSignal(in)
		if err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(in)
		if err != nil {
			return nil, err
		}
		bySignal[sig] = append(bySignal[sig], abs)
	}
	connectors, _ := cfg["connectors"].(map[string]any)
	receivers, exporters := map[string]any{}, map[string]any{}
	service := cfg["service"].(map[string]any)
	pipelines := service["pipelines"].(map[string]any)
	for id, p := range pipelines {
		sig, _, _ := strings.Cut(id, "/")
		pm := p.(map[string]any)
		rename := func(list any, kind string) []any {
			var out []any
			fed := false
			for _, x := range list.([]any) {
				name := x.(string)
				if _, conn := connectors[name]; conn {
					out = append(out, name)
					continue
				}
				if kind == "otlp_json_file" {
					// A replay feeds a pipeline the recording once, however
					// many receivers it has: so does its first receiver.
					if fed {
						continue
					}
					fed = true
				}
				as := kind + "/" + strings.NewReplacer("/", "_").Replace(name) + "__" + sig
				if kind == "otlp_json_file" {
					receivers[as] = map[string]any{"include": bySignal[sig], "start_at": "beginning", "include_file_name": false}
				} else {
					exporters[as] = map[string]any{"path": filepath.Join(work, "out", OutputName(name, sig)), "format": "json"}
				}
				out = append(out, as)
			}
			return out
		}
		pm["receivers"] = rename(pm["receivers"], "otlp_json_file")
		pm["exporters"] = rename(pm["exporters"], "file")
	}
	cfg["receivers"], cfg["exporters"] = receivers, exporters
	delete(cfg, "extensions")
	delete(service, "extensions")
	service["telemetry"] = map[string]any{"metrics": map[string]any{"level": "none"}, "logs": map[string]any{"level": "warn"}}
	return yaml.Marshal(cfg)
}

// recordingSignal tells a recording's signal from its first line.
func recordingSignal(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := f.Read(head)
	for _, s := range []struct{ key, sig string }{{"resourceSpans", "traces"}, {"resourceMetrics", "metrics"}, {"resourceLogs", "logs"}} {
		if bytes.Contains(head[:n], []byte(s.key)) {
			return s.sig, nil
		}
	}
	return "", fmt.Errorf("%s: not OTLP JSON lines", path)
}

// waitForOutput waits until the files under dir have not grown for 3 s
// (at least 3 s in), or for run when it is set; it fails if the collector
// exits first.
func waitForOutput(dir string, run time.Duration, exited chan error) error {
	start, last, lastSize := time.Now(), time.Now(), int64(-1)
	for {
		select {
		case err := <-exited:
			return fmt.Errorf("the collector exited early: %v", err)
		case <-time.After(250 * time.Millisecond):
		}
		if run > 0 {
			if time.Since(start) >= run {
				return nil
			}
			continue
		}
		var size int64
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil {
				size += fi.Size()
			}
		}
		if size != lastSize {
			last, lastSize = time.Now(), size
		}
		if time.Since(start) > 3*time.Second && time.Since(last) > 3*time.Second {
			return nil
		}
		if time.Since(start) > 5*time.Minute {
			return fmt.Errorf("the collector's output is still growing after 5 minutes")
		}
	}
}

// saveFixtures replaces dst's fixtures with the files under src, each
// gzip-compressed.
func saveFixtures(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(src, "*.jsonl"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w := bufio.NewWriter(zw)
		w.Write(data)
		if err := w.Flush(); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)+".gz"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// The collector's config for a case: receivers become otlp_json_file per
// signal (one per receiver and signal, so a receiver in several pipelines
// still fans out; a pipeline's first receiver only), exporters file
// exporters per signal, connectors and processors stay.
func TestCollectorConfig(t *testing.T) {
	var fan *fidelityCase
	for _, c := range fidelityCases(t) {
		if c.Name == "fanout-forward" {
			fan = c
		}
	}
	out, err := collectorConfig(fan, "/w")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Receivers map[string]map[string]any `yaml:"receivers"`
		Exporters map[string]map[string]any `yaml:"exporters"`
		Service   struct {
			Pipelines map[string]map[string][]string `yaml:"pipelines"`
			Telemetry map[string]any                 `yaml:"telemetry"`
		} `yaml:"service"`
		Connectors map[string]any `yaml:"connectors"`
	}
	if err := yaml.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(fidelityPath("traces.jsonl"))
	r := cfg.Receivers["otlp_json_file/otlp__traces"]
	if len(cfg.Receivers) != 1 || fmt.Sprint(r["include"]) != "["+abs+"]" || r["start_at"] != "beginning" || r["include_file_name"] != false {
		t.Errorf("receivers %v", cfg.Receivers)
	}
	if x := cfg.Exporters["file/otlp_x__traces"]; len(cfg.Exporters) != 4 || x["path"] != "/w/out/otlp_x.traces.jsonl" || x["format"] != "json" {
		t.Errorf("exporters %v", cfg.Exporters)
	}
	p := cfg.Service.Pipelines
	if fmt.Sprint(p["traces/in"]) != "map[exporters:[forward file/otlp_in__traces] receivers:[otlp_json_file/otlp__traces]]" ||
		fmt.Sprint(p["traces/x"]) != "map[exporters:[file/otlp_x__traces] processors:[transform/x] receivers:[forward]]" {
		t.Errorf("pipelines %v", p)
	}
	if cfg.Connectors["forward"] == nil || cfg.Service.Telemetry == nil {
		t.Errorf("connectors %v telemetry %v", cfg.Connectors, cfg.Service.Telemetry)
	}
}

// A Helm values case gives the collector the config the chart renders: its
// defaults, presets and null deletions, each pipeline fed by its first
// receiver.
func TestCollectorConfigFromHelmValues(t *testing.T) {
	var helm *fidelityCase
	for _, c := range fidelityCases(t) {
		if c.Name == "helm-values" {
			helm = c
		}
	}
	out, err := collectorConfig(helm, "/w")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Receivers  map[string]any `yaml:"receivers"`
		Processors map[string]any `yaml:"processors"`
		Exporters  map[string]any `yaml:"exporters"`
		Service    struct {
			Pipelines map[string]map[string][]string `yaml:"pipelines"`
		} `yaml:"service"`
	}
	if err := yaml.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	p := cfg.Service.Pipelines
	if fmt.Sprint(p["traces"]) != "map[exporters:[file/debug__traces] processors:[memory_limiter transform/env batch] receivers:[otlp_json_file/otlp__traces]]" ||
		fmt.Sprint(p["logs"]["receivers"]) != "[otlp_json_file/otlp__logs]" || fmt.Sprint(p["metrics"]["receivers"]) != "[otlp_json_file/otlp__metrics]" {
		t.Errorf("pipelines %v", p)
	}
	if cfg.Processors["memory_limiter"] == nil || cfg.Processors["batch"] == nil || len(cfg.Receivers) != 3 {
		t.Errorf("processors %v receivers %v", cfg.Processors, cfg.Receivers)
	}
}

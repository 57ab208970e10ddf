package simulate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/config"
)

// The fidelity suite's cases (testdata/simulate/fidelity/cases.yaml says
// how they are run and compared).

type fidelityCase struct {
	Name      string
	Config    string            // path of cases/NAME.yaml
	Inputs    []string          `yaml:"inputs"` // paths
	Env       map[string]string `yaml:"env"`
	Normalise []string          `yaml:"normalise"`
	Why       string            `yaml:"why"`
	Collector struct {
		Run time.Duration `yaml:"run"`
	} `yaml:"collector"`
}

// fidelityCases reads every case, sorted by name.
func fidelityCases(t *testing.T) []*fidelityCase {
	t.Helper()
	data, err := os.ReadFile(fidelityPath("cases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opts := map[string]*fidelityCase{}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&opts); err != nil {
		t.Fatalf("cases.yaml: %v", err)
	}
	files, err := filepath.Glob(fidelityPath("cases", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*fidelityCase
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		c := opts[name]
		if c == nil {
			c = &fidelityCase{}
		}
		delete(opts, name)
		c.Name, c.Config = name, f
		for i, in := range c.Inputs {
			c.Inputs[i] = fidelityPath(filepath.FromSlash(in))
		}
		if len(c.Inputs) == 0 {
			sigs, err := fedSignals(c)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, s := range sigs {
				c.Inputs = append(c.Inputs, fidelityPath(s+".jsonl"))
			}
		}
		for _, n := range c.Normalise {
			if _, ok := normaliser(n); !ok {
				t.Fatalf("cases.yaml: %s: unknown normalise %q", name, n)
			}
		}
		out = append(out, c)
	}
	for name := range opts {
		t.Fatalf("cases.yaml: %s has no cases/%s.yaml", name, name)
	}
	return out
}

// caseConfig is the collector config of case c as a replay reads it (for
// Helm values, what the chart renders), as plain YAML values.
func caseConfig(c *fidelityCase) (map[string]any, error) {
	in, err := config.ReadInput(c.Config, nil, config.Limits{})
	if err != nil {
		return nil, err
	}
	d, err := loadDocument(in, "", c.Env)
	if err != nil {
		return nil, err
	}
	cfg, ok := d.Config.Plain().(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: the config is not a map", c.Config)
	}
	return cfg, nil
}

// fedSignals is the signals of the pipelines of c's config that have a
// receiver that is not a connector: the recordings a case reads.
func fedSignals(c *fidelityCase) ([]string, error) {
	plain, err := caseConfig(c)
	if err != nil {
		return nil, err
	}
	data, err := yaml.Marshal(plain)
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Connectors map[string]any `yaml:"connectors"`
		Service    struct {
			Pipelines map[string]struct {
				Receivers []string `yaml:"receivers"`
			} `yaml:"pipelines"`
		} `yaml:"service"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for id, p := range cfg.Service.Pipelines {
		for _, r := range p.Receivers {
			if _, conn := cfg.Connectors[r]; !conn {
				sig, _, _ := strings.Cut(id, "/")
				seen[sig] = true
			}
		}
	}
	var out []string
	for _, s := range replaySignals() {
		if seen[s] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no pipeline has a receiver")
	}
	return out, nil
}

// replayCase replays c with its outputs under dir (emptied first) and
// returns the result.
func replayCase(t *testing.T, c *fidelityCase, dir string) *Result {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	env := c.Env
	if env == nil {
		env = map[string]string{}
	}
	res, err := Run(t.Context(), Options{Config: c.Config, Inputs: c.Inputs, Env: env, OutDir: dir})
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	if len(res.Failures) > 0 {
		t.Fatalf("%s: failures %v", c.Name, res.Failures)
	}
	return res
}

// registryTypes is every compiled-in component, as "processor-TYPE" and
// "connector-TYPE", sorted.
func registryTypes() []string {
	var out []string
	for typ := range processorFactories {
		out = append(out, "processor-"+typ)
	}
	for typ := range connectorFactories {
		out = append(out, "connector-"+typ)
	}
	sort.Strings(out)
	return out
}

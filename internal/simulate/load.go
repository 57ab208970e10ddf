package simulate

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
)

// loaded is the config a replay runs: the collector config of the input's
// one document, and the environment the replay gives it.
type loaded struct {
	coll *config.Collector
	doc  *config.Document
	env  map[string]string
}

// loadConfig reads the config exactly as otelcfg lint does — the same
// reader and limits, every input kind (plain configs, Helm values with the
// chart's defaults, presets, null deletion and parent-chart values,
// OpenTelemetryCollector resources, ConfigMaps) — and refuses what lint
// rejects, with lint's findings. The replay's environment is Options.Env
// (or the process's) over the literal values of the deployment's pod
// environment (the chart's extraEnvs, a resource's spec.env).
func loadConfig(ctx context.Context, opts Options) (*loaded, error) {
	env := opts.Env
	if env == nil {
		env = processEnv()
	}
	in, err := config.ReadInput(opts.Config, opts.Stdin, config.Limits{})
	if err != nil {
		return nil, err
	}
	if err := lintGate(ctx, in, opts.Kind, env); err != nil {
		return nil, err
	}
	d, err := loadDocument(in, opts.Kind, env)
	if err != nil {
		return nil, err
	}
	if pod := podEnvValues(d); len(pod) > 0 {
		// Read again with the pod's values under the replay's own.
		for k, v := range env {
			pod[k] = v
		}
		env = pod
		if d, err = loadDocument(in, opts.Kind, env); err != nil {
			return nil, err
		}
	}
	c := config.BuildCollector(d.Config, d.ConfigPath)
	if len(c.Problems) > 0 {
		p := c.Problems[0]
		return nil, &ConfigError{Pos: p.Pos, Msg: p.Message}
	}
	if len(c.Pipelines) == 0 {
		return nil, &ConfigError{Pos: config.Pos{File: in.Name}, Msg: "no service.pipelines to replay through"}
	}
	return &loaded{coll: c, doc: d, env: env}, nil
}

func processEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// loadDocument loads in as lint does (the chart model renders Helm values)
// and returns the one document holding a collector config.
func loadDocument(in config.Input, kind config.Kind, env map[string]string) (*config.Document, error) {
	docs, err := config.LoadBytes(in.Name, in.Data, config.Options{Kind: kind, Env: env, HelmRender: chart.HelmRender})
	if err != nil {
		return nil, err
	}
	var withConfig []*config.Document
	for _, d := range docs {
		if d.Config != nil {
			withConfig = append(withConfig, d)
		}
	}
	switch len(withConfig) {
	case 1:
		return withConfig[0], nil
	case 0:
		for _, d := range docs {
			for _, p := range d.Problems {
				return nil, &ConfigError{Pos: p.Pos, Msg: p.Message}
			}
		}
		return nil, &ConfigError{Pos: config.Pos{File: in.Name}, Msg: "no collector config found"}
	}
	return nil, &ConfigError{Pos: config.Pos{File: in.Name}, Msg: fmt.Sprintf("holds %d collector configs; simulate replays one", len(withConfig))}
}

// lintGate lints in as otelcfg lint does (its settings files included;
// the schema layer: the exact layer runs the collector's own code, which
// the replay runs next) and refuses the config when lint reports an error.
func lintGate(ctx context.Context, in config.Input, kind config.Kind, env map[string]string) error {
	res, err := driver.Lint(ctx, []config.Input{in}, driver.Options{Kind: kind, Env: env})
	if err != nil {
		return err
	}
	var errs []lint.Finding
	for _, f := range res.Findings {
		if f.Severity >= lint.Error {
			errs = append(errs, f)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ConfigError{Pos: errs[0].Pos, Msg: "rejected by otelcfg lint", Findings: errs}
}

// podEnvValues is the literal values of the environment the deployment
// gives the collector's pod: Helm values' extraEnvs, an
// OpenTelemetryCollector's spec.env (a value from a secret or a field is
// not known offline and stays unset).
func podEnvValues(d *config.Document) map[string]string {
	var list *config.Node
	switch d.Kind {
	case config.KindHelmValues:
		list = d.Source.Get("extraEnvs")
	case config.KindOperatorCR:
		list = d.Source.Get("spec").Get("env")
	}
	if list == nil || list.Kind != config.SeqNode {
		return nil
	}
	out := map[string]string{}
	for _, it := range list.Items {
		name, val := it.Get("name"), it.Get("value")
		if name != nil && val != nil && name.Kind == config.ScalarNode && val.Kind == config.ScalarNode && name.Value != "" {
			out[name.Value] = val.Value
		}
	}
	return out
}

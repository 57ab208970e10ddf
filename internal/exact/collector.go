package exact

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// CollectorRunner checks configs with the user's own collector binary, any
// distribution or version: `PATH components` says which types it has, and
// `PATH validate --config FILE` checks each config. validate stops at the
// first stage that fails, so a config is validated again without the
// components that failed (up to MaxRuns times) to reach the errors behind
// them. A collector is never started: the start stage is the engine's.
type CollectorRunner struct {
	Path string
	// Catalog maps deprecated type names to their types, so that a config
	// using an alias is not taken for one the binary lacks (default: the
	// embedded catalog).
	Catalog *catalog.Catalog
	// MaxRuns bounds validate runs per config (default 4).
	MaxRuns int

	once  sync.Once
	info  Engine
	types map[string]map[string]bool
	err   error
}

// expandedEnv names the variable that carries Expanded[i] to the
// collector, which then reads it as it reads any variable.
func expandedEnv(i int) string { return "OTELCFG_EXPANDED_" + strconv.Itoa(i) }

// Check runs the collector on every config of req.
func (r *CollectorRunner) Check(ctx context.Context, req *Request) (*Response, error) {
	r.once.Do(func() { r.info, r.types, r.err = r.components(ctx) })
	if r.err != nil {
		return nil, r.err
	}
	dir, err := os.MkdirTemp("", "otelcfg-validate-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	resp := &Response{Version: ProtocolVersion, Engine: r.info}
	for i, in := range req.Configs {
		res, err := r.checkOne(ctx, filepath.Join(dir, fmt.Sprintf("config-%d.yaml", i)), in, req.FeatureGates)
		if err != nil {
			return nil, err
		}
		resp.Results = append(resp.Results, res)
	}
	return resp, nil
}

// componentsOutput is what `components` prints (otelcol's
// command_components.go).
type componentsOutput struct {
	BuildInfo struct {
		Command string `yaml:"command"`
		Version string `yaml:"version"`
	} `yaml:"buildinfo"`
	Receivers  []struct{ Name string } `yaml:"receivers"`
	Processors []struct{ Name string } `yaml:"processors"`
	Exporters  []struct{ Name string } `yaml:"exporters"`
	Connectors []struct{ Name string } `yaml:"connectors"`
	Extensions []struct{ Name string } `yaml:"extensions"`
}

func (r *CollectorRunner) components(ctx context.Context) (Engine, map[string]map[string]bool, error) {
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, r.Path, "components")
	cmd.Stdout, cmd.Stderr, cmd.Env = &out, &errOut, []string{}
	if err := cmd.Run(); err != nil {
		return Engine{}, nil, fmt.Errorf("%s components: %w: %s", r.Path, err, strings.TrimSpace(errOut.String()))
	}
	return ParseComponents(out.Bytes())
}

// ParseComponents reads the output of a collector's `components` command.
func ParseComponents(data []byte) (Engine, map[string]map[string]bool, error) {
	var co componentsOutput
	if err := yaml.Unmarshal(data, &co); err != nil {
		return Engine{}, nil, fmt.Errorf("reading the collector's components: %w", err)
	}
	if co.BuildInfo.Command == "" {
		return Engine{}, nil, fmt.Errorf("reading the collector's components: no buildinfo (is it a collector?)")
	}
	info := Engine{Name: co.BuildInfo.Command + " " + co.BuildInfo.Version, Collector: co.BuildInfo.Version, Types: map[string][]string{}}
	types := map[string]map[string]bool{}
	for kind, list := range map[string][]struct{ Name string }{
		KindReceiver: co.Receivers, KindProcessor: co.Processors, KindExporter: co.Exporters,
		KindConnector: co.Connectors, KindExtension: co.Extensions,
	} {
		types[kind] = map[string]bool{}
		for _, c := range list {
			types[kind][c.Name] = true
			info.Types[kind] = append(info.Types[kind], c.Name)
		}
		sort.Strings(info.Types[kind])
	}
	return info, types, nil
}

// compiled reports whether the binary has typ (or the type typ is a
// deprecated alias of).
func (r *CollectorRunner) compiled(kind, typ string) bool {
	if r.types[kind][typ] {
		return true
	}
	cat := r.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	c, ok := cat.Lookup(catalog.Class(kind), typ)
	return ok && r.types[kind][c.Type]
}

// checkOne validates one config until it passes, nothing more can be
// learnt, or MaxRuns.
func (r *CollectorRunner) checkOne(ctx context.Context, file string, in ConfigInput, gates []string) (Result, error) {
	res := Result{ID: in.ID}
	cfg, _ := CopyValue(in.Config).(map[string]any)
	if cfg == nil {
		cfg = map[string]any{}
	}
	env := []string{}
	for i, ev := range in.Expanded {
		if SetPath(cfg, ev.Path, "${env:"+expandedEnv(i)+"}") {
			env = append(env, expandedEnv(i)+"="+ev.Text)
		}
	}
	st := map[string]*ComponentStatus{}
	for sec, kind := range sectionKind {
		m, _ := cfg[sec].(map[string]any)
		for id := range m {
			typ, _, _ := strings.Cut(id, "/")
			status := StatusChecked
			if !r.compiled(kind, typ) {
				status = StatusNotCompiled
				removeComponent(cfg, sec, id)
			}
			st[kind+"/"+id] = &ComponentStatus{Kind: kind, ID: id, Status: status}
		}
	}
	maxRuns := r.MaxRuns
	if maxRuns <= 0 {
		maxRuns = 4
	}
	seen := map[string]bool{}
	for run := 0; run < maxRuns; run++ {
		text, err := r.validate(ctx, file, cfg, env, gates)
		if err != nil {
			return res, err
		}
		if text == "" {
			break
		}
		var failed []Error
		for _, e := range ParseCollectorError(text, cfg) {
			if e.Kind == "" && e.Stage != StageCreate {
				// The config's structure (sections, IDs, pipelines) is the
				// structural checks' to report; and once components are
				// taken out, such errors may be ours.
				continue
			}
			if k := e.Stage + "|" + e.Kind + "|" + e.ID + "|" + e.Pipeline + "|" + e.Message; !seen[k] {
				seen[k] = true
				res.Errors = append(res.Errors, e)
			}
			if e.Kind != "" && e.Kind != KindService {
				failed = append(failed, e)
			}
		}
		removed := false
		for _, e := range failed {
			if s := st[e.Kind+"/"+e.ID]; s != nil {
				s.Stages = []string{e.Stage}
			}
			removed = removeComponent(cfg, sectionOf[e.Kind], e.ID) || removed
		}
		if !removed {
			break
		}
	}
	for _, s := range st {
		if s.Status == StatusChecked && len(s.Stages) == 0 {
			s.Stages = []string{StageValidate}
		}
		res.Components = append(res.Components, *s)
	}
	sort.Slice(res.Components, func(i, j int) bool {
		a, b := res.Components[i], res.Components[j]
		return a.Kind+"/"+a.ID < b.Kind+"/"+b.ID
	})
	res.Skipped = append(res.Skipped, StageStart+": the collector binary is only validated, never started")
	return res, nil
}

// validate runs `validate` on cfg and returns its error text ("" when the
// config is valid). The environment holds only the expanded values: the
// linting machine's variables must not decide the verdict.
func (r *CollectorRunner) validate(ctx context.Context, file string, cfg map[string]any, env, gates []string) (string, error) {
	data, err := json.Marshal(cfg) // JSON is YAML
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return "", err
	}
	args := []string{"validate", "--config", "file:" + file}
	if len(gates) > 0 {
		args = append(args, "--feature-gates="+strings.Join(gates, ","))
	}
	var errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, r.Path, args...)
	cmd.Stderr, cmd.Env = &errOut, env
	err = cmd.Run()
	if err == nil {
		return "", nil
	}
	if _, ok := err.(*exec.ExitError); !ok || errOut.Len() == 0 {
		return "", fmt.Errorf("%s validate: %w: %s", r.Path, err, strings.TrimSpace(errOut.String()))
	}
	return CollectorError(errOut.String()), nil
}

// removeComponent deletes a component and every reference to it (pipelines,
// service::extensions); a pipeline left without receivers or exporters is
// deleted too.
func removeComponent(cfg map[string]any, section, id string) bool {
	m, _ := cfg[section].(map[string]any)
	if _, ok := m[id]; !ok {
		return false
	}
	delete(m, id)
	svc, _ := cfg["service"].(map[string]any)
	if svc == nil {
		return true
	}
	if section == "extensions" {
		if _, has := svc["extensions"]; has {
			svc["extensions"] = without(svc["extensions"], id)
		}
		return true
	}
	pipes, _ := svc["pipelines"].(map[string]any)
	for pid, p := range pipes {
		pm, ok := p.(map[string]any)
		if !ok {
			continue
		}
		for _, k := range []string{"receivers", "processors", "exporters"} {
			if _, has := pm[k]; has {
				pm[k] = without(pm[k], id)
			}
		}
		if empty(pm["receivers"]) || empty(pm["exporters"]) {
			delete(pipes, pid)
		}
	}
	return true
}

func without(list any, id string) any {
	l, ok := list.([]any)
	if !ok {
		return list
	}
	out := []any{}
	for _, x := range l {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func empty(list any) bool {
	l, ok := list.([]any)
	return !ok || len(l) == 0
}

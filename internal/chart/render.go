// Package chart models, offline, what the opentelemetry-collector Helm chart
// does to a values file's `config:` — default config, Helm coalescing,
// alternateConfig, internalTelemetryViaOTLP, presets, deprecated-name
// rewriting — so that the linter checks the collector config the chart will
// really render while findings still point into the values file.
package chart

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// Result is the chart's rendering of one values document.
type Result struct {
	// Config is the collector config the chart puts in its ConfigMap (nil
	// when the chart renders none, e.g. configMap.create: false).
	Config *config.Node
	Mode   string   // values.mode ("" if missing)
	Env    []string // env var names the chart's pod defines (sorted)
	// PodEnv is how the pod defines them, in the order of Env.
	PodEnv []EnvVar
	// Notes are things the model did (preset applied, alternateConfig used,
	// components renamed) or could not model, and chart checks that would
	// make `helm install` fail.
	Notes []Note
}

// Note is one remark about the rendering, placed in the values file.
type Note struct {
	Pos     config.Pos
	Message string
	// Fails is set when `helm install` (or the collector it deploys) would
	// fail; other notes say what the model did or could not model.
	Fails bool
}

// Origins given to nodes the chart adds.
const (
	OriginDefault      = "chart default"
	OriginTelemetry    = "chart internalTelemetryViaOTLP"
	originPresetPrefix = "preset "
)

type renderer struct {
	file   string
	anchor config.Pos   // values file `config` key, or document start
	user   *config.Node // values as written
	vals   *config.Node // values coalesced over the chart defaults
	mode   string
	notes  []Note
}

func (r *renderer) note(pos config.Pos, format string, args ...any) {
	if !pos.IsValid() {
		pos = r.anchor
	}
	msg := fmt.Sprintf(format, args...)
	fails := strings.HasPrefix(msg, "chart fails") || strings.HasPrefix(msg, "chart likely fails")
	r.notes = append(r.notes, Note{Pos: pos, Message: msg, Fails: fails})
}

// Render returns the collector config the chart renders from the values
// document (the whole values file as a config.Node), or nil if there is none.
// Nodes that come from the chart (default config, internalTelemetryViaOTLP)
// get an Origin ("chart default") and Pos = the position of the values file's
// `config` key (or, when absent, of the document start); nodes a preset adds
// get Origin "preset NAME" and the position of the key that enabled it. User
// nodes keep their own positions. values is not modified.
func Render(values *config.Node, file string) (*Result, error) {
	if values.IsNull() {
		return nil, nil
	}
	r := &renderer{file: file, user: values}
	r.anchor = config.Pos{File: file, Line: 1, Col: 1}
	if values.Pos.IsValid() {
		r.anchor = values.Pos
	}
	if values.Kind != config.MapNode {
		r.note(values.Pos, "values document is a %s, not a map: the chart cannot use it", values.Kind)
		return &Result{Notes: r.notes}, nil
	}
	if e := values.Entry("config"); e != nil && e.KeyPos.IsValid() {
		r.anchor = e.KeyPos
	}

	def := defaultValues()
	def.Get("config").SetOrigin(OriginDefault, r.anchor)
	// Coalesce a deep copy so the caller's tree is never modified.
	r.vals = coalesce(def, values.Clone())
	r.mode = str(values.Get("mode"))

	res := &Result{Mode: r.mode}
	res.PodEnv = r.env()
	for _, e := range res.PodEnv {
		res.Env = append(res.Env, e.Name)
	}
	r.checks()
	res.Config = r.config()
	if res.Config != nil {
		r.checkTemplates(res.Config)
	}
	res.Notes = r.notes
	return res, nil
}

func (r *renderer) on(path ...string) bool { return truthy(get(r.vals, path...)) }

// userPos is the position of the deepest key of path present in the user's values.
func (r *renderer) userPos(path ...string) config.Pos {
	pos := config.Pos{}
	n := r.user
	for _, k := range path {
		e := n.Entry(k)
		if e == nil {
			break
		}
		pos, n = e.KeyPos, e.Value
	}
	if !pos.IsValid() {
		return r.anchor
	}
	return pos
}

// EnvVar is a variable the chart's pod template defines in the collector
// container: from a pod field, a literal value, or an extraEnvs entry.
type EnvVar struct {
	Name      string
	FieldPath string       // fieldRef (downward API), or
	Value     string       // a literal value (GOMEMLIMIT), or
	Entry     *config.Node // an extraEnvs entry, as written
}

// env lists the variables the chart's pod template defines (_pod.tpl),
// sorted by name; an extraEnvs entry overrides one of the chart's.
func (r *renderer) env() []EnvVar {
	env := append([]EnvVar(nil), podEnv...)
	daemon := r.mode == "daemonset"
	if r.on("presets", "kubeletMetrics", "enabled") ||
		r.on("presets", "kubernetesAttributes", "enabled") && daemon ||
		(r.on("presets", "annotationDiscovery", "logs", "enabled") || r.on("presets", "annotationDiscovery", "metrics", "enabled")) && daemon ||
		r.on("presets", "resourceDetection", "enabled") && (r.on("presets", "resourceDetection", "k8s_api", "enabled") || r.on("presets", "resourceDetection", "k8snode", "enabled")) {
		env = append(env, presetNodeEnv...)
	}
	if r.on("useGOMEMLIMIT") && r.on("resources", "limits", "memory") {
		env = append(env, EnvVar{Name: "GOMEMLIMIT", Value: "80% of resources.limits.memory"})
	}
	if extra := get(r.vals, "extraEnvs"); extra != nil && extra.Kind == config.SeqNode {
		for _, it := range extra.Items {
			if name := str(it.Get("name")); name != "" {
				env = append(env, EnvVar{Name: name, Entry: it})
			} else {
				r.note(it.Pos, "extraEnvs entry without a name: not modelled")
			}
		}
	}
	if truthy(get(r.vals, "extraEnvsFrom")) {
		r.note(r.userPos("extraEnvsFrom"), "extraEnvsFrom imports variables from ConfigMaps/Secrets whose names cannot be known offline")
	}
	// Stable sort: for a name defined twice, the later (extraEnvs) wins,
	// as in a container whose env lists a name twice.
	sort.SliceStable(env, func(i, j int) bool { return env[i].Name < env[j].Name })
	out := env[:0]
	for _, e := range env {
		if n := len(out); n > 0 && out[n-1].Name == e.Name {
			out[n-1] = e
			continue
		}
		out = append(out, e)
	}
	return out
}

// checks reproduces the NOTES.txt checks that make the chart fail.
func (r *renderer) checks() {
	switch r.mode {
	case "daemonset", "deployment", "statefulset":
	default:
		r.note(r.userPos("mode"), "chart fails: 'mode' must be daemonset, deployment or statefulset (got %q); config rendered as for a deployment", r.mode)
	}
	if !r.on("image", "repository") {
		r.note(r.userPos("image"), "chart fails: 'image.repository' must be set")
	}
	ext := get(r.vals, "config", "service", "extensions")
	if scalarIndex(ext, "health_check") < 0 && scalarIndex(ext, "healthcheckv2") < 0 {
		r.note(r.userPos("config", "service", "extensions"), "chart fails: config.service.extensions must include health_check or healthcheckv2")
	}
	if r.on("presets", "logsCollection", "enabled") && r.on("presets", "annotationDiscovery", "logs", "enabled") {
		r.note(r.userPos("presets", "annotationDiscovery"), "chart fails: presets logsCollection and annotationDiscovery.logs are mutually exclusive")
	}
	if r.on("presets", "clusterMetrics", "enabled") && r.mode != "daemonset" && replicas(r.vals) > 1 && r.on("presets", "clusterMetrics", "disableLeaderElection") {
		r.note(r.userPos("presets", "clusterMetrics"), "chart fails: clusterMetrics with replicaCount > 1 requires leader election")
	}
	for _, sig := range []string{"traces", "metrics", "logs"} {
		if r.on("internalTelemetryViaOTLP", sig, "enabled") && !r.on("internalTelemetryViaOTLP", "endpoint") && !r.on("internalTelemetryViaOTLP", sig, "endpoint") {
			r.note(r.userPos("internalTelemetryViaOTLP", sig), "chart fails: internalTelemetryViaOTLP.%s is enabled without an endpoint", sig)
		}
	}
	// useGOMEMLIMIT without resources.limits.memory is the
	// helm-memory-limits rule's to report.
}

func replicas(vals *config.Node) int {
	n := vals.Get("replicaCount")
	if n == nil || n.Kind != config.ScalarNode {
		return 0
	}
	var f float64
	if _, err := fmt.Sscan(n.Value, &f); err != nil {
		return 0
	}
	return int(f)
}

// config builds the rendered config (_config.tpl daemonsetConfig / deploymentConfig).
func (r *renderer) config() *config.Node {
	if !r.on("configMap", "create") {
		r.note(r.userPos("configMap", "create"), "configMap.create is false: the chart renders no config and `config` takes no effect")
		return nil
	}
	if r.on("configMap", "existingName") {
		r.note(r.userPos("configMap", "existingName"), "configMap.existingName is set: the collector reads that ConfigMap, not `config`")
		return nil
	}
	var cfg *config.Node
	if alt := get(r.vals, "alternateConfig"); truthy(alt) {
		r.note(r.userPos("alternateConfig"), "alternateConfig is set: it replaces `config` and the chart's default config entirely (internalTelemetryViaOTLP is not applied; presets still are)")
		cfg = alt
	} else {
		cfg = r.vals.Get("config")
		if cfg.IsNull() {
			cfg = config.NewMap(r.anchor)
			cfg.Origin = OriginDefault
		}
		if cfg.Kind != config.MapNode {
			r.note(cfg.Pos, "config is a %s, not a map: the chart cannot render it", cfg.Kind)
			return nil
		}
		r.internalTelemetry(cfg)
	}
	if cfg.Kind != config.MapNode {
		r.note(cfg.Pos, "alternateConfig is a %s, not a map: the chart cannot render it", cfg.Kind)
		return nil
	}
	cfg = r.presets(cfg)
	if r.on("rewriteDeprecatedComponentNames") {
		r.rewriteDeprecated(cfg)
	}
	return cfg
}

// internalTelemetry applies internalTelemetryViaOTLP (baseConfig in _config.tpl).
func (r *renderer) internalTelemetry(cfg *config.Node) {
	it := r.vals.Get("internalTelemetryViaOTLP")
	if !truthy(it) {
		return
	}
	pos := r.userPos("internalTelemetryViaOTLP")
	for _, sig := range []string{"traces", "metrics", "logs"} {
		if !truthy(get(it, sig, "enabled")) {
			continue
		}
		service := cfg.Get("service")
		if service == nil || service.Kind != config.MapNode {
			r.note(pos, "chart fails: internalTelemetryViaOTLP.%s needs config.service", sig)
			continue
		}
		endpoint := str(get(it, sig, "endpoint"))
		if endpoint == "" {
			endpoint = str(it.Get("endpoint"))
		}
		headers := get(it, sig, "headers")
		if !truthy(headers) {
			headers = it.Get("headers")
		}
		var b strings.Builder
		kind, list := "processors", "batch"
		if sig == "metrics" {
			kind, list = "readers", "periodic"
		}
		fmt.Fprintf(&b, "%s:\n  %s:\n    - %s:\n        exporter:\n          otlp:\n            protocol: http/protobuf\n            endpoint: %q\n", sig, kind, list, endpoint)
		frag := mustParse(b.String())
		frag.SetOrigin(OriginTelemetry, pos)
		if truthy(headers) {
			h := headers.Clone()
			get(frag, sig, kind).Items[0].Get(list).Get("exporter").Get("otlp").Set("headers", pos, h)
		}
		tel := service.Get("telemetry")
		if sig == "metrics" {
			if rc := cfg.Get("receivers"); rc != nil {
				rc.Delete("prometheus")
			}
			if mp := get(service, "pipelines", "metrics"); truthy(mp) {
				if recv := mp.Get("receivers"); recv != nil && recv.Kind == config.SeqNode {
					for i := scalarIndex(recv, "prometheus"); i >= 0; i = scalarIndex(recv, "prometheus") {
						recv.Items = append(recv.Items[:i:i], recv.Items[i+1:]...)
					}
				}
			}
			if m := get(tel, "metrics"); m != nil {
				m.Delete("readers")
			} else {
				r.note(pos, "chart fails: internalTelemetryViaOTLP.metrics needs config.service.telemetry.metrics")
			}
		}
		service.Set("telemetry", pos, fill(tel, frag))
		r.note(pos, "internalTelemetryViaOTLP.%s applied to service.telemetry", sig)
	}
}

// checkTemplates notes Helm templates in the rendered config: the chart
// runs tpl on it, and otelcfg does not evaluate them. `{{` that does not
// look like a Helm template (OTTL, a component's own templates) is the
// helm-unescaped-template rule's to report (see Tpl).
func (r *renderer) checkTemplates(n *config.Node) {
	var walk func(n *config.Node)
	walk = func(n *config.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case config.ScalarNode:
			if n.Origin == "" && HelmTemplate(n.Value) {
				r.note(n.Pos, "the chart runs `tpl` on config: %q is a Helm template; not modelled", n.Value)
			}
		case config.MapNode:
			for _, e := range n.Entries {
				if e.Value.Origin == "" && HelmTemplate(e.Key) {
					r.note(e.KeyPos, "the chart runs `tpl` on config: key %q is a Helm template; not modelled", e.Key)
				}
				walk(e.Value)
			}
		case config.SeqNode:
			for _, it := range n.Items {
				walk(it)
			}
		}
	}
	walk(n)
}

// HelmTemplate reports whether s holds a Helm template action (that the
// chart's tpl evaluates on purpose).
func HelmTemplate(s string) bool { return Tpl(s).Kind == TplHelm }

// HelmRender is Render as the loader's config.HelmRenderer: pass it as
// config.Options.HelmRender so that Helm values are read as the chart
// renders them. Chart notes become problems under their rule's code.
func HelmRender(values *config.Node, file string) (*config.HelmResult, error) {
	res, err := Render(values, file)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return &config.HelmResult{}, nil
	}
	out := &config.HelmResult{Config: res.Config, Mode: res.Mode, Env: res.Env}
	for _, n := range res.Notes {
		code := config.CodeHelmChartNote
		if n.Fails {
			code = config.CodeHelmChartError
		}
		out.Notes = append(out.Notes, config.Problem{Code: code, Pos: n.Pos, Message: n.Message})
	}
	return out, nil
}

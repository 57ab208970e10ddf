package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
)

// HelmOptions are the choices `otelcfg render helm` exposes.
type HelmOptions struct {
	Mode      string // deployment, daemonset, statefulset; "" = choose from the components
	Release   string // Helm release name (names the Secret for undefined env)
	Namespace string
	Image     string // REPO[:TAG]; "" = choose the distribution from the catalog
	Memory    string // container memory limit, e.g. 2Gi
	Set       []string
	// Subchart writes the config as alternateConfig, which replaces the
	// chart's default config without `null` deletion (Helm does not delete
	// keys of a subchart's values with null).
	Subchart bool
	Version  string // otelcfg version for the header
	// SkipLint skips the final lint (tests round-trip configs lint rejects).
	SkipLint bool
}

// HelmResult is a values file for the opentelemetry-collector chart.
type HelmResult struct {
	Values []byte
	// Expected is the collector config the chart must render from Values:
	// the input, plus the health_check extension when it had none.
	Expected *config.Node
	Mode     string
	Notes    []Note
}

// ChartName is the chart the values are for.
const ChartName = chart.Name

// Helm generates values for the opentelemetry-collector chart that make it
// render in.Config, checks them with the chart model and the linter, and
// returns them.
func Helm(ctx context.Context, in *Input, opts HelmOptions) (*HelmResult, error) {
	if opts.Release == "" {
		opts.Release = ChartName
	}
	res := &HelmResult{}
	note := func(ns ...Note) { res.Notes = append(res.Notes, ns...) }

	expected := in.Config.Clone()
	note(ensureHealthCheck(expected)...)
	res.Expected = expected

	mode, single, ns, err := helmMode(expected, opts.Mode)
	if err != nil {
		return nil, err
	}
	note(ns...)
	res.Mode = mode

	values, ns, err := helmValues(expected, mode, single, opts)
	if err != nil {
		return nil, err
	}
	note(ns...)
	if ns, err = addExtraEnvs(values, in, opts.Release); err != nil {
		return nil, err
	}
	note(ns...)

	want := expected.Clone()
	escapeTemplates(want)
	note(tryPresets(values, want, mode)...)

	if err := applySet(values, opts.Set); err != nil {
		return nil, err
	}
	if err := verifyHelm(values, want); err != nil {
		return nil, err
	}
	if hasTemplates(expected) {
		note(notef("note", "`{{` in the config is escaped as {{\"{{\"}} because the chart runs `tpl` on it"))
	}

	doc := ToYAML(values)
	out, err := Encode(Header("Values for the "+ChartName+" Helm chart "+chart.ChartVersion, "otelcfg "+opts.Version, in.File), doc)
	if err != nil {
		return nil, err
	}
	var warns []Finding
	if !opts.SkipLint {
		if warns, err = Lint(ctx, in, "values.yaml", out, config.KindHelmValues); err != nil {
			return res, err
		}
	}
	for _, w := range warns {
		note(w.Note())
	}
	res.Values = out
	return res, nil
}

// helmMode is the chart mode: --mode when given (warning when it overrides
// what the components suggest), else the components' choice with its reason.
// single reports whether the components need exactly one replica.
func helmMode(cfg *config.Node, flag string) (mode string, single bool, notes []Note, err error) {
	mode, single, reason := ChooseMode(cfg)
	if flag == "" {
		return mode, single, []Note{notef("note", "%s", reason)}, nil
	}
	if !contains(validModes, flag) {
		return "", false, nil, Optionf("mode", "%q: the chart supports %s", flag, strings.Join(validModes, ", "))
	}
	if flag != mode {
		notes = append(notes, notef("warning", "--mode %s overrides the mode the components suggest (%s)", flag, reason))
	}
	return flag, single && flag != "daemonset", notes, nil
}

// helmValues is the values that run expected in mode: image, memory, ports
// and the config itself; env, presets and --set come after, because they
// are decided by rendering these.
func helmValues(expected *config.Node, mode string, single bool, opts HelmOptions) (*config.Node, []Note, error) {
	var notes []Note
	repo, tag := splitImage(opts.Image)
	if repo == "" {
		d, ns := ChooseImage(expected)
		notes = append(notes, ns...)
		repo, tag = d.Repository, ImageTag
	}
	memory, ns, err := Memory(expected, opts.Memory)
	if err != nil {
		return nil, nil, err
	}
	notes = append(notes, ns...)
	ls, ns := Listeners(expected)
	notes = append(notes, ns...)
	defaults, err := chartDefaultConfig()
	if err != nil {
		return nil, nil, err
	}

	values := newMap()
	values.Set("mode", config.Pos{}, str(mode))
	if opts.Namespace != "" {
		values.Set("namespaceOverride", config.Pos{}, str(opts.Namespace))
	}
	if single {
		values.Set("replicaCount", config.Pos{}, integer(1))
	}
	img := mapOf("repository", str(repo))
	if tag != "" {
		img.Set("tag", config.Pos{}, str(tag))
	}
	values.Set("image", config.Pos{}, img)
	// Keep component names as written: the input is what must be rendered.
	values.Set("rewriteDeprecatedComponentNames", config.Pos{}, boolean(false))
	values.Set("ports", config.Pos{}, helmPorts(ls))
	values.Set("useGOMEMLIMIT", config.Pos{}, boolean(memory != ""))
	if memory != "" {
		values.Set("resources", config.Pos{}, mapOf(
			"limits", mapOf("memory", str(memory)),
			"requests", mapOf("memory", str(memory))))
	}
	if opts.Subchart {
		values.Set("alternateConfig", config.Pos{}, alternateConfig(expected))
		notes = append(notes, notef("note", "the config is written as alternateConfig, which replaces the chart's default config (for use as a subchart, where `null` does not delete keys)"))
	} else {
		values.Set("config", config.Pos{}, helmConfig(expected, defaults))
	}
	return values, notes, nil
}

// alternateConfig is the `alternateConfig:` value: it replaces the chart's
// config rather than merging with it, so null sections are simply left out.
func alternateConfig(expected *config.Node) *config.Node {
	alt := expected.Clone()
	for _, e := range append([]*config.Entry(nil), alt.Entries...) {
		if e.Value.IsNull() {
			alt.Delete(e.Key)
		}
	}
	escapeTemplates(alt)
	return alt
}

// addExtraEnvs sets extraEnvs for the environment the config needs that the
// chart's pod does not define, which only a render of values can tell.
func addExtraEnvs(values *config.Node, in *Input, release string) ([]Note, error) {
	first, err := modelRender(values)
	if err != nil {
		return nil, err
	}
	specs, ns := EnvSpecs(in, UndefinedEnv(in, first.Env), chart.Fullname(release, "", "")+"-env")
	if len(specs) == 0 {
		return nil, nil
	}
	values.Set("extraEnvs", config.Pos{}, envNode(specs))
	return ns, nil
}

// verifyHelm renders values with the chart model: the chart must accept them
// and render want (the input, escaped for `tpl`) back.
func verifyHelm(values, want *config.Node) error {
	got, err := modelRender(values)
	if err != nil {
		return err
	}
	for _, n := range got.Notes {
		if n.Fails {
			return fmt.Errorf("the chart would reject the generated values: %s", n.Message)
		}
	}
	if d := Diff(want.Plain(), got.Config.Plain()); len(d) > 0 {
		return fmt.Errorf("the chart would not render the config as given (%s)", strings.Join(d, "; "))
	}
	return nil
}

func splitImage(image string) (repo, tag string) {
	if image == "" {
		return "", ""
	}
	if i := strings.LastIndex(image, ":"); i > strings.LastIndex(image, "/") {
		return image[:i], image[i+1:]
	}
	return image, ""
}

// ensureHealthCheck adds the health_check extension the chart requires
// (its probes call it) when the config has neither it nor healthcheckv2.
func ensureHealthCheck(cfg *config.Node) []Note {
	ext := get(cfg, "service", "extensions")
	for _, it := range items(ext) {
		typ, _, _ := config.SplitID(scalarString(it))
		if typ == "health_check" || typ == "healthcheckv2" {
			return nil
		}
	}
	svc := cfg.Get("service")
	if svc == nil || svc.Kind != config.MapNode {
		return nil // lint reports it
	}
	exts := cfg.Get("extensions")
	if exts == nil || exts.Kind != config.MapNode {
		exts = newMap()
		cfg.Set("extensions", config.Pos{}, exts)
	}
	if exts.Get("health_check") == nil {
		exts.Set("health_check", config.Pos{}, mapOf("endpoint", str("${env:MY_POD_IP}:13133")))
	}
	if ext == nil || ext.Kind != config.SeqNode {
		ext = &config.Node{Kind: config.SeqNode}
		svc.Set("extensions", config.Pos{}, ext)
	}
	ext.Items = append(ext.Items, str("health_check"))
	return []Note{notef("note", "added the health_check extension on ${env:MY_POD_IP}:13133: the chart requires it for the pod's liveness and readiness probes")}
}

// chartDefaultConfig is the config the chart renders when values set none.
func chartDefaultConfig() (*config.Node, error) {
	v := mapOf("mode", str("deployment"), "image", mapOf("repository", str("x")), "rewriteDeprecatedComponentNames", boolean(false))
	r, err := modelRender(v)
	if err != nil {
		return nil, err
	}
	return r.Config, nil
}

// modelRender renders values with the chart model, after a trip through
// YAML so that what is checked is what is written.
func modelRender(values *config.Node) (*chart.Result, error) {
	out, err := Encode("", ToYAML(values))
	if err != nil {
		return nil, err
	}
	docs, err := config.LoadBytes("values.yaml", out, config.Options{Kind: config.KindHelmValues})
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 || docs[0].Source == nil {
		return nil, fmt.Errorf("internal error: generated values do not parse")
	}
	r, err := chart.Render(docs[0].Source, "values.yaml")
	if err != nil {
		return nil, err
	}
	if r == nil || r.Config == nil {
		return nil, fmt.Errorf("internal error: the chart model renders no config from the generated values")
	}
	return r, nil
}

// helmConfig is the `config:` value that makes Helm's coalescing with the
// chart's default config yield cfg: defaults cfg does not have are deleted
// with null, and nulls Helm would delete are written as {}.
func helmConfig(cfg, defaults *config.Node) *config.Node {
	v := cfg.Clone()
	fixNulls(v, defaults, 0)
	addNulls(v, defaults)
	escapeTemplates(v)
	return v
}

func fixNulls(v, def *config.Node, depth int) {
	for _, e := range append([]*config.Entry(nil), v.Entries...) {
		d := def.Get(e.Key)
		switch {
		case e.Value.IsNull() && depth == 0:
			v.Delete(e.Key) // a null section is an absent one
		case e.Value.IsNull() && (d == nil || d.Kind == config.MapNode):
			e.Value = newMap() // Helm deletes a null; the collector reads it as {}
		case e.Value.Kind == config.MapNode && d != nil && d.Kind == config.MapNode:
			fixNulls(e.Value, d, depth+1)
		}
	}
}

func addNulls(v, def *config.Node) {
	for _, de := range def.Entries {
		e := v.Entry(de.Key)
		switch {
		case e == nil:
			v.Set(de.Key, config.Pos{}, null())
		case e.Value.Kind == config.MapNode && de.Value.Kind == config.MapNode:
			addNulls(e.Value, de.Value)
		}
	}
}

// escapeTemplates escapes `{{` for the chart's `tpl`.
func escapeTemplates(n *config.Node) {
	const esc = `{{"{{"}}`
	switch n.Kind {
	case config.ScalarNode:
		n.Value = strings.ReplaceAll(n.Value, "{{", esc)
	case config.MapNode:
		for _, e := range n.Entries {
			e.Key = strings.ReplaceAll(e.Key, "{{", esc)
			escapeTemplates(e.Value)
		}
	case config.SeqNode:
		for _, it := range n.Items {
			escapeTemplates(it)
		}
	}
}

func hasTemplates(n *config.Node) bool {
	switch n.Kind {
	case config.ScalarNode:
		return strings.Contains(n.Value, "{{")
	case config.MapNode:
		for _, e := range n.Entries {
			if strings.Contains(e.Key, "{{") || hasTemplates(e.Value) {
				return true
			}
		}
	case config.SeqNode:
		for _, it := range n.Items {
			if hasTemplates(it) {
				return true
			}
		}
	}
	return false
}

// helmPorts is the `ports:` value: the config's listeners enabled, the
// chart's other default ports disabled.
func helmPorts(ls []Listener) *config.Node {
	ports := newMap()
	defaults := map[string]chart.Port{}
	for _, p := range chart.DefaultPorts {
		defaults[p.Name] = p
	}
	mine := map[string]bool{}
	for _, l := range ls {
		mine[l.Name] = true
		p := mapOf("enabled", boolean(true), "containerPort", integer(l.Port), "servicePort", integer(l.Port))
		if _, ok := defaults[l.Name]; ok {
			p.Set("hostPort", config.Pos{}, integer(l.Port))
		}
		p.Set("protocol", config.Pos{}, str(l.Protocol))
		if l.AppProtocol != "" {
			p.Set("appProtocol", config.Pos{}, str(l.AppProtocol))
		}
		ports.Set(l.Name, config.Pos{}, p)
	}
	for _, d := range chart.DefaultPorts {
		if !mine[d.Name] {
			ports.Set(d.Name, config.Pos{}, mapOf("enabled", boolean(false)))
		}
	}
	return ports
}

// presetFor names the chart presets otelcfg uses, the receiver each one
// defines, and the preset's reason to exist beyond the config.
var presetFor = []struct{ preset, receiver, why string }{
	{"hostMetrics", "hostmetrics", "mounts the host file system at /hostfs"},
	{"kubeletMetrics", "kubeletstats", "creates the RBAC rules and K8S_NODE_IP the receiver needs"},
}

// tryPresets enables a preset where it renders exactly the config's own
// component (and mounts/RBAC that hand-written config cannot add), in modes
// the preset is meant for. values is modified when a preset is used.
func tryPresets(values, want *config.Node, mode string) []Note {
	var notes []Note
	modes := map[string][]string{}
	for _, p := range chart.Presets {
		modes[p.Name] = p.Modes
	}
	for _, p := range presetFor {
		cfg := values.Get("config")
		if cfg == nil {
			cfg = values.Get("alternateConfig")
		}
		if get(cfg, "receivers", p.receiver) == nil {
			continue
		}
		if !contains(modes[p.preset], mode) {
			notes = append(notes, notef("warning", "receiver %s in mode %s: the chart's %s preset (which %s) is meant for %s only, so it is not used", p.receiver, mode, p.preset, p.why, strings.Join(modes[p.preset], ", ")))
			continue
		}
		for _, strip := range []bool{false, true} {
			cand := values.Clone()
			presets := cand.Get("presets")
			if presets == nil {
				presets = newMap()
				cand.Set("presets", config.Pos{}, presets)
			}
			presets.Set(p.preset, config.Pos{}, mapOf("enabled", boolean(true)))
			if strip {
				c := cand.Get("config")
				if c == nil {
					c = cand.Get("alternateConfig")
				}
				get(c, "receivers").Delete(p.receiver)
				for _, pe := range entries(get(c, "service", "pipelines")) {
					if l := get(pe.Value, "receivers"); l != nil && l.Kind == config.SeqNode {
						kept := l.Items[:0:0]
						for _, it := range l.Items {
							if scalarString(it) != p.receiver {
								kept = append(kept, it)
							}
						}
						l.Items = kept
					}
				}
			}
			got, err := modelRender(cand)
			if err != nil || len(Diff(want.Plain(), got.Config.Plain())) > 0 {
				continue
			}
			*values = *cand
			notes = append(notes, notef("note", "preset %s replaces the hand-written %s receiver and %s", p.preset, p.receiver, p.why))
			break
		}
		if values.Get("presets") == nil || get(values, "presets", p.preset) == nil {
			notes = append(notes, notef("note", "receiver %s differs from what the chart's %s preset renders, so the preset is not used; it %s — add that yourself", p.receiver, p.preset, p.why))
		}
	}
	return notes
}

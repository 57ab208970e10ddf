// Package convert turns one collector deployment form into another: an
// OpenTelemetryCollector v1alpha1 resource into v1beta1 (comments kept), Helm
// values into a resource, a resource into Helm values, and any of them into
// a plain collector config. Like render, everything is verified (rendered
// back and compared) and linted before it is returned.
//
// It lives with the render plugin (otelcfg-render) because converting to and
// from resources uses the operator's API types (package render/operator).
package convert

import (
	"context"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

// Targets are the forms convert writes.
var Targets = []string{"v1beta1", "cr", "helm", "config"}

// Options are the choices `otelcfg convert` exposes.
type Options struct {
	To        string // v1beta1, cr, helm, config
	Name      string // resource name / Helm release ("" = from the input)
	Namespace string // "" = from the input
	Version   string // otelcfg version for the header
	// SkipLint skips the final lint (tests convert configs lint rejects).
	SkipLint bool
}

// Result is a converted document.
type Result struct {
	Output []byte
	From   string       // the input's form, for messages
	Config *config.Node // the collector config the output carries
	Notes  []render.Note
}

// Source is an input read for conversion.
type Source struct {
	File   string
	Data   []byte
	Doc    *config.Document
	Config *config.Node // the collector config the input deploys
	Form   string       // "config", "helm", "cr v1alpha1", "cr v1beta1", "configmap"
}

// Read loads the one document of data and the collector config it deploys
// (for Helm values, the config the chart renders from them).
func Read(file string, data []byte) (*Source, error) {
	docs, err := config.LoadBytes(file, data, config.Options{HelmRender: chart.HelmRender})
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%s: want one YAML document (a config, Helm values, an OpenTelemetryCollector or a ConfigMap), found %d", file, len(docs))
	}
	d := docs[0]
	for _, p := range d.Problems {
		switch {
		case p.Code.Unreadable(), p.Code == config.CodeInputSkipped, p.Code == config.CodeHelmChartError:
			return nil, fmt.Errorf("%s: %s", p.Pos, p.Message)
		}
	}
	s := &Source{File: file, Data: data, Doc: d, Config: d.Config}
	switch d.Kind {
	case config.KindConfig:
		s.Form = "config"
	case config.KindHelmValues:
		s.Form = "helm"
	case config.KindOperatorCR:
		s.Form = "cr " + strings.TrimPrefix(d.Facts["apiVersion"], "opentelemetry.io/")
	case config.KindConfigMap:
		s.Form = "configmap"
	default:
		return nil, fmt.Errorf("%s: a %s holds no collector config to convert", file, d.Kind)
	}
	if s.Config == nil || s.Config.Kind != config.MapNode {
		return nil, fmt.Errorf("%s: %s holds no collector config to convert", file, d.Name)
	}
	return s, nil
}

// Convert converts src to opts.To.
func Convert(ctx context.Context, src *Source, opts Options) (*Result, error) {
	switch opts.To {
	case "v1beta1", "cr":
		if strings.HasPrefix(src.Form, "cr ") {
			if src.Form != "cr v1alpha1" {
				return nil, render.Optionf("to", "%s: %s is already an OpenTelemetryCollector %s", opts.To, src.File, strings.TrimPrefix(src.Form, "cr "))
			}
			return alphaToBeta(ctx, src, opts)
		}
		return toCR(ctx, src, opts)
	case "helm":
		if src.Form == "helm" {
			return nil, render.Optionf("to", "helm: %s is already Helm values", src.File)
		}
		return toHelm(ctx, src, opts)
	case "config":
		return toConfig(ctx, src, opts)
	}
	return nil, render.Optionf("to", "%q: want one of %s", opts.To, strings.Join(Targets, ", "))
}

// ---- v1alpha1 → v1beta1 ---------------------------------------------------

// alphaToBeta parses the v1alpha1 string config into a YAML node tree and
// splices it under spec.config, so that the resource's other fields, its
// comments and the comments inside the config are kept.
func alphaToBeta(ctx context.Context, src *Source, opts Options) (*Result, error) {
	res := &Result{From: src.Form, Config: src.Config}
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Data, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	setScalar(root, "apiVersion", "opentelemetry.io/v1beta1")
	if opts.Name != "" {
		setScalar(child(root, "metadata"), "name", opts.Name)
	}
	if opts.Namespace != "" {
		setScalar(child(root, "metadata"), "namespace", opts.Namespace)
	}
	spec := child(root, "spec")
	cfgVal := child(spec, "config")
	if cfgVal == nil || cfgVal.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("%s: spec.config is not a string: not a v1alpha1 resource", src.File)
	}
	var inner yaml.Node
	if err := yaml.Unmarshal([]byte(cfgVal.Value), &inner); err != nil {
		return nil, fmt.Errorf("%s: spec.config: %w", src.File, err)
	}
	if len(inner.Content) != 1 || inner.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: spec.config is not a YAML map", src.File)
	}
	cfg := inner.Content[0]
	// v1beta1 validates sections as objects: a null section (`processors:`)
	// is the same as an absent one for the collector, so it is dropped.
	var dropped []string
	for i := 0; i+1 < len(cfg.Content); {
		if v := cfg.Content[i+1]; v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			dropped = append(dropped, cfg.Content[i].Value)
			if i+2 < len(cfg.Content) && cfg.Content[i].HeadComment != "" && cfg.Content[i+2].HeadComment == "" {
				cfg.Content[i+2].HeadComment = cfg.Content[i].HeadComment
			}
			cfg.Content = append(cfg.Content[:i], cfg.Content[i+2:]...)
			continue
		}
		i += 2
	}
	if len(dropped) > 0 {
		res.Notes = append(res.Notes, render.Note{Level: "note", Message: fmt.Sprintf("dropped the empty config section %s (v1beta1 wants an object; the collector reads an empty section as absent)", strings.Join(dropped, ", "))})
	}
	if inner.HeadComment != "" && cfg.HeadComment == "" {
		cfg.HeadComment = inner.HeadComment
	}
	cfg.Style = 0
	*cfgVal = *cfg

	out, err := render.Encode(render.Header("OpenTelemetryCollector (v1beta1) converted from v1alpha1", "otelcfg "+opts.Version, src.File), &doc)
	if err != nil {
		return nil, err
	}
	// Verify: the operator's v1beta1 types accept it and carry the same config.
	got, err := operator.DecodeConfig(out)
	if err != nil {
		return nil, fmt.Errorf("the converted resource does not decode into the operator's v1beta1 types (%v): fields v1alpha1 has and v1beta1 does not must be moved by hand", err)
	}
	if d := render.Diff(src.Config.Plain(), got); len(d) > 0 {
		return nil, fmt.Errorf("the converted resource would carry a different config (%s)", strings.Join(d, "; "))
	}
	if err := gate(ctx, src, res, "cr.yaml", out, config.KindOperatorCR, opts); err != nil {
		return res, err
	}
	res.Output = out
	return res, nil
}

func child(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setScalar(m *yaml.Node, key, value string) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	if v := child(m, key); v != nil {
		v.Kind, v.Tag, v.Value, v.Style = yaml.ScalarNode, "!!str", value, 0
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
}

// ---- → CR, → Helm, → config -----------------------------------------------

// input is the config src deploys; from Helm values, with the chart pod's
// env, so that a resource defines the variables as the chart's pod does.
func input(src *Source) *render.Input {
	in := &render.Input{File: src.File, Config: src.Config, Env: src.Doc.Env}
	if src.Form == "helm" {
		if r, err := chart.Render(src.Doc.Source, src.File); err == nil && r != nil {
			in.Pod = r.PodEnv
		}
	}
	return in
}

func scalarAt(n *config.Node, path ...string) string {
	for _, k := range path {
		if n == nil || n.Kind != config.MapNode {
			return ""
		}
		n = n.Get(k)
	}
	if n == nil || n.Kind != config.ScalarNode {
		return ""
	}
	return n.Value
}

// toCR places the config (for Helm values, the one the chart renders) in a
// v1beta1 OpenTelemetryCollector, with the values' mode, image, memory and
// namespace.
func toCR(ctx context.Context, src *Source, opts Options) (*Result, error) {
	o := operator.Options{API: "v1beta1", Name: opts.Name, Namespace: opts.Namespace, Version: opts.Version, SkipLint: opts.SkipLint}
	var notes []render.Note
	if src.Form == "helm" {
		v := src.Doc.Source
		o.Mode = scalarAt(v, "mode")
		if o.Namespace == "" {
			o.Namespace = scalarAt(v, "namespaceOverride")
		}
		if repo := scalarAt(v, "image", "repository"); repo != "" {
			tag := scalarAt(v, "image", "tag")
			if tag == "" {
				tag = render.ImageTag
			}
			o.Image = repo + ":" + tag
		}
		o.Memory = scalarAt(v, "resources", "limits", "memory")
		if o.Name == "" {
			if f := scalarAt(v, "fullnameOverride"); f != "" {
				o.Name = f
			}
		}
		notes = append(notes, render.Note{Level: "note", Message: "the resource carries the config the chart renders from the values (its defaults and presets included); the chart's other settings (Service, RBAC, volumes, extraEnvs the config does not use) are not converted"})
	}
	if src.Form == "configmap" && o.Namespace == "" {
		o.Namespace = scalarAt(src.Doc.Source, "metadata", "namespace")
	}
	r, err := operator.Render(ctx, input(src), o)
	res := &Result{From: src.Form, Config: src.Config}
	if r != nil {
		res.Notes = append(notes, r.Notes...)
	}
	if err != nil {
		return res, err
	}
	res.Output = r.CR
	return res, nil
}

// helmModes maps operator modes to the chart's ("" = choose).
var helmModes = map[string]string{"deployment": "deployment", "daemonset": "daemonset", "statefulset": "statefulset"}

// toHelm writes values that make the chart render the resource's config,
// with the resource's mode, image, memory, name (release) and namespace.
func toHelm(ctx context.Context, src *Source, opts Options) (*Result, error) {
	o := render.HelmOptions{Release: opts.Name, Namespace: opts.Namespace, Version: opts.Version, SkipLint: opts.SkipLint}
	res := &Result{From: src.Form, Config: src.Config}
	s := src.Doc.Source
	if strings.HasPrefix(src.Form, "cr ") || src.Form == "configmap" {
		if o.Release == "" {
			o.Release = scalarAt(s, "metadata", "name")
		}
		if o.Namespace == "" {
			o.Namespace = scalarAt(s, "metadata", "namespace")
		}
	}
	if strings.HasPrefix(src.Form, "cr ") {
		mode := scalarAt(s, "spec", "mode")
		if m, ok := helmModes[mode]; ok {
			o.Mode = m
		} else if mode != "" {
			res.Notes = append(res.Notes, render.Note{Level: "warning", Message: fmt.Sprintf("spec.mode %s has no chart equivalent: the mode is chosen from the receivers", mode)})
		}
		o.Image = scalarAt(s, "spec", "image")
		o.Memory = scalarAt(s, "spec", "resources", "limits", "memory")
		var other []string
		if env := s.Get("spec"); env != nil {
			for _, it := range itemsOf(env.Get("env")) {
				n := scalarAt(it, "name")
				if n == "" || n == "GOMEMLIMIT" {
					continue // GOMEMLIMIT follows the memory limit
				}
				if _, ok := render.PodField(n); ok {
					continue // a pod field: the chart's pod defines it, or render does
				}
				other = append(other, n)
			}
		}
		if len(other) > 0 {
			res.Notes = append(res.Notes, render.Note{Level: "warning", Message: fmt.Sprintf("spec.env %s is not copied: variables the config uses without a default go to extraEnvs from a Secret; add the others as extraEnvs by hand", strings.Join(other, ", "))})
		}
	}
	r, err := render.Helm(ctx, input(src), o)
	if r != nil {
		res.Notes = append(res.Notes, r.Notes...)
	}
	if err != nil {
		return res, err
	}
	res.Output = r.Values
	return res, nil
}

func itemsOf(n *config.Node) []*config.Node {
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	return n.Items
}

// toConfig writes the collector config the input deploys. For a resource,
// the config is taken as a YAML node tree, so its comments are kept.
func toConfig(ctx context.Context, src *Source, opts Options) (*Result, error) {
	res := &Result{From: src.Form, Config: src.Config}
	var node *yaml.Node
	if strings.HasPrefix(src.Form, "cr ") {
		var doc yaml.Node
		if err := yaml.Unmarshal(src.Data, &doc); err == nil && len(doc.Content) == 1 {
			c := child(child(doc.Content[0], "spec"), "config")
			switch {
			case c == nil:
			case c.Kind == yaml.ScalarNode:
				var inner yaml.Node
				if yaml.Unmarshal([]byte(c.Value), &inner) == nil && len(inner.Content) == 1 {
					node = inner.Content[0]
					if inner.HeadComment != "" && node.HeadComment == "" {
						node.HeadComment = inner.HeadComment
					}
				}
			case c.Kind == yaml.MappingNode:
				node = c
			}
		}
	}
	if node == nil {
		node = render.ToYAML(src.Config)
	}
	node.Style = 0
	what := "Collector config"
	switch src.Form {
	case "helm":
		what = "Collector config the " + render.ChartName + " chart renders from these values"
		if src.Doc.Source.Get("presets") != nil {
			res.Notes = append(res.Notes, render.Note{Level: "note", Message: "the config includes what the values' presets add; their mounts and RBAC are not part of a config"})
		}
	case "cr v1alpha1", "cr v1beta1":
		what = "Collector config of an OpenTelemetryCollector"
	}
	out, err := render.Encode(render.Header(what, "otelcfg "+opts.Version, src.File), node)
	if err != nil {
		return nil, err
	}
	back, err := render.Load(src.File, out)
	if err != nil {
		return nil, fmt.Errorf("internal error: the written config does not load: %w", err)
	}
	if d := render.Diff(src.Config.Plain(), back.Config.Plain()); len(d) > 0 {
		return nil, fmt.Errorf("the written config differs from the input's (%s)", strings.Join(d, "; "))
	}
	if err := gate(ctx, src, res, "config.yaml", out, config.KindConfig, opts); err != nil {
		return res, err
	}
	res.Output = out
	return res, nil
}

// gate lints out as kind (the same gate as render) and records warnings.
func gate(ctx context.Context, src *Source, res *Result, name string, out []byte, kind config.Kind, opts Options) error {
	if opts.SkipLint {
		return nil
	}
	warns, err := render.Lint(ctx, input(src), name, out, kind)
	for _, w := range warns {
		res.Notes = append(res.Notes, w.Note())
	}
	return err
}

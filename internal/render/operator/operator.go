// Package operator renders a collector config as an OpenTelemetryCollector
// resource of the OpenTelemetry operator, built from the operator's own API
// types (v1beta1 or v1alpha1), and checks that the resource decodes back
// into those types with the same config.
package operator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/open-telemetry/opentelemetry-operator/apis/v1alpha1"
	"github.com/open-telemetry/opentelemetry-operator/apis/v1beta1"
	"gopkg.in/yaml.v3"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/render"
)

// APIVersions the operator serves for OpenTelemetryCollector.
var APIVersions = []string{"v1beta1", "v1alpha1"}

// Modes the operator supports.
var Modes = []string{"deployment", "daemonset", "statefulset", "sidecar"}

// Options are the choices `otelcfg render operator` exposes.
type Options struct {
	API       string // v1beta1 or v1alpha1
	Mode      string // "" = choose from the components
	Name      string // "" = from the file name
	Namespace string
	Image     string
	Memory    string
	Version   string // otelcfg version for the header
	// SkipLint skips the final lint (tests round-trip configs lint rejects).
	SkipLint bool
}

// Result is a rendered OpenTelemetryCollector.
type Result struct {
	CR       []byte
	Expected *config.Node // the config the CR carries
	Mode     string
	Name     string // metadata.name
	Notes    []render.Note
}

// Render builds the CR for in, verifies it and lints it.
func Render(ctx context.Context, in *render.Input, opts Options) (*Result, error) {
	if opts.API != "v1beta1" && opts.API != "v1alpha1" {
		return nil, render.Optionf("api", "%q: want v1beta1 or v1alpha1", opts.API)
	}
	res := &Result{Expected: in.Config}
	note := func(ns ...render.Note) { res.Notes = append(res.Notes, ns...) }
	cfg := in.Config

	mode, single, ns, err := operatorMode(cfg, opts.Mode)
	if err != nil {
		return nil, err
	}
	note(ns...)
	res.Mode = mode

	name := opts.Name
	if name == "" {
		name = NameFromFile(in.File)
	}
	res.Name = name
	p, ns, err := newPod(in, name, single, opts)
	if err != nil {
		return nil, err
	}
	note(ns...)
	if mode == "sidecar" {
		note(render.Note{Level: "note", Message: fmt.Sprintf("sidecar mode: add the pod annotation sidecar.opentelemetry.io/inject: %q to the workloads that get this collector (applied when pods are created)", name)})
	}

	meta := metav1.ObjectMeta{Name: name, Namespace: opts.Namespace}
	obj, ns, err := newCR(cfg, opts.API, mode, meta, p)
	if err != nil {
		return nil, err
	}
	note(ns...)

	doc, err := crNode(obj, cfg, opts.API)
	if err != nil {
		return nil, err
	}
	out, err := render.Encode(render.Header("OpenTelemetryCollector ("+opts.API+")", "otelcfg "+opts.Version, in.File), doc)
	if err != nil {
		return nil, err
	}
	if err := verifyCR(out, cfg); err != nil {
		return nil, err
	}
	var warns []render.Finding
	if !opts.SkipLint {
		if warns, err = render.Lint(ctx, in, "cr.yaml", out, config.KindOperatorCR); err != nil {
			return res, err
		}
	}
	for _, w := range warns {
		note(w.Note())
	}
	res.CR = out
	return res, nil
}

// operatorMode is the operator mode: --mode when given (warning when it
// overrides a daemonset or single-replica choice of the components), else
// the components' choice with its reason. single reports whether the
// collector must run as exactly one replica.
func operatorMode(cfg *config.Node, flag string) (mode string, single bool, notes []render.Note, err error) {
	mode, single, reason := render.ChooseMode(cfg)
	if flag == "" {
		return mode, single, []render.Note{{Level: "note", Message: reason}}, nil
	}
	if !contains(Modes, flag) {
		return "", false, nil, render.Optionf("mode", "%q: the operator supports %s", flag, strings.Join(Modes, ", "))
	}
	if flag != mode && (mode == "daemonset" || single) {
		notes = append(notes, render.Note{Level: "warning", Message: fmt.Sprintf("--mode %s overrides the mode the components suggest (%s)", flag, reason)})
	}
	return flag, single && flag != "daemonset" && flag != "sidecar", notes, nil
}

// pod is the collector pod's part of the spec, the same in both API
// versions (v1alpha1 converts the ports).
type pod struct {
	image     string
	ports     []v1beta1.PortsSpec
	envs      []corev1.EnvVar
	resources corev1.ResourceRequirements
	replicas  *int32
}

// newPod chooses the pod's image, memory, ports and env from in and opts,
// in the Kubernetes types the operator embeds.
func newPod(in *render.Input, name string, single bool, opts Options) (pod, []render.Note, error) {
	var notes []render.Note
	cfg := in.Config
	p := pod{image: opts.Image}
	if p.image == "" {
		d, ns := render.ChooseImage(cfg)
		notes = append(notes, ns...)
		p.image = d.Repository + ":" + render.ImageTag
	}
	memory, ns, err := render.Memory(cfg, opts.Memory)
	if err != nil {
		return pod{}, nil, err
	}
	notes = append(notes, ns...)
	ls, ns := render.Listeners(cfg)
	notes = append(notes, ns...)
	p.ports = portsSpec(ls)
	specs, ns := render.EnvSpecs(in, render.UndefinedEnv(in, nil), name+"-env")
	notes = append(notes, ns...)
	if p.envs, err = envVars(specs); err != nil {
		return pod{}, nil, err
	}
	if memory != "" {
		q, err := resource.ParseQuantity(memory)
		if err != nil {
			return pod{}, nil, render.Optionf("memory", ": %v", err)
		}
		p.resources.Limits = corev1.ResourceList{corev1.ResourceMemory: q}
		p.resources.Requests = corev1.ResourceList{corev1.ResourceMemory: q}
		p.envs = append(p.envs, corev1.EnvVar{Name: "GOMEMLIMIT", Value: render.GoMemLimit(memory)})
	}
	if single {
		one := int32(1)
		p.replicas = &one
	}
	return p, notes, nil
}

// portsSpec is the operator's ports entries for the config's listeners.
func portsSpec(ls []render.Listener) []v1beta1.PortsSpec {
	var ports []v1beta1.PortsSpec
	for _, l := range ls {
		p := v1beta1.PortsSpec{ServicePort: corev1.ServicePort{Name: l.Name, Port: int32(l.Port), Protocol: corev1.Protocol(l.Protocol)}}
		if l.AppProtocol != "" {
			app := l.AppProtocol
			p.AppProtocol = &app
		}
		ports = append(ports, p)
	}
	return ports
}

// newCR is the typed OpenTelemetryCollector of api carrying cfg: v1beta1
// holds the config in the operator's Config type (which must accept it),
// v1alpha1 as YAML text.
func newCR(cfg *config.Node, api, mode string, meta metav1.ObjectMeta, p pod) (any, []render.Note, error) {
	cfgJSON, err := json.Marshal(cfg.Plain())
	if err != nil {
		return nil, nil, err
	}
	switch api {
	case "v1beta1":
		cr := &v1beta1.OpenTelemetryCollector{TypeMeta: metav1.TypeMeta{APIVersion: v1beta1.GroupVersion.String(), Kind: "OpenTelemetryCollector"}, ObjectMeta: meta}
		if err := json.Unmarshal(cfgJSON, &cr.Spec.Config); err != nil {
			return nil, nil, fmt.Errorf("the config does not fit the operator's v1beta1 Config type: %w", err)
		}
		cr.Spec.Mode = v1beta1.Mode(mode)
		cr.Spec.Image = p.image
		cr.Spec.Ports = p.ports
		cr.Spec.Env = p.envs
		cr.Spec.Resources = p.resources
		cr.Spec.Replicas = p.replicas
		return cr, nil, nil
	case "v1alpha1":
		text, err := configText(cfg)
		if err != nil {
			return nil, nil, err
		}
		cr := &v1alpha1.OpenTelemetryCollector{TypeMeta: metav1.TypeMeta{APIVersion: v1alpha1.GroupVersion.String(), Kind: "OpenTelemetryCollector"}, ObjectMeta: meta}
		cr.Spec.Mode = v1alpha1.Mode(mode)
		cr.Spec.Config = text
		cr.Spec.Image = p.image
		for _, pp := range p.ports {
			cr.Spec.Ports = append(cr.Spec.Ports, v1alpha1.PortsSpec{HostPort: pp.HostPort, ServicePort: pp.ServicePort})
		}
		cr.Spec.Env = p.envs
		cr.Spec.Resources = p.resources
		cr.Spec.Replicas = p.replicas
		return cr, []render.Note{{Level: "warning", Message: "v1alpha1 is deprecated; the operator stores v1beta1 (use --api v1beta1)"}}, nil
	}
	return nil, nil, fmt.Errorf("internal error: API version %q", api) // Render checked it
}

// verifyCR decodes the written CR with the operator's types: they must
// carry cfg unchanged.
func verifyCR(out []byte, cfg *config.Node) error {
	got, err := DecodeConfig(out)
	if err != nil {
		return fmt.Errorf("internal error: the generated CR does not decode into the operator types: %w", err)
	}
	if d := render.Diff(cfg.Plain(), got); len(d) > 0 {
		return fmt.Errorf("the operator types would change the config (%s)", strings.Join(d, "; "))
	}
	return nil
}

// envVars are the container env entries for specs: a pod field, a key of
// a Secret, or an entry of the input's pod (Helm extraEnvs) decoded
// strictly into the Kubernetes type.
func envVars(specs []render.EnvSpec) ([]corev1.EnvVar, error) {
	var envs []corev1.EnvVar
	for _, s := range specs {
		e := corev1.EnvVar{Name: s.Name}
		switch {
		case s.Entry != nil:
			b, err := json.Marshal(s.Entry.Plain())
			if err != nil {
				return nil, err
			}
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil {
				return nil, fmt.Errorf("%s: env entry %s is not a Kubernetes EnvVar: %w", s.Entry.Pos, s.Name, err)
			}
		case s.FieldPath != "":
			e.ValueFrom = &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: s.FieldPath}}
		default:
			e.ValueFrom = &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: s.Secret}, Key: s.Name}}
		}
		envs = append(envs, e)
	}
	return envs, nil
}

// configText is the config as YAML text, keys in input order.
func configText(cfg *config.Node) (string, error) {
	b, err := render.Encode("", render.ToYAML(cfg))
	return string(b), err
}

// DecodeConfig decodes a CR (v1beta1 or v1alpha1) into the operator's types
// and returns its collector config as plain values.
func DecodeConfig(data []byte) (any, error) {
	var head metav1.TypeMeta
	if err := sigsyaml.Unmarshal(data, &head); err != nil {
		return nil, err
	}
	var text []byte
	switch head.APIVersion {
	case v1beta1.GroupVersion.String():
		var cr v1beta1.OpenTelemetryCollector
		if err := sigsyaml.UnmarshalStrict(data, &cr); err != nil {
			return nil, err
		}
		b, err := json.Marshal(&cr.Spec.Config)
		if err != nil {
			return nil, err
		}
		text = b
	case v1alpha1.GroupVersion.String():
		var cr v1alpha1.OpenTelemetryCollector
		if err := sigsyaml.UnmarshalStrict(data, &cr); err != nil {
			return nil, err
		}
		text = []byte(cr.Spec.Config)
	default:
		return nil, fmt.Errorf("apiVersion %q is not an OpenTelemetryCollector version", head.APIVersion)
	}
	var v any
	if err := yaml.Unmarshal(text, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// crNode turns the typed CR into YAML: apiVersion, kind, metadata, spec in
// that order, empty fields and status dropped, other keys sorted, and
// spec.config (v1beta1) in the input's key order.
func crNode(obj any, cfg *config.Node, api string) (*yaml.Node, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	delete(m, "status")
	spec, _ := m["spec"].(map[string]any)
	delete(spec, "config")
	m = prune(m).(map[string]any)
	doc := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) {
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	for _, k := range []string{"apiVersion", "kind", "metadata"} {
		add(k, toNode(m[k]))
	}
	specNode := toNode(m["spec"])
	var c *yaml.Node
	if api == "v1beta1" {
		c = render.ToYAML(withoutNullSections(cfg))
	} else {
		text, err := configText(cfg)
		if err != nil {
			return nil, err
		}
		c = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text, Style: yaml.LiteralStyle}
	}
	// spec.config first: it is what the file is about.
	specNode.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Value: "config"}, c}, specNode.Content...)
	add("spec", specNode)
	return doc, nil
}

func withoutNullSections(cfg *config.Node) *config.Node {
	c := cfg.Clone()
	for _, e := range append([]*config.Entry(nil), c.Entries...) {
		if e.Value.IsNull() {
			c.Delete(e.Key)
		}
	}
	return c
}

// prune drops zero values (null, "", false, 0, {}, []) outside spec.config:
// the operator's defaults, which `kubectl get -o yaml` would not show either.
func prune(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			p := prune(e)
			if p == nil {
				delete(t, k)
			} else {
				t[k] = p
			}
		}
		if len(t) == 0 {
			return nil
		}
		return t
	case []any:
		if len(t) == 0 {
			return nil
		}
		for i, e := range t {
			t[i] = prune(e)
		}
		return t
	case string:
		if t == "" {
			return nil
		}
	case bool:
		if !t {
			return nil
		}
	case json.Number:
		if t == "0" {
			return nil
		}
	}
	return v
}

func toNode(v any) *yaml.Node {
	switch t := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, toNode(t[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range t {
			n.Content = append(n.Content, toNode(e))
		}
		return n
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(string(t), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(t)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(t)}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
}

var nonDNS = regexp.MustCompile(`[^a-z0-9-]+`)

// NameFromFile derives a resource name (DNS-1123 label) from a file name.
func NameFromFile(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	n := strings.Trim(nonDNS.ReplaceAllString(strings.ToLower(base), "-"), "-")
	if len(n) > 52 {
		n = strings.TrimRight(n[:52], "-")
	}
	if n == "" || file == "-" {
		return "otelcol"
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

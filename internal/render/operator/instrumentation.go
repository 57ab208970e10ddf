package operator

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/open-telemetry/opentelemetry-operator/apis/v1alpha1"
	"gopkg.in/yaml.v3"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/render"
)

// InstrumentationOptions say which collector an Instrumentation sends to.
type InstrumentationOptions struct {
	Name      string // collector (and Instrumentation) name
	Namespace string
	Mode      string // the collector's mode: sidecar means localhost
	File      string // source file, for the header
	Version   string // otelcfg version for the header
}

// InstrumentationResult is a rendered Instrumentation resource.
type InstrumentationResult struct {
	YAML  []byte
	Notes []render.Note
	// GRPC and HTTP are the endpoints written ("" when the config has no
	// such OTLP listener).
	GRPC, HTTP string
}

// OTLPEndpoints finds the OTLP/gRPC and OTLP/HTTP ports of the first otlp
// receiver a pipeline uses that has each (0 = none).
func OTLPEndpoints(cfg *config.Node) (grpc, http int, receiver string) {
	ls, _ := render.Listeners(cfg)
	for _, l := range ls {
		typ, _, _ := config.SplitID(l.Receiver)
		if typ != "otlp" {
			continue
		}
		if l.AppProtocol == "grpc" {
			if grpc == 0 {
				grpc = l.Port
				if receiver == "" {
					receiver = l.Receiver
				}
			}
		} else if http == 0 {
			http = l.Port
			if receiver == "" {
				receiver = l.Receiver
			}
		}
	}
	return grpc, http, receiver
}

// ServiceHost is the address pods use to reach the collector the operator
// deploys as NAME: its Service NAME-collector, or localhost for a sidecar.
func ServiceHost(name, namespace, mode string) string {
	switch {
	case mode == "sidecar":
		return "localhost"
	case namespace != "":
		return name + "-collector." + namespace + ".svc.cluster.local"
	}
	return name + "-collector"
}

// Instrumentation builds an Instrumentation resource (v1alpha1, from the
// operator's Go types) whose exporter sends to the collector running cfg:
// spec.exporter.endpoint on the OTLP/gRPC port (java, nodejs), and
// OTEL_EXPORTER_OTLP_ENDPOINT on the OTLP/HTTP port for python, dotnet and
// go. It is decoded back strictly and linted before it is returned.
func Instrumentation(ctx context.Context, cfg *config.Node, opts InstrumentationOptions) (*InstrumentationResult, error) {
	grpcPort, httpPort, recv := OTLPEndpoints(cfg)
	if grpcPort == 0 && httpPort == 0 {
		return nil, render.Optionf("instrumentation", ": the config has no otlp receiver that a pipeline uses, so auto-instrumented pods would have nothing to send to; add an otlp receiver (protocols grpc and http) to a pipeline")
	}
	res := &InstrumentationResult{}
	note := func(level, format string, args ...any) {
		res.Notes = append(res.Notes, render.Note{Level: level, Message: fmt.Sprintf(format, args...)})
	}
	host := ServiceHost(opts.Name, opts.Namespace, opts.Mode)
	if grpcPort != 0 {
		res.GRPC = fmt.Sprintf("http://%s:%d", host, grpcPort)
	}
	if httpPort != 0 {
		res.HTTP = fmt.Sprintf("http://%s:%d", host, httpPort)
	}

	inst := &v1alpha1.Instrumentation{
		TypeMeta:   metav1.TypeMeta{APIVersion: v1alpha1.GroupVersion.String(), Kind: "Instrumentation"},
		ObjectMeta: metav1.ObjectMeta{Name: opts.Name, Namespace: opts.Namespace},
	}
	spec := &inst.Spec
	spec.Propagators = []v1alpha1.Propagator{v1alpha1.TraceContext, v1alpha1.Baggage}
	spec.Sampler = v1alpha1.Sampler{Type: v1alpha1.ParentBasedAlwaysOn}
	httpEnv := func() []corev1.EnvVar {
		return []corev1.EnvVar{{Name: "OTEL_EXPORTER_OTLP_ENDPOINT", Value: res.HTTP}}
	}
	switch {
	case res.GRPC != "" && res.HTTP != "":
		spec.Exporter.Endpoint = res.GRPC
		spec.Python.Env = httpEnv()
		spec.DotNet.Env = httpEnv()
		spec.Go.Env = httpEnv()
		note("note", "Instrumentation %s: java and nodejs export to %s (OTLP/gRPC), python, dotnet and go to %s (OTLP/HTTP, set as OTEL_EXPORTER_OTLP_ENDPOINT)", opts.Name, res.GRPC, res.HTTP)
	case res.GRPC != "":
		spec.Exporter.Endpoint = res.GRPC
		note("warning", "receiver %s has no OTLP/HTTP protocol: the Instrumentation serves java and nodejs only; python, dotnet and go export OTLP over HTTP (add protocols.http to the receiver for them)", recv)
	default:
		spec.Exporter.Endpoint = res.HTTP
		proto := []corev1.EnvVar{{Name: "OTEL_EXPORTER_OTLP_PROTOCOL", Value: "http/protobuf"}}
		spec.Java.Env = proto
		spec.NodeJS.Env = proto
		note("note", "receiver %s has no OTLP/gRPC protocol: every language exports to %s, java and nodejs with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", recv, res.HTTP)
	}
	if opts.Mode == "sidecar" {
		note("note", "sidecar mode: the Instrumentation sends to localhost, the collector injected into the same pod")
	}
	note("note", "annotate pods with instrumentation.opentelemetry.io/inject-<language>: %q (java, nodejs, python, dotnet, go); go also needs instrumentation.opentelemetry.io/otel-go-auto-target-exe", opts.Name)

	doc, err := objectNode(inst)
	if err != nil {
		return nil, err
	}
	out, err := render.Encode(render.Header("Instrumentation (v1alpha1) for collector "+opts.Name, "otelcfg "+opts.Version, opts.File), doc)
	if err != nil {
		return nil, err
	}
	var back v1alpha1.Instrumentation
	if err := sigsyaml.UnmarshalStrict(out, &back); err != nil {
		return nil, fmt.Errorf("internal error: the generated Instrumentation does not decode into the operator types: %w", err)
	}
	warns, err := render.Lint(ctx, nil, "instrumentation.yaml", out, config.KindInstrumentation)
	if err != nil {
		return nil, err
	}
	for _, w := range warns {
		res.Notes = append(res.Notes, w.Note())
	}
	res.YAML = out
	return res, nil
}

// objectNode turns a typed Kubernetes object into YAML: apiVersion, kind,
// metadata, spec in that order, zero values and status dropped, other keys
// sorted.
func objectNode(obj any) (*yaml.Node, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	delete(m, "status")
	m, _ = prune(m).(map[string]any)
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range []string{"apiVersion", "kind", "metadata", "spec"} {
		if v, ok := m[k]; ok {
			doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, toNode(v))
		}
	}
	return doc, nil
}

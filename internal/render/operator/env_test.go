package operator_test

import (
	"context"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

// podEnvConfig uses the chart's variable names, a node name variable the
// k8s_attributes filter names, and one variable nothing defines.
const podEnvConfig = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: ${env:OTEL_K8S_POD_IP}:4317
processors:
  k8s_attributes:
    filter:
      node_from_env_var: THIS_NODE
  resource:
    attributes:
      - key: k8s.node.name
        value: ${env:OTEL_K8S_NODE_NAME}
        action: upsert
exporters:
  otlp_grpc:
    endpoint: backend:4317
    headers:
      x-tenant: ${env:TENANT}
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [k8s_attributes, resource]
      exporters: [otlp_grpc]
`

// TestPodFieldEnv: render operator defines the chart's pod variables and
// a node_from_env_var variable from pod fields; a Secret only for the rest.
func TestPodFieldEnv(t *testing.T) {
	in, err := render.Load("agent.yaml", []byte(podEnvConfig))
	if err != nil {
		t.Fatal(err)
	}
	res, err := operator.Render(context.Background(), in, operator.Options{API: "v1beta1", Mode: "daemonset"})
	if err != nil {
		t.Fatal(err)
	}
	var cr struct {
		Spec struct {
			Env []map[string]any
		}
	}
	if err := yaml.Unmarshal(res.CR, &cr); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range cr.Spec.Env {
		b, _ := yaml.Marshal(e["valueFrom"])
		got[e["name"].(string)] = strings.TrimSpace(string(b))
	}
	for name, want := range map[string]string{
		"OTEL_K8S_POD_IP":    "fieldRef:\n    fieldPath: status.podIP",
		"OTEL_K8S_NODE_NAME": "fieldRef:\n    fieldPath: spec.nodeName",
		"THIS_NODE":          "fieldRef:\n    fieldPath: spec.nodeName",
		"TENANT":             "secretKeyRef:\n    key: TENANT\n    name: agent-env",
	} {
		if got[name] != want {
			t.Errorf("%s: valueFrom\n%s\nwant\n%s", name, got[name], want)
		}
	}
	if len(got) != 4 {
		t.Errorf("env %v, want the 4 variables the config needs", got)
	}
}

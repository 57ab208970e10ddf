package convert_test

import (
	"context"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/render/convert"
)

// k8sAttrValues enables the kubernetesAttributes preset in daemonset mode
// (the chart's pod then also sets K8S_NODE_NAME, which the preset's filter
// names) and passes a token from a Secret through extraEnvs.
const k8sAttrValues = `mode: daemonset
image:
  repository: otel/opentelemetry-collector-k8s
presets:
  kubernetesAttributes:
    enabled: true
extraEnvs:
  - name: API_KEY
    valueFrom:
      secretKeyRef:
        name: backend-auth
        key: token
  - name: NOT_USED
    value: x
config:
  exporters:
    otlp_grpc:
      endpoint: backend:4317
      headers:
        authorization: ${env:API_KEY}
        x-tenant: ${env:TENANT}
  service:
    pipelines:
      traces:
        exporters: [otlp_grpc]
`

// TestHelmToCRKeepsPodFields: the variables the chart's pod sets from pod
// fields (the chart's defaults and the preset use them) stay fieldRefs in
// the resource, extraEnvs entries the config uses are copied as written,
// and only a variable nothing defines goes to a Secret to create.
func TestHelmToCRKeepsPodFields(t *testing.T) {
	src, err := convert.Read("values.yaml", []byte(k8sAttrValues))
	if err != nil {
		t.Fatal(err)
	}
	res, err := convert.Convert(context.Background(), src, convert.Options{To: "cr", Name: "agent"})
	if err != nil {
		t.Fatal(err)
	}
	var cr struct {
		Spec struct {
			Env []struct {
				Name      string
				Value     string
				ValueFrom struct {
					FieldRef struct {
						FieldPath string `yaml:"fieldPath"`
					} `yaml:"fieldRef"`
					SecretKeyRef struct{ Name, Key string } `yaml:"secretKeyRef"`
				} `yaml:"valueFrom"`
			}
		}
	}
	if err := yaml.Unmarshal(res.Output, &cr); err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	secrets := map[string]string{}
	for _, e := range cr.Spec.Env {
		if f := e.ValueFrom.FieldRef.FieldPath; f != "" {
			fields[e.Name] = f
		}
		if s := e.ValueFrom.SecretKeyRef; s.Name != "" {
			secrets[e.Name] = s.Name + "/" + s.Key
		}
	}
	want := map[string]string{
		"MY_POD_IP":          "status.podIP",
		"OTEL_K8S_NAMESPACE": "metadata.namespace",
		"OTEL_K8S_NODE_IP":   "status.hostIP",
		"OTEL_K8S_NODE_NAME": "spec.nodeName",
		"OTEL_K8S_POD_IP":    "status.podIP",
		"OTEL_K8S_POD_NAME":  "metadata.name",
		"K8S_NODE_NAME":      "spec.nodeName", // node_from_env_var of the preset's k8s_attributes
	}
	for name, path := range want {
		if fields[name] != path {
			t.Errorf("%s: fieldRef %q, want %q (secret %q)", name, fields[name], path, secrets[name])
		}
	}
	if len(fields) != len(want) {
		t.Errorf("fieldRefs %v, want exactly %v", fields, want)
	}
	wantSecrets := map[string]string{"API_KEY": "backend-auth/token", "TENANT": "agent-env/TENANT"}
	if len(secrets) != len(wantSecrets) {
		t.Errorf("secretKeyRefs %v, want %v", secrets, wantSecrets)
	}
	for name, ref := range wantSecrets {
		if secrets[name] != ref {
			t.Errorf("%s: secretKeyRef %q, want %q", name, secrets[name], ref)
		}
	}
	var recipe string
	for _, n := range res.Notes {
		if strings.Contains(n.Message, "kubectl create secret") {
			recipe = n.Message
		}
	}
	if !strings.Contains(recipe, "--from-literal=TENANT=...") || strings.Contains(recipe, "OTEL_K8S") || strings.Contains(recipe, "API_KEY") {
		t.Errorf("the Secret recipe should name TENANT only: %q", recipe)
	}
}

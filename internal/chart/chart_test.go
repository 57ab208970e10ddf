package chart

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

const file = "values.yaml"

// render parses values YAML (with the package's yaml.v3 converter) and renders it.
func render(t *testing.T, values string) (*config.Node, *Result) {
	t.Helper()
	v, err := parseYAML(file, strings.TrimLeft(values, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(v, file)
	if err != nil {
		t.Fatal(err)
	}
	if res == nil {
		t.Fatal("nil result")
	}
	return v, res
}

func at(t *testing.T, n *config.Node, path string) *config.Node {
	t.Helper()
	for _, k := range strings.Split(path, ".") {
		if n == nil || n.Kind != config.MapNode {
			t.Fatalf("%s: %q: not a map", path, k)
		}
		e := n.Entry(k)
		if e == nil {
			t.Fatalf("%s: no key %q", path, k)
		}
		n = e.Value
	}
	return n
}

func has(n *config.Node, path string) bool {
	for _, k := range strings.Split(path, ".") {
		if n.Entry(k) == nil {
			return false
		}
		n = n.Get(k)
	}
	return true
}

func list(n *config.Node) []string {
	var out []string
	for _, it := range n.Items {
		out = append(out, it.Value)
	}
	return out
}

func wantList(t *testing.T, cfg *config.Node, path string, want ...string) {
	t.Helper()
	if got := list(at(t, cfg, path)); !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", path, got, want)
	}
}

func hasNote(res *Result, substr string) bool {
	for _, n := range res.Notes {
		if strings.Contains(n.Message, substr) {
			return true
		}
	}
	return false
}

// dump prints a node tree with origins, for failure messages and the
// not-modified check.
func dump(n *config.Node) string {
	var b strings.Builder
	var walk func(n *config.Node, ind string)
	walk = func(n *config.Node, ind string) {
		if n == nil {
			b.WriteString("<nil>\n")
			return
		}
		switch n.Kind {
		case config.MapNode:
			b.WriteString("\n")
			for _, e := range n.Entries {
				fmt.Fprintf(&b, "%s%s@%s: ", ind, e.Key, e.KeyPos)
				walk(e.Value, ind+"  ")
			}
		case config.SeqNode:
			b.WriteString("\n")
			for _, it := range n.Items {
				fmt.Fprintf(&b, "%s- ", ind)
				walk(it, ind+"  ")
			}
		default:
			fmt.Fprintf(&b, "%s %q @%s %s\n", n.Tag, n.Value, n.Pos, n.Origin)
		}
	}
	walk(n, "")
	return b.String()
}

func TestDefaultsMerged(t *testing.T) {
	_, res := render(t, `
mode: deployment
image:
  repository: otel/opentelemetry-collector-k8s
config:
  exporters:
    otlp:
      endpoint: backend:4317
  service:
    pipelines:
      traces:
        exporters: [otlp]
`)
	cfg := res.Config
	for _, p := range []string{"processors.memory_limiter", "processors.batch", "receivers.otlp", "receivers.jaeger", "receivers.zipkin", "receivers.prometheus", "exporters.debug", "extensions.health_check", "service.telemetry.metrics.readers"} {
		if !has(cfg, p) {
			t.Errorf("default %s missing", p)
		}
	}
	if got := at(t, cfg, "processors.memory_limiter.limit_percentage").Value; got != "80" {
		t.Errorf("limit_percentage = %s", got)
	}
	wantList(t, cfg, "service.pipelines.traces.exporters", "otlp")
	wantList(t, cfg, "service.pipelines.traces.processors", "memory_limiter", "batch")
	wantList(t, cfg, "service.pipelines.traces.receivers", "otlp", "jaeger", "zipkin")
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp", "prometheus")
	wantList(t, cfg, "service.extensions", "health_check")
	if got := at(t, cfg, "extensions.health_check.endpoint").Value; got != "${env:MY_POD_IP}:13133" {
		t.Errorf("health_check endpoint = %s", got)
	}
	if len(res.Notes) != 0 {
		t.Errorf("unexpected notes: %+v", res.Notes)
	}
	if res.Mode != "deployment" {
		t.Errorf("mode = %q", res.Mode)
	}
}

func TestDefaultOriginAndPos(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
# comment
config:
  exporters:
    otlp:
      endpoint: backend:4317
`)
	cfgKey := config.Pos{File: file, Line: 4, Col: 1}
	ml := at(t, res.Config, "processors.memory_limiter")
	if ml.Origin != OriginDefault || ml.Pos != cfgKey {
		t.Errorf("memory_limiter origin %q pos %v, want %q %v", ml.Origin, ml.Pos, OriginDefault, cfgKey)
	}
	e := res.Config.Get("processors").Entry("memory_limiter")
	if e.KeyPos != cfgKey {
		t.Errorf("memory_limiter key pos %v", e.KeyPos)
	}
	item := at(t, res.Config, "service.pipelines.traces.receivers").Items[0]
	if item.Origin != OriginDefault || item.Pos != cfgKey {
		t.Errorf("pipeline item origin %q pos %v", item.Origin, item.Pos)
	}
	user := at(t, res.Config, "exporters.otlp.endpoint")
	if user.Origin != "" || user.Pos != (config.Pos{File: file, Line: 7, Col: 17}) {
		t.Errorf("user node origin %q pos %v", user.Origin, user.Pos)
	}
	// No config key: defaults point at the document start.
	_, res = render(t, "\n\nmode: daemonset\nimage: {repository: x}\n")
	if p := at(t, res.Config, "processors.batch").Pos; p != (config.Pos{File: file, Line: 1, Col: 1}) {
		t.Errorf("no config key: pos %v", p)
	}
}

func TestUserOverridesAndNull(t *testing.T) {
	v, res := render(t, `
mode: deployment
image: {repository: x}
config:
  processors:
    memory_limiter:
      limit_percentage: 50
    batch:
    filter/x:
  receivers:
    jaeger: null
    zipkin: ~
  service:
    pipelines:
      traces:
        receivers: [otlp]
        processors: [memory_limiter, filter/x]
      logs: null
`)
	before := dump(v)
	cfg := res.Config
	lp := at(t, cfg, "processors.memory_limiter.limit_percentage")
	if lp.Value != "50" || lp.Origin != "" || lp.Pos.Line != 6 {
		t.Errorf("override: %+v", lp)
	}
	if at(t, cfg, "processors.memory_limiter.check_interval").Value != "5s" {
		t.Error("sibling default lost")
	}
	// Helm: a user null deletes a chart default...
	for _, p := range []string{"receivers.jaeger", "receivers.zipkin", "processors.batch", "service.pipelines.logs"} {
		if has(cfg, p) {
			t.Errorf("%s should be deleted by null", p)
		}
	}
	// ...but a null with no default stays (the collector reads it as {}).
	if n := at(t, cfg, "processors.filter/x"); n.Kind != config.NullNode {
		t.Errorf("filter/x kind %v", n.Kind)
	}
	// Lists are replaced, not merged.
	wantList(t, cfg, "service.pipelines.traces.receivers", "otlp")
	wantList(t, cfg, "service.pipelines.traces.processors", "memory_limiter", "filter/x")
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp", "prometheus")
	if dump(v) != before {
		t.Error("Render modified its input")
	}
	if !has(v, "config.receivers.jaeger") {
		t.Error("input lost a key")
	}
}

func TestAlternateConfig(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
config:
  exporters:
    otlp: {endpoint: a:4317}
alternateConfig:
  receivers:
    otlp:
      protocols: {grpc: {}}
  exporters:
    debug: {}
  extensions:
    health_check: {}
  service:
    extensions: [health_check]
    pipelines:
      traces:
        receivers: [otlp]
        processors: [memory_limiter]
        exporters: [debug]
`)
	cfg := res.Config
	for _, p := range []string{"processors", "receivers.jaeger", "exporters.otlp", "service.telemetry"} {
		if has(cfg, p) {
			t.Errorf("alternateConfig: %s should not be there", p)
		}
	}
	if !hasNote(res, "alternateConfig") {
		t.Error("no alternateConfig note")
	}
	if at(t, cfg, "receivers.otlp").Origin != "" {
		t.Error("alternateConfig nodes are user nodes")
	}
	// alternateConfig: {} is falsy: config is used.
	_, res = render(t, "mode: deployment\nimage: {repository: x}\nalternateConfig: {}\n")
	if !has(res.Config, "processors.memory_limiter") {
		t.Error("empty alternateConfig should not replace config")
	}
}

func TestPresetsDaemonset(t *testing.T) {
	_, res := render(t, `
mode: daemonset
image: {repository: x}
presets:
  logsCollection:
    enabled: true
    storeCheckpoints: true
  hostMetrics:
    enabled: true
  kubeletMetrics:
    enabled: true
  kubernetesAttributes:
    enabled: true
    extractAllPodLabels: true
  kubernetesEvents:
    enabled: true
  clusterMetrics:
    enabled: true
config:
  receivers:
    hostmetrics:
      collection_interval: 30s
  service:
    pipelines:
      traces:
        processors: [batch]
`)
	cfg := res.Config
	t.Log(dump(cfg))
	// logsCollection: filelog renamed to file_log by rewriteDeprecatedComponentNames.
	wantList(t, cfg, "service.pipelines.logs.receivers", "otlp", "file_log")
	if has(cfg, "receivers.filelog") || !has(cfg, "receivers.file_log.operators") {
		t.Error("filelog receiver not added/renamed")
	}
	if at(t, cfg, "receivers.file_log.storage").Value != "file_storage" || !has(cfg, "extensions.file_storage") {
		t.Error("storeCheckpoints")
	}
	wantList(t, cfg, "service.extensions", "health_check", "file_storage", "k8s_leader_elector/k8s_cluster")
	fl := at(t, cfg, "receivers.file_log")
	if fl.Origin != "preset logsCollection" || fl.Pos != (config.Pos{File: file, Line: 5, Col: 5}) {
		t.Errorf("preset node origin %q pos %v", fl.Origin, fl.Pos)
	}
	// hostMetrics + kubeletMetrics + clusterMetrics on the metrics pipeline.
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp", "prometheus", "hostmetrics", "kubeletstats", "k8s_cluster")
	if rc := at(t, cfg, "receivers"); rc.Origin != "" || rc.Pos.Line != 20 {
		t.Errorf("receivers map should stay the user's: %q %v", rc.Origin, rc.Pos)
	}
	if at(t, cfg, "receivers.hostmetrics.collection_interval").Value != "30s" {
		t.Error("user config must win over the preset")
	}
	if at(t, cfg, "receivers.hostmetrics.root_path").Value != "/hostfs" || !has(cfg, "receivers.hostmetrics.scrapers.filesystem") {
		t.Error("hostmetrics preset config lost")
	}
	if at(t, cfg, "receivers.kubeletstats.endpoint").Value != "${env:K8S_NODE_IP}:10250" {
		t.Error("kubeletstats endpoint")
	}
	// clusterMetrics in daemonset mode uses leader election.
	if at(t, cfg, "receivers.k8s_cluster.k8s_leader_elector").Value != "k8s_leader_elector/k8s_cluster" || !has(cfg, "extensions.k8s_leader_elector/k8s_cluster") {
		t.Error("leader election")
	}
	// kubernetesAttributes: k8s_attributes first in every pipeline, node filter in daemonset mode.
	for _, sig := range []string{"logs", "metrics"} {
		wantList(t, cfg, "service.pipelines."+sig+".processors", "k8s_attributes", "memory_limiter", "batch")
	}
	wantList(t, cfg, "service.pipelines.traces.processors", "k8s_attributes", "batch")
	if at(t, cfg, "processors.k8s_attributes.filter.node_from_env_var").Value != "K8S_NODE_NAME" || !has(cfg, "processors.k8s_attributes.extract.labels") {
		t.Error("k8s_attributes config")
	}
	// kubernetesEvents is not applied in daemonset mode.
	if has(cfg, "receivers.k8sobjects") || hasNote(res, "kubernetesEvents applied") {
		t.Error("kubernetesEvents in daemonset mode")
	}
	for _, p := range []string{"logsCollection", "hostMetrics", "kubeletMetrics", "kubernetesAttributes", "clusterMetrics"} {
		if !hasNote(res, "preset "+p+" applied") {
			t.Errorf("no note for %s", p)
		}
	}
	for _, e := range []string{"MY_POD_IP", "K8S_NODE_NAME", "K8S_NODE_IP", "OTEL_K8S_POD_NAME"} {
		if !slices.Contains(res.Env, e) {
			t.Errorf("env %s missing: %v", e, res.Env)
		}
	}
}

func TestPresetsDeployment(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
presets:
  kubernetesAttributes: {enabled: true}
  kubernetesEvents: {enabled: true}
  kubernetesObjects: {enabled: true}
  clusterMetrics: {enabled: true}
  resourceDetection: {enabled: true}
  annotationDiscovery:
    metrics: {enabled: true}
rewriteDeprecatedComponentNames: false
config:
  receivers:
    k8sobjects:
      objects:
        - {name: mine, mode: pull}
`)
	cfg := res.Config
	if has(cfg, "processors.k8sattributes.filter") || !has(cfg, "processors.k8sattributes.pod_association") {
		t.Error("k8sattributes in deployment mode")
	}
	wantList(t, cfg, "service.pipelines.traces.processors", "resourcedetection/env", "k8sattributes", "memory_limiter", "batch")
	wantList(t, cfg, "service.pipelines.logs.receivers", "otlp", "k8sobjects")
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp", "prometheus", "receiver_creator/metrics", "k8s_cluster")
	wantList(t, cfg, "processors.resourcedetection/env.detectors", "env", "k8s_api")
	wantList(t, cfg, "service.extensions", "health_check", "k8s_observer")
	// kubernetesEvents' objects list is replaced by the user's (lists are
	// replaced); kubernetesObjects then puts its list before the user's.
	objs := at(t, cfg, "receivers.k8sobjects.objects").Items
	first, last := objs[0], objs[len(objs)-1]
	if first.Get("name").Value != "namespaces" || last.Get("name").Value != "mine" || last.Origin != "" {
		t.Errorf("k8sobjects objects order: first %s last %s", first.Get("name").Value, last.Get("name").Value)
	}
	for _, o := range objs {
		if o.Get("name").Value == "events" {
			t.Error("user objects list should replace the events preset's")
		}
	}
	if has(cfg, "receivers.k8s_cluster.k8s_leader_elector") {
		t.Error("one replica: no leader election")
	}
	if !slices.Contains(res.Env, "K8S_NODE_NAME") {
		t.Error("resourceDetection k8s_api sets K8S_NODE_NAME")
	}
}

func TestKubernetesEventsThenObjects(t *testing.T) {
	_, res := render(t, `
mode: statefulset
image: {repository: x}
presets:
  kubernetesEvents: {enabled: true}
  kubernetesObjects: {enabled: true, core: {enabled: false}, rbac: {enabled: false}, storage: {enabled: false}, networking: {enabled: false}, autoscaling: {enabled: false}, policy: {enabled: false}, watch: true}
`)
	objs := at(t, res.Config, "receivers.k8sobjects.objects").Items
	var got []string
	for _, o := range objs {
		got = append(got, o.Get("name").Value+"/"+o.Get("mode").Value)
	}
	want := []string{"customresourcedefinitions/pull", "customresourcedefinitions/watch", "events/watch"}
	if !slices.Equal(got, want) {
		t.Errorf("objects = %v, want %v", got, want)
	}
	wantList(t, res.Config, "service.pipelines.logs.receivers", "otlp", "k8sobjects")
}

func TestProfilingAndEventsReceiver(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
replicaCount: 3
presets:
  profiling: {enabled: true}
  kubernetesAttributes: {enabled: true}
  kubernetesEvents: {enabled: true, useK8sEventsReceiver: true}
  clusterMetrics: {enabled: true}
`)
	cfg := res.Config
	wantList(t, cfg, "service.pipelines.profiles.receivers", "profiling")
	wantList(t, cfg, "service.pipelines.profiles.exporters", "debug")
	wantList(t, cfg, "service.pipelines.profiles.processors", "k8s_attributes")
	pa := at(t, cfg, "processors.k8s_attributes.pod_association").Items[0]
	if at(t, pa, "sources").Items[0].Get("name").Value != "container.id" {
		t.Error("profiles: container.id association")
	}
	wantList(t, cfg, "service.pipelines.logs.receivers", "otlp", "k8s_events")
	if !has(cfg, "receivers.k8s_cluster.k8s_leader_elector") {
		t.Error("replicaCount 3: leader election expected")
	}
}

func TestRewriteDeprecatedNames(t *testing.T) {
	_, res := render(t, `
mode: daemonset
image: {repository: x}
config:
  receivers:
    filelog/app:
      include: [/var/log/app.log]
  processors:
    k8sattributes:
      passthrough: true
  service:
    pipelines:
      logs:
        receivers: [filelog/app]
        processors: [k8sattributes, batch]
`)
	cfg := res.Config
	if has(cfg, "receivers.filelog/app") || !has(cfg, "receivers.file_log/app") || !has(cfg, "processors.k8s_attributes") {
		t.Error("components not renamed")
	}
	wantList(t, cfg, "service.pipelines.logs.receivers", "file_log/app")
	wantList(t, cfg, "service.pipelines.logs.processors", "k8s_attributes", "batch")
	if !hasNote(res, `renames receivers "filelog/app" to "file_log/app"`) {
		t.Errorf("notes: %+v", res.Notes)
	}
}

func TestEnv(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
resources:
  limits:
    memory: 2Gi
extraEnvs:
  - name: API_KEY
    valueFrom: {secretKeyRef: {name: s, key: k}}
`)
	want := []string{"API_KEY", "GOMEMLIMIT", "MY_POD_IP", "OTEL_K8S_NAMESPACE", "OTEL_K8S_NODE_IP", "OTEL_K8S_NODE_NAME", "OTEL_K8S_POD_IP", "OTEL_K8S_POD_NAME"}
	if !slices.Equal(res.Env, want) {
		t.Errorf("env = %v", res.Env)
	}
	_, res = render(t, "mode: deployment\nimage: {repository: x}\nuseGOMEMLIMIT: false\nresources: {limits: {memory: 1Gi}}\n")
	if slices.Contains(res.Env, "GOMEMLIMIT") || slices.Contains(res.Env, "K8S_NODE_NAME") {
		t.Errorf("env = %v", res.Env)
	}
}

// TestPodEnv: how the pod defines each variable: pod fields (the preset's
// node variables in daemonset mode), extraEnvs entries as written, and an
// extraEnvs entry that redefines one of the chart's replaces it.
func TestPodEnv(t *testing.T) {
	_, res := render(t, `
mode: daemonset
image: {repository: x}
presets:
  kubernetesAttributes: {enabled: true}
extraEnvs:
  - name: API_KEY
    valueFrom: {secretKeyRef: {name: s, key: k}}
  - name: MY_POD_IP
    value: 10.0.0.1
`)
	if len(res.PodEnv) != len(res.Env) {
		t.Fatalf("PodEnv %v, Env %v", res.PodEnv, res.Env)
	}
	got := map[string]EnvVar{}
	for i, e := range res.PodEnv {
		if e.Name != res.Env[i] {
			t.Errorf("PodEnv[%d] = %s, Env[%d] = %s", i, e.Name, i, res.Env[i])
		}
		got[e.Name] = e
	}
	for name, field := range map[string]string{"K8S_NODE_NAME": "spec.nodeName", "K8S_NODE_IP": "status.hostIP", "OTEL_K8S_POD_IP": "status.podIP", "OTEL_K8S_NAMESPACE": "metadata.namespace"} {
		if got[name].FieldPath != field || got[name].Entry != nil {
			t.Errorf("%s: %+v, want fieldRef %s", name, got[name], field)
		}
	}
	for _, name := range []string{"API_KEY", "MY_POD_IP"} {
		if e := got[name]; e.Entry == nil || e.FieldPath != "" {
			t.Errorf("%s: %+v, want the extraEnvs entry", name, e)
		}
	}
	if f, ok := PodField("OTEL_K8S_NODE_NAME"); !ok || f != "spec.nodeName" {
		t.Errorf("PodField(OTEL_K8S_NODE_NAME) = %q, %v", f, ok)
	}
	if _, ok := PodField("API_KEY"); ok {
		t.Error("PodField(API_KEY): not a variable the chart sets from a pod field")
	}
}

func TestNotes(t *testing.T) {
	_, res := render(t, `
image: {repository: x}
config:
  processors:
    transform:
      log_statements:
        - set(body, "{{ .Values.x }}")
  service:
    extensions: []
`)
	for _, s := range []string{"`tpl`", "'mode' must be", "health_check"} {
		if !hasNote(res, s) {
			t.Errorf("missing note %q in %+v", s, res.Notes)
		}
	}
	if res.Mode != "" {
		t.Errorf("mode %q", res.Mode)
	}
	_, res = render(t, "mode: deployment\nimage: {repository: x}\nconfigMap: {create: false}\n")
	if res.Config != nil || !hasNote(res, "configMap.create") {
		t.Error("configMap.create false")
	}
}

func TestInternalTelemetryViaOTLP(t *testing.T) {
	_, res := render(t, `
mode: deployment
image: {repository: x}
internalTelemetryViaOTLP:
  endpoint: http://obs:4318
  metrics: {enabled: true}
  traces: {enabled: true, endpoint: http://traces:4318}
`)
	cfg := res.Config
	if has(cfg, "receivers.prometheus") {
		t.Error("prometheus receiver should be removed")
	}
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp")
	r := at(t, cfg, "service.telemetry.metrics.readers").Items
	if len(r) != 1 || at(t, r[0], "periodic.exporter.otlp.endpoint").Value != "http://obs:4318" {
		t.Errorf("readers: %s", dump(at(t, cfg, "service.telemetry.metrics")))
	}
	if at(t, at(t, cfg, "service.telemetry.traces.processors").Items[0], "batch.exporter.otlp.endpoint").Value != "http://traces:4318" {
		t.Error("traces endpoint")
	}
	if !has(cfg, "service.telemetry.resource") {
		t.Error("telemetry resource lost")
	}
}

// The gateway values of the seed blog post (re-typed).
const seedGateway = `
# Valid values are "daemonset", "deployment", and "statefulset".
mode: "deployment"
namespaceOverride: "monitoring"
image:
  repository: otel/opentelemetry-collector-contrib
presets:
  logsCollection:
    enabled: false
    includeCollectorLogs: false
config:
  exporters:
    debug: {}
    logging: {}
    loki:
      endpoint: http://loki-write.loki.svc.cluster.local:3100/loki/api/v1/push
      default_labels_enabled:
        exporter: false
        job: true
    otlp/trace:
      endpoint: http://tempo.tempo.svc.cluster.local:4317
      tls:
        insecure: true
        insecure_skip_verify: true
    prometheusremotewrite:
      endpoint: "http://prometheus-kube-prometheus-prometheus.prometheus.svc.cluster.local:9090/api/v1/write"
      external_labels:
        collector_label: ${env:MY_POD_IP}
  processors:
    attributes:
      actions:
        - action: insert
          key: loki.attribute.labels
          value: container
        - action: insert
          key: loki.format
          value: json
    resource:
      attributes:
        - action: insert
          key: loki.resource.labels
          value: service.name, service.namespace
  receivers:
    otlp:
      protocols:
        grpc:
          endpoint: 0.0.0.0:4317
        http:
          endpoint: 0.0.0.0:4318
  service:
    pipelines:
      logs:
        exporters: [debug, loki]
        processors: [memory_limiter, batch, attributes, resource]
        receivers: [otlp]
      metrics:
        exporters: [debug, prometheusremotewrite]
        processors: [memory_limiter, batch]
        receivers: [otlp]
      traces:
        exporters: [debug, otlp/trace]
        processors: [memory_limiter, batch]
        receivers: [otlp]
`

func TestSeedGateway(t *testing.T) {
	_, res := render(t, seedGateway)
	cfg := res.Config
	// Every component a pipeline names is defined after the merge.
	for _, pe := range at(t, cfg, "service.pipelines").Entries {
		for _, kind := range []string{"receivers", "processors", "exporters"} {
			for _, name := range list(pe.Value.Get(kind)) {
				if !has(cfg, kind+"."+name) {
					t.Errorf("pipeline %s: %s %q undefined", pe.Key, kind, name)
				}
			}
		}
	}
	if !has(cfg, "processors.memory_limiter") || at(t, cfg, "processors.memory_limiter").Origin != OriginDefault {
		t.Error("memory_limiter from the chart")
	}
	// User endpoints override the chart's ${env:MY_POD_IP} ones.
	if at(t, cfg, "receivers.otlp.protocols.grpc.endpoint").Value != "0.0.0.0:4317" {
		t.Error("otlp endpoint override")
	}
	// Defaults the user did not remove are still rendered.
	for _, p := range []string{"receivers.jaeger", "receivers.zipkin", "receivers.prometheus", "extensions.health_check"} {
		if !has(cfg, p) {
			t.Errorf("%s missing", p)
		}
	}
	wantList(t, cfg, "service.pipelines.metrics.receivers", "otlp")
	if has(cfg, "receivers.file_log") || has(cfg, "receivers.filelog") {
		t.Error("disabled logsCollection preset applied")
	}
	if !slices.Contains(res.Env, "MY_POD_IP") {
		t.Error("MY_POD_IP")
	}
}

func TestTables(t *testing.T) {
	names := map[string]bool{}
	for _, p := range DefaultPorts {
		if len(p.Name) > 15 {
			t.Errorf("port name %q too long", p.Name)
		}
		names[p.Name] = true
	}
	if !names["otlp"] || !names["otlp-http"] || len(DefaultPorts) != 7 {
		t.Error("ports table")
	}
	if len(Presets) < 9 {
		t.Error("presets table")
	}
	if ChartVersion != "0.170.x" {
		t.Error(ChartVersion)
	}
}

// Model of the opentelemetry-collector Helm chart.
//
// Modelled from open-telemetry/opentelemetry-helm-charts, chart
// charts/opentelemetry-collector version 0.170.0 (appVersion 0.158.0), commit
// dd5665c06f376c00a5e2147aa84b70c3d105ecfb (2026-08-20): values.yaml,
// templates/_config.tpl, _helpers.tpl, _pod.tpl, NOTES.txt, configmap*.yaml.
// The defaults below are re-typed from reading those files, not copied; only
// the values that influence the rendered collector config or the pod's
// environment are modelled.
package chart

import (
	"sync"

	"github.com/otelcfg/otelcfg/internal/config"
)

// ChartVersion is the chart release line this package models.
const ChartVersion = "0.170.x"

// ChartCommit is the upstream commit the model was checked against.
const ChartCommit = "dd5665c06f376c00a5e2147aa84b70c3d105ecfb"

// defaultValuesYAML is the subset of the chart's values.yaml that Render
// coalesces the user's values over.
const defaultValuesYAML = `
mode: ""
nameOverride: ""
fullnameOverride: ""
namespaceOverride: ""
replicaCount: 1
useGOMEMLIMIT: true
rewriteDeprecatedComponentNames: true
configMap:
  create: true
  existingName: ""
extraEnvs: []
extraEnvsFrom: []
resources: {}
presets:
  logsCollection:
    enabled: false
    includeCollectorLogs: false
    storeCheckpoints: false
    maxRecombineLogSize: 102400
  hostMetrics:
    enabled: false
  kubernetesAttributes:
    enabled: false
    extractAllPodLabels: false
    extractAllPodAnnotations: false
  kubeletMetrics:
    enabled: false
  kubernetesEvents:
    enabled: false
    useK8sEventsReceiver: false
  kubernetesObjects:
    enabled: false
    watch: false
    core: {enabled: true}
    rbac: {enabled: true}
    storage: {enabled: true}
    networking: {enabled: true}
    autoscaling:
      enabled: true
      vpa: {enabled: false}
    policy: {enabled: true}
    apiExtensions: {enabled: true}
    events: {enabled: false}
  clusterMetrics:
    enabled: false
  annotationDiscovery:
    logs: {enabled: false}
    metrics: {enabled: false}
  profiling:
    enabled: false
  resourceDetection:
    enabled: false
    env: {enabled: true}
    k8s_api: {enabled: true}
    eks: {enabled: false}
    aks: {enabled: false}
    gcp: {enabled: false}
internalTelemetryViaOTLP:
  endpoint: ""
  headers: []
  traces: {enabled: false, endpoint: "", headers: []}
  metrics: {enabled: false, endpoint: "", headers: []}
  logs: {enabled: false, endpoint: "", headers: []}
alternateConfig: {}
config:
  exporters:
    debug: {}
  extensions:
    health_check:
      endpoint: ${env:MY_POD_IP}:13133
  processors:
    batch: {}
    memory_limiter:
      check_interval: 5s
      limit_percentage: 80
      spike_limit_percentage: 25
  receivers:
    jaeger:
      protocols:
        grpc:
          endpoint: ${env:MY_POD_IP}:14250
        thrift_http:
          endpoint: ${env:MY_POD_IP}:14268
        thrift_compact:
          endpoint: ${env:MY_POD_IP}:6831
    otlp:
      protocols:
        grpc:
          endpoint: ${env:MY_POD_IP}:4317
        http:
          endpoint: ${env:MY_POD_IP}:4318
    prometheus:
      config:
        scrape_configs:
          - job_name: opentelemetry-collector
            scrape_interval: 10s
            static_configs:
              - targets: ["${env:MY_POD_IP}:8888"]
    zipkin:
      endpoint: ${env:MY_POD_IP}:9411
  service:
    telemetry:
      resource:
        k8s.namespace.name: ${env:OTEL_K8S_NAMESPACE}
        k8s.node.name: ${env:OTEL_K8S_NODE_NAME}
        k8s.node.ip: ${env:OTEL_K8S_NODE_IP}
        k8s.pod.name: ${env:OTEL_K8S_POD_NAME}
        k8s.pod.ip: ${env:OTEL_K8S_POD_IP}
        host.name: ${env:OTEL_K8S_NODE_NAME}
      metrics:
        readers:
          - pull:
              exporter:
                prometheus:
                  host: ${env:MY_POD_IP}
                  port: 8888
    extensions: [health_check]
    pipelines:
      logs:
        exporters: [debug]
        processors: [memory_limiter, batch]
        receivers: [otlp]
      metrics:
        exporters: [debug]
        processors: [memory_limiter, batch]
        receivers: [otlp, prometheus]
      traces:
        exporters: [debug]
        processors: [memory_limiter, batch]
        receivers: [otlp, jaeger, zipkin]
`

var (
	defaultsOnce sync.Once
	defaultVals  *config.Node
)

// defaultValues returns a fresh copy of the modelled chart values.
func defaultValues() *config.Node {
	defaultsOnce.Do(func() { defaultVals = mustParse(defaultValuesYAML) })
	return defaultVals.Clone()
}

// Port is one entry of the chart's default `ports` value.
type Port struct {
	Name          string // key under `ports` (also the Kubernetes port name, ≤15 chars)
	ContainerPort int
	ServicePort   int
	HostPort      int // used in daemonset mode only; 0 = none
	Protocol      string
	AppProtocol   string
	Enabled       bool   // enabled by default
	Receiver      string // component of the default config listening there ("" = internal telemetry)
	Endpoint      string // config path of that endpoint in the default config
}

// DefaultPorts are the ports the chart opens by default (values.yaml `ports`).
// The chart never derives ports from the config.
var DefaultPorts = []Port{
	{Name: "otlp", ContainerPort: 4317, ServicePort: 4317, HostPort: 4317, Protocol: "TCP", AppProtocol: "grpc", Enabled: true, Receiver: "otlp", Endpoint: "receivers::otlp::protocols::grpc::endpoint"},
	{Name: "otlp-http", ContainerPort: 4318, ServicePort: 4318, HostPort: 4318, Protocol: "TCP", Enabled: true, Receiver: "otlp", Endpoint: "receivers::otlp::protocols::http::endpoint"},
	{Name: "jaeger-compact", ContainerPort: 6831, ServicePort: 6831, HostPort: 6831, Protocol: "UDP", Enabled: true, Receiver: "jaeger", Endpoint: "receivers::jaeger::protocols::thrift_compact::endpoint"},
	{Name: "jaeger-thrift", ContainerPort: 14268, ServicePort: 14268, HostPort: 14268, Protocol: "TCP", Enabled: true, Receiver: "jaeger", Endpoint: "receivers::jaeger::protocols::thrift_http::endpoint"},
	{Name: "jaeger-grpc", ContainerPort: 14250, ServicePort: 14250, HostPort: 14250, Protocol: "TCP", Enabled: true, Receiver: "jaeger", Endpoint: "receivers::jaeger::protocols::grpc::endpoint"},
	{Name: "zipkin", ContainerPort: 9411, ServicePort: 9411, HostPort: 9411, Protocol: "TCP", Enabled: true, Receiver: "zipkin", Endpoint: "receivers::zipkin::endpoint"},
	{Name: "metrics", ContainerPort: 8888, ServicePort: 8888, Protocol: "TCP", Enabled: false, Receiver: "", Endpoint: "service::telemetry::metrics::readers"},
}

// Preset describes one `presets.<name>` switch of the chart.
type Preset struct {
	Name string // key under `presets` ("annotationDiscovery" has logs/metrics sub-switches)
	// Modes are the modes the preset is meant for. The chart applies every
	// preset in every mode except kubernetesEvents, which it silently
	// ignores in daemonset mode.
	Modes []string
	// SingleInstance is set when several collector replicas would duplicate
	// the data (cluster-wide receivers without leader election).
	SingleInstance bool
	Adds           string // what it adds to the rendered config
}

// Presets lists the chart's presets in the order the chart applies them.
var Presets = []Preset{
	{Name: "logsCollection", Modes: []string{"daemonset"}, Adds: "receiver filelog (renamed file_log) on the logs pipeline; with storeCheckpoints the file_storage extension"},
	{Name: "annotationDiscovery", Modes: []string{"daemonset"}, Adds: "extension k8s_observer, receivers receiver_creator/logs and receiver_creator/metrics on the logs/metrics pipelines"},
	{Name: "hostMetrics", Modes: []string{"daemonset"}, Adds: "receiver hostmetrics on the metrics pipeline"},
	{Name: "profiling", Modes: []string{"daemonset"}, Adds: "receiver profiling and exporter debug on a profiles pipeline"},
	{Name: "kubeletMetrics", Modes: []string{"daemonset"}, Adds: "receiver kubeletstats on the metrics pipeline"},
	{Name: "kubernetesAttributes", Modes: []string{"daemonset", "deployment", "statefulset"}, Adds: "processor k8sattributes (renamed k8s_attributes) first in every logs/metrics/traces/profiles pipeline"},
	{Name: "kubernetesEvents", Modes: []string{"deployment", "statefulset"}, SingleInstance: true, Adds: "receiver k8sobjects (or k8s_events) on the logs pipeline; not applied in daemonset mode"},
	{Name: "kubernetesObjects", Modes: []string{"deployment", "statefulset"}, SingleInstance: true, Adds: "receiver k8sobjects on the logs pipeline; leader election extension in daemonset mode"},
	{Name: "clusterMetrics", Modes: []string{"deployment", "statefulset"}, SingleInstance: true, Adds: "receiver k8s_cluster on the metrics pipeline; leader election extension with several replicas or in daemonset mode"},
	{Name: "resourceDetection", Modes: []string{"daemonset", "deployment", "statefulset"}, Adds: "processor resourcedetection/env first in the logs/metrics/traces pipelines"},
}

// podEnv are the variables the chart always defines in the collector
// container (_pod.tpl), each from a pod field (downward API).
var podEnv = []EnvVar{
	{Name: "MY_POD_IP", FieldPath: "status.podIP"},
	{Name: "OTEL_K8S_NAMESPACE", FieldPath: "metadata.namespace"},
	{Name: "OTEL_K8S_NODE_IP", FieldPath: "status.hostIP"},
	{Name: "OTEL_K8S_NODE_NAME", FieldPath: "spec.nodeName"},
	{Name: "OTEL_K8S_POD_IP", FieldPath: "status.podIP"},
	{Name: "OTEL_K8S_POD_NAME", FieldPath: "metadata.name"},
}

// presetNodeEnv are the variables _pod.tpl adds for the presets that need
// the node (kubeletMetrics; kubernetesAttributes and annotationDiscovery in
// daemonset mode; resourceDetection's k8s_api and k8snode detectors).
var presetNodeEnv = []EnvVar{
	{Name: "K8S_NODE_IP", FieldPath: "status.hostIP"},
	{Name: "K8S_NODE_NAME", FieldPath: "spec.nodeName"},
}

// PodField returns the pod field (downward API) the chart's pod template
// sets variable name from, when it sets it from one (with some presets
// only, for K8S_NODE_NAME and K8S_NODE_IP).
func PodField(name string) (string, bool) {
	for _, list := range [][]EnvVar{podEnv, presetNodeEnv} {
		for _, e := range list {
			if e.Name == name {
				return e.FieldPath, true
			}
		}
	}
	return "", false
}

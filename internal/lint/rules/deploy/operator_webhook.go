package deploy

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// OperatorWebhook reports what the OpenTelemetry operator's admission
// checks reject in an OpenTelemetryCollector. Read from
// open-telemetry/opentelemetry-operator v0.157.0: the CEL rules on
// OpenTelemetryCollectorSpec in apis/v1beta1/opentelemetrycollector_types.go
// (sidecar attributes), and the validating webhooks
// internal/webhook/collector_webhook.go (v1beta1) and
// internal/webhook/collector/webhook.go (v1alpha1): volumeClaimTemplates,
// target allocator modes, autoscaler bounds, port names and numbers,
// ingress with sidecars.
var OperatorWebhook = register(&lint.Rule{
	ID:       "operator-webhook",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "The operator's admission webhook rejects this OpenTelemetryCollector",
		Text: "`kubectl apply` fails, because the OpenTelemetry operator's admission checks (CEL rules in the CRD and its validating webhook) refuse the resource — the collector never sees the config. They reject: in sidecar mode, tolerations, priorityClassName, affinity, additionalContainers and an ingress; volumeClaimTemplates outside statefulset mode; " +
			"an enabled targetAllocator outside statefulset mode (v1beta1: statefulset or daemonset, daemonset only with allocationStrategy per-node, per-node only in daemonset); autoscaler maxReplicas below 1, minReplicas or replicas above maxReplicas, minReplicas below 1; " +
			"and spec.ports with an invalid Kubernetes port name (at most 15 lower-case letters, digits and '-') or number.",
		Bad:  "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: sidecar\nspec:\n  mode: sidecar\n  priorityClassName: high-priority\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n",
		Good: "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: sidecar\nspec:\n  mode: sidecar\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindOperatorCR {
			return nil
		}
		spec := pass.Doc.Source.Get("spec")
		if spec == nil || spec.Kind != config.MapNode {
			return nil
		}
		mode := ruleutil.ModeOf(pass.Doc)
		v1beta1 := strings.HasSuffix(ruleutil.ScalarStr(pass.Doc.Source.Get("apiVersion")), "/v1beta1")
		reject := func(key, path, format string, args ...any) {
			pass.Reportf(entryPos(spec, key), "spec."+path, "the operator rejects this OpenTelemetryCollector: "+format, args...)
		}
		if mode == "sidecar" {
			for _, k := range []string{"tolerations", "priorityClassName", "affinity", "additionalContainers"} {
				if hasContent(spec.Get(k)) {
					reject(k, k, "mode sidecar does not support %s (the sidecar runs in the application's pod, which decides scheduling); remove it", k)
				}
			}
			ing := ruleutil.ScalarStr(spec.Get("ingress").Get("type"))
			if ing == "ingress" || ing == "nginx" {
				reject("ingress", "ingress.type", "an ingress can only be used in modes deployment, daemonset and statefulset, not sidecar")
			}
		}
		if mode != "statefulset" && hasContent(spec.Get("volumeClaimTemplates")) {
			reject("volumeClaimTemplates", "volumeClaimTemplates", "mode %s does not support volumeClaimTemplates (statefulset only); use volumes, or mode: statefulset", mode)
		}
		if ta := spec.Get("targetAllocator"); yamlTrue(ta.Get("enabled")) {
			strategy := ruleutil.ScalarStr(ta.Get("allocationStrategy"))
			switch {
			case !v1beta1 && mode != "statefulset":
				reject("targetAllocator", "targetAllocator.enabled", "mode %s does not support the target allocator (v1alpha1: statefulset only)", mode)
			case v1beta1 && mode != "statefulset" && mode != "daemonset":
				reject("targetAllocator", "targetAllocator.enabled", "mode %s does not support the target allocator (statefulset or daemonset)", mode)
			case v1beta1 && mode == "daemonset" && strategy != "per-node":
				reject("targetAllocator", "targetAllocator.allocationStrategy", "mode daemonset needs targetAllocator.allocationStrategy: per-node")
			}
			if strategy == "per-node" && mode != "daemonset" {
				reject("targetAllocator", "targetAllocator.allocationStrategy", "allocationStrategy per-node is only supported in mode daemonset")
			}
		}
		checkAutoscaler(spec, reject)
		if ports := spec.Get("ports"); ports != nil && ports.Kind == config.SeqNode {
			for i, p := range ports.Items {
				name := ruleutil.ScalarStr(p.Get("name"))
				path := fmt.Sprintf("spec.ports[%d]", i)
				if why := validPortName(name); why != "" {
					pass.Reportf(entryPos(p, "name"), path+".name", "the operator rejects this OpenTelemetryCollector: port name %q is invalid (%s); use at most 15 lower-case letters, digits and '-'", name, why)
				}
				if n, ok := scalarInt(p.Get("port")); p.Get("port") != nil && (!ok || n < 1 || n > 65535) {
					pass.Reportf(entryPos(p, "port"), path+".port", "the operator rejects this OpenTelemetryCollector: port %s must be between 1 and 65535", ruleutil.ScalarStr(p.Get("port")))
				}
			}
		}
		return nil
	},
})

// checkAutoscaler mirrors the webhook's autoscaler bounds: maxReplicas
// from spec.autoscaler (or the deprecated spec.maxReplicas), minReplicas
// from spec.autoscaler, spec.minReplicas or spec.replicas.
func checkAutoscaler(spec *config.Node, reject func(key, path, format string, args ...any)) {
	as := spec.Get("autoscaler")
	maxKey, maxN := "autoscaler", as.Get("maxReplicas")
	if maxN == nil {
		maxKey, maxN = "maxReplicas", spec.Get("maxReplicas")
	}
	maxR, ok := scalarInt(maxN)
	if !ok {
		return
	}
	maxPath := "maxReplicas"
	if maxKey == "autoscaler" {
		maxPath = "autoscaler.maxReplicas"
	}
	if maxR < 1 {
		reject(maxKey, maxPath, "maxReplicas must be 1 or more")
		return
	}
	if r, ok := scalarInt(spec.Get("replicas")); ok && r > maxR {
		reject("replicas", "replicas", "replicas (%d) must not be greater than maxReplicas (%d)", r, maxR)
	}
	minKey, minPath, minN := "autoscaler", "autoscaler.minReplicas", as.Get("minReplicas")
	if minN == nil {
		minKey, minPath, minN = "minReplicas", "minReplicas", spec.Get("minReplicas")
	}
	if minN == nil {
		return // defaults to replicas, checked above
	}
	if minR, ok := scalarInt(minN); ok {
		switch {
		case minR > maxR:
			reject(minKey, minPath, "minReplicas (%d) must not be greater than maxReplicas (%d)", minR, maxR)
		case minR < 1:
			reject(minKey, minPath, "minReplicas must be 1 or more")
		}
	}
}

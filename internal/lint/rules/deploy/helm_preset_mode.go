package deploy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// HelmPresetMode reports chart presets enabled in a mode or replica count
// they are not made for.
var HelmPresetMode = register(&lint.Rule{
	ID:       "helm-preset-mode",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A Helm preset is enabled in a mode where it does nothing useful or duplicates data",
		Text: "Presets assume a mode. logsCollection, hostMetrics, kubeletMetrics (and annotationDiscovery, profiling) read the node the collector runs on: in a deployment they see one arbitrary node, so they belong in a daemonset. " +
			"clusterMetrics, kubernetesEvents and kubernetesObjects watch the whole cluster: in a daemonset every node would report the same data (the chart ignores kubernetesEvents there), so they belong in a one-replica deployment or statefulset; with several replicas kubernetesEvents and kubernetesObjects report everything once per replica (the chart adds leader election only for clusterMetrics). " +
			"Split the values into an agent release (daemonset) and a cluster release (deployment, replicaCount: 1).",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-k8s\npresets:\n  logsCollection:\n    enabled: true\n",
		Good: "mode: daemonset\nimage:\n  repository: otel/opentelemetry-collector-k8s\npresets:\n  logsCollection:\n    enabled: true\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindHelmValues {
			return nil
		}
		vals := pass.Doc.Source
		mode := ruleutil.ModeOf(pass.Doc)
		switch mode {
		case "daemonset", "deployment", "statefulset":
		default:
			return nil // helm-chart-error reports the mode
		}
		replicas := 1
		if n, ok := scalarInt(vals.Get("replicaCount")); ok {
			replicas = n
		}
		if yamlTrue(vals.Get("autoscaling").Get("enabled")) {
			if n, ok := scalarInt(vals.Get("autoscaling").Get("maxReplicas")); ok && n > replicas {
				replicas = n
			}
		}
		presets := vals.Get("presets")
		for _, p := range chart.Presets {
			e := presets.Entry(p.Name)
			if e == nil {
				continue
			}
			pos := entryPos(e.Value, "enabled")
			on := yamlTrue(e.Value.Get("enabled"))
			if p.Name == "annotationDiscovery" {
				on = yamlTrue(e.Value.Get("logs").Get("enabled")) || yamlTrue(e.Value.Get("metrics").Get("enabled"))
				pos = e.KeyPos
			}
			if !on {
				continue
			}
			if !slices.Contains(p.Modes, mode) {
				effect := "it reads the node the collector runs on, so in a " + mode + " it sees one node and misses the others"
				if p.SingleInstance {
					effect = "it watches the whole cluster, so every node's collector reports the same data"
					if p.Name == "kubernetesEvents" {
						effect = "the chart ignores it in daemonset mode: no events are collected"
					}
				}
				pass.Reportf(pos, "presets."+p.Name, "preset %s is meant for mode %s, not %s: %s; enable it in a separate %s release", p.Name, strings.Join(p.Modes, " or "), mode, effect, p.Modes[0])
				continue
			}
			if p.SingleInstance && replicas > 1 && p.Name != "clusterMetrics" {
				pass.Reportf(pos, "presets."+p.Name, "preset %s with %s: every replica watches the whole cluster and reports the same objects (no leader election for this preset); run it in a release with replicaCount: 1", p.Name, replicaText(replicas))
			}
		}
		return nil
	},
})

func replicaText(n int) string { return fmt.Sprintf("up to %d replicas", n) }

package render

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
)

// fieldEnv maps variables collector configs commonly use to the pod field
// that defines them (downward API); the chart's own names come from
// package chart (PodField).
var fieldEnv = map[string]string{
	"MY_POD_IP":        "status.podIP",
	"K8S_POD_IP":       "status.podIP",
	"POD_IP":           "status.podIP",
	"K8S_NODE_IP":      "status.hostIP",
	"HOST_IP":          "status.hostIP",
	"K8S_NODE_NAME":    "spec.nodeName",
	"NODE_NAME":        "spec.nodeName",
	"KUBE_NODE_NAME":   "spec.nodeName",
	"K8S_POD_NAME":     "metadata.name",
	"POD_NAME":         "metadata.name",
	"MY_POD_NAME":      "metadata.name",
	"K8S_NAMESPACE":    "metadata.namespace",
	"MY_POD_NAMESPACE": "metadata.namespace",
	"POD_NAMESPACE":    "metadata.namespace",
}

// PodField returns the pod field (downward API) that defines variable
// name: as the opentelemetry-collector chart's pod template defines it
// (MY_POD_IP, OTEL_K8S_NODE_NAME, K8S_NODE_IP...), else for the names
// collector configs commonly use.
func PodField(name string) (string, bool) {
	if f, ok := chart.PodField(name); ok {
		return f, true
	}
	f, ok := fieldEnv[name]
	return f, ok
}

// EnvSpec is one container env entry the config needs.
type EnvSpec struct {
	Name      string
	FieldPath string // downward API field, or
	Secret    string // Secret name and key (= Name), or
	// Entry is the entry as the input's pod defines it (a Helm values
	// file's extraEnvs), copied as written.
	Entry *config.Node
}

// EnvSpecs defines names: as the input's pod defines them (in.Pod), else
// from the pod field for the well-known names and for names the config
// gives as the node's (node_from_env_var), else as a key of Secret secret,
// with a note saying how to create the Secret.
func EnvSpecs(in *Input, names []string, secret string) ([]EnvSpec, []Note) {
	pod := map[string]chart.EnvVar{}
	for _, e := range in.Pod {
		pod[e.Name] = e
	}
	node := map[string]bool{}
	for _, n := range nodeEnvNames(in.Config) {
		node[n] = true
	}
	var out []EnvSpec
	var fromSecret, lits []string
	for _, n := range names {
		if e, ok := pod[n]; ok && (e.FieldPath != "" || e.Entry != nil) {
			out = append(out, EnvSpec{Name: n, FieldPath: e.FieldPath, Entry: e.Entry})
			continue
		}
		if f, ok := PodField(n); ok {
			out = append(out, EnvSpec{Name: n, FieldPath: f})
			continue
		}
		if node[n] {
			out = append(out, EnvSpec{Name: n, FieldPath: "spec.nodeName"})
			continue
		}
		out = append(out, EnvSpec{Name: n, Secret: secret})
		fromSecret = append(fromSecret, n)
		lits = append(lits, fmt.Sprintf("--from-literal=%s=...", n))
	}
	var notes []Note
	if len(fromSecret) > 0 {
		notes = append(notes, notef("note", "the config needs %s without a default: the pod reads them from Secret %s; create it with: kubectl create secret generic %s %s", strings.Join(fromSecret, ", "), secret, secret, strings.Join(lits, " ")))
	}
	return out, notes
}

// nodeEnvNames lists the variables the config names as holding the node's
// name (node_from_env_var: the k8s_attributes filter, resource detectors),
// sorted and unique.
func nodeEnvNames(cfg *config.Node) []string {
	seen := map[string]bool{}
	var walk func(n *config.Node)
	walk = func(n *config.Node) {
		if n == nil {
			return
		}
		for _, e := range n.Entries {
			if v := scalarString(e.Value); e.Key == "node_from_env_var" && v != "" {
				seen[v] = true
			}
			walk(e.Value)
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(cfg)
	return sortedKeys(seen)
}

// UndefinedEnv lists the variables the config needs from the pod —
// references without a default, and names given to node_from_env_var —
// that defined does not contain, sorted and unique.
func UndefinedEnv(in *Input, defined []string) []string {
	seen := map[string]bool{}
	for _, d := range defined {
		seen[d] = true
	}
	var out []string
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, r := range in.Env {
		if !r.HasDefault {
			add(r.Name)
		}
	}
	for _, n := range nodeEnvNames(in.Config) {
		add(n)
	}
	sort.Strings(out)
	return out
}

// envNode is the chart's extraEnvs list for specs.
func envNode(specs []EnvSpec) *config.Node {
	list := &config.Node{Kind: config.SeqNode}
	for _, s := range specs {
		if s.Entry != nil {
			list.Items = append(list.Items, s.Entry.Clone())
			continue
		}
		var from *config.Node
		if s.FieldPath != "" {
			from = mapOf("fieldRef", mapOf("fieldPath", str(s.FieldPath)))
		} else {
			from = mapOf("secretKeyRef", mapOf("name", str(s.Secret), "key", str(s.Name)))
		}
		list.Items = append(list.Items, mapOf("name", str(s.Name), "valueFrom", from))
	}
	return list
}

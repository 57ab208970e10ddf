package render

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// fieldEnv maps variables collector configs commonly use to the pod field
// that defines them (downward API).
var fieldEnv = map[string]string{
	"MY_POD_IP":        "status.podIP",
	"K8S_POD_IP":       "status.podIP",
	"POD_IP":           "status.podIP",
	"K8S_NODE_IP":      "status.hostIP",
	"HOST_IP":          "status.hostIP",
	"K8S_NODE_NAME":    "spec.nodeName",
	"NODE_NAME":        "spec.nodeName",
	"K8S_POD_NAME":     "metadata.name",
	"POD_NAME":         "metadata.name",
	"MY_POD_NAME":      "metadata.name",
	"K8S_NAMESPACE":    "metadata.namespace",
	"MY_POD_NAMESPACE": "metadata.namespace",
	"POD_NAMESPACE":    "metadata.namespace",
}

// EnvSpec is one container env entry the config needs.
type EnvSpec struct {
	Name      string
	FieldPath string // downward API field, or
	Secret    string // Secret name and key (= Name)
}

// EnvSpecs defines names: downward-API fields for the well-known pod
// variables, a key of Secret secret for the rest, with a note saying how to
// create the Secret.
func EnvSpecs(names []string, secret string) ([]EnvSpec, []Note) {
	var out []EnvSpec
	var fromSecret, lits []string
	for _, n := range names {
		if f, ok := fieldEnv[n]; ok {
			out = append(out, EnvSpec{Name: n, FieldPath: f})
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

// envNode is the chart's extraEnvs list for specs.
func envNode(specs []EnvSpec) *config.Node {
	list := &config.Node{Kind: config.SeqNode}
	for _, s := range specs {
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

package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// EnvUndefined reports ${env:VAR} references that the collector's pod does
// not define, where otelcfg knows the pod (Helm values, operator CRs).
var EnvUndefined = register(&lint.Rule{
	ID:       "env-undefined",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An environment variable is not set by the collector's pod and has no default",
		Text: "The collector replaces an unset ${env:VAR} with null (an empty value), which often fails a component's own check at start-up (an empty endpoint, an empty label). " +
			"Where otelcfg knows the pod the collector runs in, it checks every variable against it: for Helm values, the variables the chart's pod template sets (MY_POD_IP, K8S_NODE_NAME with the presets that add it...) and `extraEnvs`; for an OpenTelemetryCollector, `spec.env` and what the operator adds (POD_NAME, and K8S_NODE_NAME with a kubelet_stats receiver). " +
			"A variable that is in none of them, has no default (${env:VAR:-default}) and was not given with --env/--env-file is reported once, at its first use, with the other uses as related positions. " +
			"Plain configs and ConfigMaps are not checked: their variables come from wherever the collector is started (a compose .env file, an installer, a pod spec otelcfg does not see), which the linting machine cannot know. " +
			"Neither are deployments that import variables wholesale (the chart's `extraEnvsFrom`, a CR's `spec.envFrom`).",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  exporters:\n    otlp_grpc:\n      endpoint: ${env:OTLP_ENDPOINT}\n  service:\n    pipelines:\n      traces:\n        exporters: [otlp_grpc]\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nextraEnvs:\n  - name: OTLP_ENDPOINT\n    value: tempo.tempo.svc:4317\nconfig:\n  exporters:\n    otlp_grpc:\n      endpoint: ${env:OTLP_ENDPOINT}\n  service:\n    pipelines:\n      traces:\n        exporters: [otlp_grpc]\n",
	},
	Check: func(pass *lint.Pass) error {
		defined, where, known := podEnv(pass)
		if !known {
			return nil
		}
		var order []string
		uses := map[string][]config.EnvRef{}
		for _, r := range pass.Doc.Env {
			if r.HasDefault || r.Resolved || defined[r.Name] {
				continue
			}
			if uses[r.Name] == nil {
				order = append(order, r.Name)
			}
			uses[r.Name] = append(uses[r.Name], r)
		}
		for _, name := range order {
			refs := uses[name]
			f := lint.Finding{Pos: refs[0].Pos, Path: refs[0].Path, Message: fmt.Sprintf(
				"environment variable %s is not set by %s and has no default: the collector substitutes null (an empty value); set it there, or write ${env:%s:-DEFAULT}",
				name, where, name)}
			if n := len(refs) - 1; n > 0 {
				f.Message += fmt.Sprintf(" (%d more %s)", n, plural(n, "use", "uses"))
			}
			for _, r := range refs[1:] {
				f.Related = append(f.Related, lint.Related{Pos: r.Pos, Message: "also used here"})
			}
			pass.Report(f)
		}
		return nil
	},
})

// podEnv returns the variables the collector's pod defines, a phrase naming
// where they come from, and whether otelcfg knows the pod at all: Helm
// values and operator CRs, unless they import variables wholesale.
func podEnv(pass *lint.Pass) (map[string]bool, string, bool) {
	doc := pass.Doc
	defined := map[string]bool{}
	for _, n := range doc.DefinedEnv {
		defined[n] = true
	}
	switch doc.Kind {
	case config.KindHelmValues:
		if truthyNode(helmValues(doc).Get("extraEnvsFrom")) {
			return nil, "", false
		}
		return defined, "the chart's pod (its env and extraEnvs)", true
	case config.KindOperatorCR:
		spec := doc.Source.Get("spec")
		if truthyNode(spec.Get("envFrom")) {
			return nil, "", false
		}
		// The operator's own variables (internal/manifests/collector/
		// container.go at operator v0.157.0): POD_NAME always, K8S_NODE_NAME
		// for a kubelet_stats receiver (its component parser).
		defined["POD_NAME"] = true
		if pass.Collector != nil {
			for _, r := range pass.Collector.Components["receivers"] {
				if ruleutil.CanonType(pass, r, catalog.Receiver) == "kubelet_stats" {
					defined["K8S_NODE_NAME"] = true
				}
			}
		}
		return defined, "the OpenTelemetryCollector's pod (spec.env and the operator's POD_NAME)", true
	}
	return nil, "", false
}

// helmValues is the values map of the collector chart in a Helm values
// document: the document itself.
func helmValues(doc *config.Document) *config.Node { return doc.Source }

// truthyNode is Helm's truth for a value: set and not empty, false or 0.
func truthyNode(n *config.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case config.NullNode:
		return false
	case config.MapNode:
		return len(n.Entries) > 0
	case config.SeqNode:
		return len(n.Items) > 0
	}
	switch n.Value {
	case "", "false", "0":
		return false
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package deploy

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

const injectAnnotation = "sidecar.opentelemetry.io/inject"

// OperatorSidecarAnnotation checks, across the linted files, that workloads
// ask for sidecar collectors that exist and that sidecar collectors are
// asked for.
var OperatorSidecarAnnotation = register(&lint.Rule{
	ID:       "operator-sidecar-annotation",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "A sidecar collector and the workloads' inject annotations do not match",
		Text: "The operator injects a sidecar-mode OpenTelemetryCollector only into pods annotated " + injectAnnotation + `: "NAME" (or "NAMESPACE/NAME"), or "true" when exactly one sidecar collector exists in the namespace; the annotation may also sit on the Namespace. It acts only when a pod is created: existing pods must be restarted. ` +
			"When workloads are linted together with sidecar collectors, otelcfg reports (warning) an annotation naming no linted sidecar collector, one on a workload's own metadata instead of its pod template (the operator only reads pods), and \"true\" with several sidecar collectors in the namespace; and (info) a sidecar collector that no linted workload or namespace asks for. Without workloads in the linted set nothing is reported.",
		Bad:  "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: sidecar-for-spring\n  namespace: spring\nspec:\n  mode: sidecar\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: spring-app\n  namespace: spring\nspec:\n  template:\n    metadata:\n      annotations:\n        sidecar.opentelemetry.io/inject: sidecar-for-sprnig\n    spec:\n      containers:\n        - name: app\n          image: spring-app:1.0\n",
		Good: "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: sidecar-for-spring\n  namespace: spring\nspec:\n  mode: sidecar\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: spring-app\n  namespace: spring\nspec:\n  template:\n    metadata:\n      annotations:\n        sidecar.opentelemetry.io/inject: sidecar-for-spring\n    spec:\n      containers:\n        - name: app\n          image: spring-app:1.0\n",
	},
	CheckSet: func(pass *lint.SetPass) error {
		type collector struct {
			doc       *config.Document
			name, ns  string
			sidecar   bool
			requested bool
		}
		var cols []*collector
		for _, d := range pass.Docs {
			if d.Kind != config.KindOperatorCR {
				continue
			}
			meta := d.Source.Get("metadata")
			cols = append(cols, &collector{doc: d, name: ruleutil.ScalarStr(meta.Get("name")), ns: ruleutil.ScalarStr(meta.Get("namespace")), sidecar: ruleutil.ModeOf(d) == "sidecar"})
		}
		sameNS := func(a, b string) bool { return a == "" || b == "" || a == b }
		workloadNS := map[string]bool{}
		anyWorkload := false
		for _, d := range pass.Docs {
			kind := ruleutil.ScalarStr(d.Source.Get("kind"))
			meta := d.Source.Get("metadata")
			ns := ruleutil.ScalarStr(meta.Get("namespace"))
			var podMeta *config.Node
			var podPath string
			switch kind {
			case "Pod":
				podMeta, podPath = meta, "metadata"
			case "Namespace":
				podMeta, podPath, ns = meta, "metadata", ruleutil.ScalarStr(meta.Get("name"))
			case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
				podMeta, podPath = d.Source.Get("spec").Get("template").Get("metadata"), "spec.template.metadata"
			case "CronJob":
				podMeta, podPath = d.Source.Get("spec").Get("jobTemplate").Get("spec").Get("template").Get("metadata"), "spec.jobTemplate.spec.template.metadata"
			default:
				continue
			}
			if kind != "Namespace" {
				anyWorkload = true
				workloadNS[ns] = true
			}
			if kind != "Pod" && kind != "Namespace" {
				if a := meta.Get("annotations").Entry(injectAnnotation); a != nil && podMeta.Get("annotations").Entry(injectAnnotation) == nil {
					pass.Report(lint.Finding{Pos: a.KeyPos, Path: "metadata.annotations." + injectAnnotation, Severity: lint.Warning, Message: fmt.Sprintf(
						"%s is on the %s's own metadata: the operator only reads pod annotations (and the namespace's), so no sidecar is injected; move it to %s.annotations", injectAnnotation, kind, podPath)})
				}
			}
			a := podMeta.Get("annotations").Entry(injectAnnotation)
			if a == nil {
				continue
			}
			val := strings.TrimSpace(ruleutil.ScalarStr(a.Value))
			path := podPath + ".annotations." + injectAnnotation
			switch strings.ToLower(val) {
			case "false", "":
				continue
			case "true":
				var in []*collector
				for _, c := range cols {
					if c.sidecar && sameNS(c.ns, ns) {
						in = append(in, c)
					}
				}
				for _, c := range in {
					c.requested = true
				}
				if len(in) > 1 {
					pass.Report(lint.Finding{Pos: a.Value.Pos, Path: path, Severity: lint.Warning, Message: fmt.Sprintf(
						`%s: "true" needs exactly one sidecar collector in the namespace, but %d are linted (%s): name the one to inject`, injectAnnotation, len(in), collectorNames(len(in), func(i int) string { return in[i].name }))})
				}
				continue
			}
			want, wantNS := val, ns
			if i := strings.Index(val, "/"); i >= 0 {
				wantNS, want = val[:i], val[i+1:]
			}
			var names []string
			found := false
			for _, c := range cols {
				if !sameNS(c.ns, wantNS) {
					continue
				}
				if c.name == want {
					found = true
					c.requested = true
					if !c.sidecar {
						pass.Report(lint.Finding{Pos: a.Value.Pos, Path: path, Severity: lint.Warning, Message: fmt.Sprintf(
							"%s names OpenTelemetryCollector %q, whose mode is %s, not sidecar: nothing is injected", injectAnnotation, want, ruleutil.ModeOf(c.doc))})
					}
				}
				if c.sidecar {
					names = append(names, c.name)
				}
			}
			if !found && len(cols) > 0 {
				pass.Report(lint.Finding{Pos: a.Value.Pos, Path: path, Severity: lint.Warning, Message: fmt.Sprintf(
					"%s names %q, but no linted OpenTelemetryCollector of that name is in namespace %s%s: no sidecar is injected", injectAnnotation, val, nsText(wantNS), ruleutil.DidYouMean(want, names))})
			}
		}
		if !anyWorkload {
			return nil
		}
		for _, c := range cols {
			if !c.sidecar || c.requested {
				continue
			}
			if !workloadNS[c.ns] && c.ns != "" {
				continue // its workloads are not in the linted set
			}
			spec := c.doc.Source.Get("spec")
			pass.Reportf(entryPos(spec, "mode"), "spec.mode", `sidecar collector %q is requested by no linted pod template or namespace in %s: add the annotation %s: %q to the pod template of the workloads that need it (it applies when pods are created, so restart them)`, c.name, nsText(c.ns), injectAnnotation, c.name)
		}
		return nil
	},
})

func nsText(ns string) string {
	if ns == "" {
		return "(the same namespace)"
	}
	return fmt.Sprintf("%q", ns)
}

func collectorNames(n int, name func(int) string) string {
	names := make([]string, n)
	for i := range names {
		names[i] = name(i)
	}
	return ruleutil.QuoteList(names)
}

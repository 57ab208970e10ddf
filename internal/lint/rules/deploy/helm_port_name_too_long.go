package deploy

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// HelmPortNameTooLong reports `ports` names Kubernetes refuses.
var HelmPortNameTooLong = register(&lint.Rule{
	ID:       "helm-port-name-too-long",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "A Helm `ports` name is not a valid Kubernetes port name",
		Text: "The chart uses each key of `ports` as the name of a container port and a Service port. Kubernetes requires port names of at most 15 characters, made of lower-case letters, digits and '-', with at least one letter and no '-' at either end or twice in a row. " +
			"The collector does not care, but the Kubernetes API server rejects the Deployment/DaemonSet and the Service, so `helm install` fails. Only enabled ports are rendered, so only they are checked.",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nports:\n  prometheus-remote-write:\n    enabled: true\n    containerPort: 9090\n    servicePort: 9090\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nports:\n  prom-rw:\n    enabled: true\n    containerPort: 9090\n    servicePort: 9090\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindHelmValues {
			return nil
		}
		for _, p := range helmPorts(pass.Doc.Source) {
			if !p.User || !p.Enabled {
				continue
			}
			if why := validPortName(p.Name); why != "" {
				pass.Reportf(p.Pos, "ports."+p.Name, "port name %q is not a valid Kubernetes port name (%s): the API server rejects the chart's workload and Service, so the install fails; rename it (at most 15 lower-case letters, digits and '-')", p.Name, why)
			}
		}
		return nil
	},
})

package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// InsecureBind reports receivers of a plain config, outside any container,
// that listen on every network interface.
var InsecureBind = register(&lint.Rule{
	ID:       "insecure-bind",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "A receiver listens on every network interface of a host",
		Text: "Since v0.104.0 the collector's receivers listen on localhost by default; `0.0.0.0` (or an empty host, `:4317`) opens them to every network the machine is on, so anyone who can reach it can send data. It is an info finding: many plain configs run in Docker, where 0.0.0.0 is required and otelcfg cannot tell. " +
			"On a host or VM, bind to `localhost` (or the one interface that must receive) and put TLS/authentication in front of public listeners. " +
			"In a pod the collector must listen on the pod's interface, so otelcfg stays silent for Helm values, operator resources, ConfigMaps and for plain configs that show they run in Kubernetes or a container (cluster addresses such as `.svc.cluster.local`, `${env:MY_POD_IP}`, Kubernetes components). " +
			"In Kubernetes prefer `${env:MY_POD_IP}:4317`; for a container started by hand, suppress the finding with `# otelcfg:ignore insecure-bind runs in docker`.",
		Bad:  "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good: "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: localhost:4317\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil || inContainer(pass) {
			return nil
		}
		for _, c := range pass.Collector.Components["receivers"] {
			walkMaps(c.Node, c.Path, func(m *config.Node, path string) {
				for _, key := range []string{"endpoint", "listen_address"} {
					e := m.Entry(key)
					if e == nil || e.Value.Kind != config.ScalarNode || !ruleutil.UserNode(e.Value) || !allInterfaces(e.Value.Value) {
						continue
					}
					pass.Reportf(e.Value.Pos, config.JoinPath(path, key), "receiver %q listens on every interface (%s): bind to localhost or one interface on a host; if this config runs in a container, suppress this finding", c.ID, e.Value.Value)
				}
			})
		}
		return nil
	},
})

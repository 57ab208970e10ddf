package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// ExposedDebugEndpoint reports pprof and zpages (and, on a host,
// health_check) extensions listening on every interface.
var ExposedDebugEndpoint = register(&lint.Rule{
	ID:       "exposed-debug-endpoint",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A debugging extension listens on every network interface",
		Text: "The pprof extension serves Go profiles (heap contents, goroutine stacks; a CPU profile request costs the collector CPU) and zpages serves recent spans and pipeline internals, without authentication. " +
			"They default to localhost; `0.0.0.0` (or `:port`) exposes them to every network the collector is on, in a pod to the whole cluster. " +
			"Keep them on `localhost` and reach them with `kubectl port-forward` or an SSH tunnel. " +
			"health_check is reported (as info) only for plain configs outside a container, since Kubernetes probes need it on the pod's interface.",
		Bad:  "extensions:\n  pprof:\n    endpoint: 0.0.0.0:1777\nreceivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  extensions: [pprof]\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good: "extensions:\n  pprof:\n    endpoint: localhost:1777\nreceivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  extensions: [pprof]\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil {
			return nil
		}
		enabled := enabledExtensions(pass.Collector)
		host := !inContainer(pass)
		for _, c := range pass.Collector.Components["extensions"] {
			if !enabled[ruleutil.NormID(c.ID)] {
				continue // not started: unused-component explains it
			}
			ep := c.Node.Get("endpoint")
			if !ruleutil.UserNode(ep) || !allInterfaces(ep.Value) {
				continue
			}
			switch ruleutil.CanonType(pass, c, catalog.Extension) {
			case "pprof":
				pass.Reportf(ep.Pos, c.Path+".endpoint", "extension %q serves Go profiles on every interface (%s) without authentication: bind it to localhost:1777 and port-forward to it", c.ID, ep.Value)
			case "zpages":
				pass.Reportf(ep.Pos, c.Path+".endpoint", "extension %q serves recent spans and pipeline internals on every interface (%s) without authentication: bind it to localhost:55679 and port-forward to it", c.ID, ep.Value)
			case "health_check", "healthcheckv2":
				if host {
					pass.Report(lint.Finding{Severity: lint.Info, Pos: ep.Pos, Path: c.Path + ".endpoint",
						Message: fmt.Sprintf("extension %q answers health checks on every interface (%s): on a host, bind it to localhost unless a remote load balancer probes it", c.ID, ep.Value)})
				}
			}
		}
		return nil
	},
})

package deploy

import (
	"fmt"
	"sort"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// listeningReceivers are receivers that listen for pushed data, with the
// settings keys that hold their listen address.
var listeningReceivers = map[string]bool{
	"otlp": true, "jaeger": true, "zipkin": true, "opencensus": true, "fluent_forward": true,
	"statsd": true, "carbon": true, "splunk_hec": true, "signalfx": true, "skywalking": true,
	"influxdb": true, "loki": true, "datadog": true, "awsxray": true, "collectd": true,
	"faro": true, "libhoney": true, "github": true, "gitlab": true, "webhook_event": true,
	"prometheus_remote_write": true, "tcp_log": true, "udp_log": true, "syslog": true,
}

// HelmPortNotExposed reports receivers listening on ports the chart does not open.
var HelmPortNotExposed = register(&lint.Rule{
	ID:       "helm-port-not-exposed",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A receiver listens on a port the Helm chart does not expose",
		Text: "The opentelemetry-collector chart never derives container or Service ports from the config: it opens exactly the entries of `ports` with enabled: true (its defaults — otlp 4317, otlp-http 4318, jaeger, zipkin — merged with yours). " +
			"A receiver listening on any other port starts fine but nothing outside the pod can reach it. Add a `ports` entry with enabled: true and that containerPort (and servicePort), or move the receiver to an exposed port.",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  receivers:\n    statsd:\n      endpoint: ${env:MY_POD_IP}:8125\n  service:\n    pipelines:\n      metrics:\n        receivers: [otlp, statsd]\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nports:\n  statsd:\n    enabled: true\n    containerPort: 8125\n    servicePort: 8125\n    protocol: UDP\nconfig:\n  receivers:\n    statsd:\n      endpoint: ${env:MY_POD_IP}:8125\n  service:\n    pipelines:\n      metrics:\n        receivers: [otlp, statsd]\n",
	},
	Check: func(pass *lint.Pass) error {
		c := pass.Collector
		if pass.Doc.Kind != config.KindHelmValues || c == nil {
			return nil
		}
		open := map[int]bool{}
		var disabled = map[int]string{}
		for _, p := range helmPorts(pass.Doc.Source) {
			if p.Enabled {
				open[p.ContainerPort] = true
			} else if p.ContainerPort > 0 {
				disabled[p.ContainerPort] = p.Name
			}
		}
		used := map[string]bool{}
		for _, p := range c.Pipelines {
			for _, r := range p.Receivers {
				used[ruleutil.NormID(r.ID)] = true
			}
		}
		for _, r := range c.Components["receivers"] {
			if !used[ruleutil.NormID(r.ID)] || !listeningReceivers[ruleutil.ComponentType(pass.Catalog, "receivers", r.ID)] {
				continue
			}
			for _, ep := range listenAddresses(r.Node, r.Path) {
				port, ok := endpointPort(ep.node.Value)
				if !ok || open[port] || ep.node.Origin != "" {
					continue
				}
				fix := fmt.Sprintf("add `ports: {NAME: {enabled: true, containerPort: %d, servicePort: %d}}` to the values", port, port)
				if name, ok := disabled[port]; ok {
					fix = fmt.Sprintf("set ports.%s.enabled: true", name)
				}
				pass.Reportf(ep.node.Pos, ep.path, "receiver %q listens on port %d, which no enabled entry of `ports` opens: the chart does not derive ports from the config, so nothing outside the pod reaches it; %s", r.ID, port, fix)
			}
		}
		return nil
	},
})

type addrNode struct {
	node *config.Node
	path string
}

// listenAddresses finds endpoint and listen_address scalars in a
// receiver's settings, in a stable order.
func listenAddresses(n *config.Node, path string) []addrNode {
	var out []addrNode
	var walk func(n *config.Node, path string, depth int)
	walk = func(n *config.Node, path string, depth int) {
		if n == nil || n.Kind != config.MapNode || depth > 4 {
			return
		}
		for _, e := range n.Entries {
			p := path + "." + e.Key
			if (e.Key == "endpoint" || e.Key == "listen_address") && e.Value.Kind == config.ScalarNode {
				out = append(out, addrNode{e.Value, p})
				continue
			}
			walk(e.Value, p, depth+1)
		}
	}
	walk(n, path, 0)
	sort.SliceStable(out, func(i, j int) bool { return out[i].node.Pos.Line < out[j].node.Pos.Line })
	return out
}

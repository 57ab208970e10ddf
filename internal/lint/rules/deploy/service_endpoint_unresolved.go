package deploy

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// chartName is the opentelemetry-collector chart's name, part of the
// Service name of every release.
const chartName = chart.Name

// serviceHost matches an in-cluster Service address NAME.NAMESPACE.svc[.cluster.local].
var serviceHost = regexp.MustCompile(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?\.?$`)

// collectorService is a Service that a linted Helm release or CR creates.
type collectorService struct {
	name, namespace string // namespace "" = not known (the release's)
	ports           map[int]bool
	doc             *config.Document
	// anyRelease is set for Helm values whose release name was not given:
	// every NAME-opentelemetry-collector (or NAME containing it) matches.
	anyRelease bool
	// ports is nil when they are not known (a ConfigMap's collector).
	label string
}

// ServiceEndpointUnresolved resolves exporter endpoints naming collector
// Services against the Helm releases and CRs linted together.
var ServiceEndpointUnresolved = register(&lint.Rule{
	ID:       "service-endpoint-unresolved",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An exporter sends to a collector Service that no linted Helm release or CR creates",
		Text: "When agents and gateways are linted together, otelcfg resolves exporter endpoints of the form NAME.NAMESPACE.svc[.cluster.local]:PORT that name a collector Service against the Helm releases and OpenTelemetryCollector resources in the set. " +
			"The chart's Service is its fullname: the release name plus \"-opentelemetry-collector\" unless the release name contains it (fullnameOverride replaces it, namespaceOverride sets the namespace); the release name is given with --release-name FILE=NAME, otherwise any release name is accepted. The operator's Service is NAME-collector (also NAME-collector-headless) in the CR's namespace; sidecars have none. A collector deployed from a linted ConfigMap is assumed to have a Service named like the ConfigMap, on any port. " +
			"A name that matches nothing and is a near miss of a linted Service or looks like a collector's (it contains \"collector\", other products' collectors such as jaeger-collector aside) — a typo sends data into DNS errors and retries — or a port the Service does not expose (the chart's enabled `ports`, the operator's ports derived from receiver endpoints) is reported. Nothing is reported for a collector when the set holds no other Helm release, CR or collector ConfigMap to resolve against (a file linted alone).",
		Bad:  "mode: deployment\nnamespaceOverride: monitoring\nfullnameOverride: otel-gateway\nimage:\n  repository: otel/opentelemetry-collector-contrib\n---\napiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: agent\n  namespace: apps\nspec:\n  mode: daemonset\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      otlp_grpc:\n        endpoint: otel-gatway.monitoring.svc.cluster.local:4317\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [otlp_grpc]\n",
		Good: "mode: deployment\nnamespaceOverride: monitoring\nfullnameOverride: otel-gateway\nimage:\n  repository: otel/opentelemetry-collector-contrib\n---\napiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: agent\n  namespace: apps\nspec:\n  mode: daemonset\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      otlp_grpc:\n        endpoint: otel-gateway.monitoring.svc.cluster.local:4317\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [otlp_grpc]\n",
	},
	CheckSet: func(pass *lint.SetPass) error {
		var svcs []*collectorService
		for i, d := range pass.Docs {
			switch d.Kind {
			case config.KindHelmValues:
				svcs = append(svcs, helmService(d, pass.ReleaseNames))
			case config.KindOperatorCR:
				svcs = append(svcs, crServices(d, pass.Collectors[i])...)
			case config.KindConfigMap:
				// A collector deployed from a ConfigMap: its Service is
				// not known; assume it is named like the ConfigMap. A
				// ConfigMap holding no collector config (a CA bundle) is
				// no collector.
				if meta := d.Source.Get("metadata"); d.Config != nil && ruleutil.ScalarStr(meta.Get("name")) != "" && !seenConfigMap(svcs, d) {
					svcs = append(svcs, &collectorService{name: ruleutil.ScalarStr(meta.Get("name")), namespace: ruleutil.ScalarStr(meta.Get("namespace")), doc: d, label: d.Name})
				}
			}
		}
		if len(svcs) == 0 {
			return nil
		}
		var names []string
		for _, s := range svcs {
			names = append(names, s.name)
		}
		for i, d := range pass.Docs {
			c := pass.Collectors[i]
			if c == nil {
				continue
			}
			for _, e := range c.Components["exporters"] {
				if e.Origin != "" {
					continue
				}
				for _, ep := range exporterEndpoints(e) {
					checkEndpoint(pass, d, e, ep, svcs, names)
				}
			}
		}
		return nil
	},
})

func exporterEndpoints(e *config.Component) []addrNode {
	var out []addrNode
	for _, k := range []string{"endpoint", "traces_endpoint", "metrics_endpoint", "logs_endpoint"} {
		if n := e.Node.Get(k); n != nil && n.Kind == config.ScalarNode {
			out = append(out, addrNode{n, e.Path + "." + k})
		}
	}
	return out
}

func checkEndpoint(pass *lint.SetPass, doc *config.Document, e *config.Component, ep addrNode, svcs []*collectorService, names []string) {
	host := ep.node.Value
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	port, hasPort := endpointPort(host)
	if i := strings.LastIndex(host, ":"); i >= 0 {
		host = host[:i]
	}
	m := serviceHost.FindStringSubmatch(strings.ToLower(host))
	if m == nil {
		return
	}
	name, ns := m[1], m[3]
	others := 0
	for _, s := range svcs {
		if s.doc != doc {
			others++
		}
	}
	if others == 0 {
		return // linted alone: no other collector to resolve the name against
	}
	var matched []*collectorService
	for _, s := range svcs {
		if s.doc == doc || s.namespace != "" && s.namespace != ns {
			continue
		}
		if s.name == name || s.anyRelease && (strings.HasSuffix(name, "-"+chartName) || strings.Contains(name, chartName)) {
			matched = append(matched, s)
		}
	}
	if len(matched) == 0 {
		if ruleutil.DidYouMean(name, names) == "" && (!strings.Contains(name, "collector") || otherCollector(name)) {
			return // not an OpenTelemetry collector Service: some other backend
		}
		var inNS []string
		for _, s := range svcs {
			if s.doc != doc && (s.namespace == "" || s.namespace == ns) {
				inNS = append(inNS, s.name)
			}
		}
		hint := ruleutil.DidYouMean(name, inNS)
		if hint == "" {
			hint = ruleutil.DidYouMean(name, names)
			if hint != "" {
				hint = strings.Replace(hint, "?)", " in another namespace?)", 1)
			}
		}
		pass.Reportf(ep.node.Pos, ep.path, "exporter %q sends to Service %q in namespace %q, which no linted Helm release or OpenTelemetryCollector creates%s; linted collector Services: %s", e.ID, name, ns, hint, serviceList(svcs, doc))
		return
	}
	if !hasPort {
		return
	}
	for _, s := range matched {
		if s.ports == nil {
			return // ports not known
		}
	}
	var exposed []int
	for _, s := range matched {
		if s.ports[port] {
			return
		}
		for p := range s.ports {
			exposed = append(exposed, p)
		}
	}
	sort.Ints(exposed)
	pass.Reportf(ep.node.Pos, ep.path, "exporter %q sends to port %d of Service %q (%s), which does not expose it (ports %s)", e.ID, port, name, matched[0].label, intList(exposed))
}

// otherCollectors are parts of Service names that other products' charts
// give their collectors: Jaeger's chart (RELEASE-jaeger-collector) and the
// Splunk distribution's (RELEASE-splunk-otel-collector-agent).
var otherCollectors = []string{"jaeger-collector", "splunk-otel-collector"}

// otherCollector reports whether a Service name is some other product's
// collector, not one an OpenTelemetry collector chart or operator creates.
func otherCollector(name string) bool {
	for _, o := range otherCollectors {
		if strings.Contains(name, o) {
			return true
		}
	}
	return false
}

// seenConfigMap is true when d's ConfigMap (several data keys make several
// documents) already has its service in svcs.
func seenConfigMap(svcs []*collectorService, d *config.Document) bool {
	for _, s := range svcs {
		if s.doc.Source == d.Source {
			return true
		}
	}
	return false
}

func serviceList(svcs []*collectorService, except *config.Document) string {
	var out []string
	for _, s := range svcs {
		if s.doc == except {
			continue
		}
		n := s.name
		if s.namespace != "" {
			n += "." + s.namespace
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

func intList(ps []int) string {
	var s []string
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			s = append(s, fmt.Sprint(p))
		}
	}
	return strings.Join(s, ", ")
}

// helmService is the Service the chart creates for a values document.
func helmService(d *config.Document, releases map[string]string) *collectorService {
	vals := d.Source
	s := &collectorService{doc: d, namespace: ruleutil.ScalarStr(vals.Get("namespaceOverride")), ports: map[int]bool{}}
	for _, p := range helmPorts(vals) {
		if p.Enabled && p.ServicePort > 0 {
			s.ports[p.ServicePort] = true
		}
	}
	release, given := releases[filepath.Clean(d.File)]
	if !given {
		release, given = releases[filepath.Base(d.File)]
	}
	if !given {
		release = releaseFromFile(d.File)
	}
	s.label = fmt.Sprintf("Helm release %q of %s", release, d.File)
	full, name := ruleutil.ScalarStr(vals.Get("fullnameOverride")), ruleutil.ScalarStr(vals.Get("nameOverride"))
	s.name = chart.Fullname(release, name, full)
	if full != "" {
		return s
	}
	s.anyRelease = !given && (name == "" || name == chart.Name)
	if !given {
		s.label = fmt.Sprintf("Helm values %s (release name not given)", d.File)
	}
	return s
}

// releaseFromFile guesses a release name from a values file name:
// gateway-values.yaml → gateway.
func releaseFromFile(file string) string {
	b := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	for _, cut := range []string{"-values", "_values", ".values"} {
		b = strings.TrimSuffix(b, cut)
	}
	b = strings.TrimPrefix(strings.TrimPrefix(b, "values-"), "values.")
	return strings.ToLower(b)
}

// defaultReceiverPorts are the ports the operator opens for receivers
// whose endpoint is not written (its receiver parsers).
var defaultReceiverPorts = map[string]map[string]int{
	"otlp":   {"grpc": 4317, "http": 4318},
	"jaeger": {"grpc": 14250, "thrift_http": 14268, "thrift_compact": 6831, "thrift_binary": 6832},
	"zipkin": {"": 9411},
}

// crServices are the Services the operator creates for a CR: NAME-collector
// and NAME-collector-headless with ports derived from receiver endpoints
// and spec.ports; none for sidecars.
func crServices(d *config.Document, c *config.Collector) []*collectorService {
	if ruleutil.ModeOf(d) == "sidecar" {
		return nil
	}
	meta := d.Source.Get("metadata")
	name := ruleutil.ScalarStr(meta.Get("name"))
	if name == "" {
		return nil
	}
	ports := map[int]bool{}
	if c != nil {
		for _, r := range c.Components["receivers"] {
			typ, _, _ := config.SplitID(ruleutil.NormID(r.ID))
			if defs, ok := defaultReceiverPorts[typ]; ok {
				for proto, p := range defs {
					n := r.Node
					if proto != "" {
						n = r.Node.Get("protocols").Get(proto)
						if r.Node.Get("protocols").Entry(proto) == nil {
							continue
						}
					}
					if ep, ok := endpointPort(ruleutil.ScalarStr(n.Get("endpoint"))); ok {
						p = ep
					}
					ports[p] = true
				}
				continue
			}
			for _, ep := range listenAddresses(r.Node, r.Path) {
				if p, ok := endpointPort(ep.node.Value); ok {
					ports[p] = true
				}
			}
		}
	}
	if sp := d.Source.Get("spec").Get("ports"); sp != nil && sp.Kind == config.SeqNode {
		for _, p := range sp.Items {
			if n, ok := scalarInt(p.Get("port")); ok {
				ports[n] = true
			}
		}
	}
	ns := ruleutil.ScalarStr(meta.Get("namespace"))
	label := "OpenTelemetryCollector " + name
	return []*collectorService{
		{name: name + "-collector", namespace: ns, ports: ports, doc: d, label: label},
		{name: name + "-collector-headless", namespace: ns, ports: ports, doc: d, label: label},
		{name: name + "-collector-monitoring", namespace: ns, ports: map[int]bool{8888: true}, doc: d, label: label},
	}
}

package rules

import (
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// TLSInsecure reports client TLS settings that turn protection off toward
// endpoints on the internet, contradictory TLS settings, and an http://
// scheme a gRPC exporter does not honour.
var TLSInsecure = register(&lint.Rule{
	ID:       "tls-insecure",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "TLS is off, unverified or contradictory for an outgoing connection",
		Text: "`tls.insecure: true` sends data in plaintext and `tls.insecure_skip_verify: true` accepts any certificate, so anyone on the path can read or impersonate the backend. " +
			"otelcfg reports them toward hosts on the internet (public IPs, names under public top-level domains); inside a cluster or a private network (`.svc.cluster.local`, single-label names, private IPs) plaintext is a deliberate choice and stays silent. " +
			"Setting both is contradictory: `insecure` turns TLS off, so `insecure_skip_verify` has no effect; keep the one you mean. " +
			"A gRPC exporter (otlp_grpc) does not read `http://` in its endpoint as \"plaintext\": unless `tls.insecure: true` is set it still starts a TLS handshake, which a plaintext server refuses. Set `tls.insecure: true` for plaintext, or drop the scheme.",
		Bad:  "exporters:\n  otlp_grpc:\n    endpoint: api.example.com:4317\n    tls:\n      insecure_skip_verify: true\n",
		Good: "exporters:\n  otlp_grpc:\n    endpoint: api.example.com:4317\n    tls:\n      ca_file: /etc/otel/ca.pem\n",
	},
	Check: func(pass *lint.Pass) error {
		forEachComponent(pass, func(c *config.Component, class catalog.Class) {
			if class == catalog.Receiver {
				return // server TLS has no insecure settings
			}
			typ := ruleutil.CanonType(pass, c, class)
			walkMaps(c.Node, c.Path, func(m *config.Node, path string) {
				tls := m.Get("tls")
				ep := m.Get("endpoint")
				if ep == nil {
					ep = c.Node.Get("endpoint")
				}
				endpoint := ""
				if ep != nil && ep.Kind == config.ScalarNode {
					endpoint = ep.Value
				}
				insecure, skip := tls.Get("insecure"), tls.Get("insecure_skip_verify")
				if class == catalog.Exporter && typ == "otlp_grpc" && m == c.Node && ruleutil.UserNode(ep) &&
					strings.HasPrefix(strings.ToLower(endpoint), "http://") && !isTrue(insecure) {
					pass.Reportf(ep.Pos, path+".endpoint", "%s %q: a gRPC exporter does not read http:// as plaintext: it still uses TLS unless tls.insecure is true; set tls.insecure: true for a plaintext server, or use an https:// or bare host:port endpoint", class, c.ID)
				}
				if tls == nil || tls.Kind != config.MapNode {
					return
				}
				host, ok := hostOf(endpoint)
				public := ok && ruleutil.UserNode(ep) && publicHost(host)
				switch {
				case isTrue(insecure) && isTrue(skip) && ruleutil.UserNode(skip):
					pass.Reportf(skip.Pos, path+".tls.insecure_skip_verify", "%s %q sets both tls.insecure and tls.insecure_skip_verify: insecure turns TLS off, so insecure_skip_verify has no effect; keep insecure for plaintext, or drop it to use TLS (and verify the certificate)", class, c.ID)
				case isTrue(skip) && ruleutil.UserNode(skip) && public:
					pass.Reportf(skip.Pos, path+".tls.insecure_skip_verify", "%s %q accepts any certificate from %s (tls.insecure_skip_verify): anyone on the path can impersonate it; give the CA with tls.ca_file instead", class, c.ID, host)
				case isTrue(insecure) && ruleutil.UserNode(insecure) && public:
					pass.Reportf(insecure.Pos, path+".tls.insecure", "%s %q sends data in plaintext to %s, a host on the internet (tls.insecure: true): remove it to use TLS", class, c.ID, host)
				}
			})
		})
		return nil
	},
})

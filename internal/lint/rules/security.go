package rules

import (
	"net"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Helpers shared by the security rules (insecure-bind, tls-insecure,
// inline-secret, exposed-debug-endpoint, debug-detailed-in-production).

// hostOf splits an endpoint ("0.0.0.0:4317", "http://h:4318/v1", "[::]:80",
// ":4317") into its host; ok is false when it has no recognisable host part.
func hostOf(endpoint string) (host string, ok bool) {
	s := endpoint
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		return h, true
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return s[1 : len(s)-1], true
	}
	if s == "" || strings.Contains(s, ":") && !strings.Contains(s, "::") {
		return "", false
	}
	return s, true
}

// allInterfaces reports whether a server endpoint listens on every
// interface: 0.0.0.0, ::, or no host (":4317").
func allInterfaces(endpoint string) bool {
	s := strings.TrimSpace(endpoint)
	if strings.HasPrefix(s, ":") {
		if _, err := strconv.Atoi(s[1:]); err == nil {
			return true
		}
	}
	h, ok := hostOf(s)
	if !ok {
		return false
	}
	return h == "0.0.0.0" || h == "::" || h == "0:0:0:0:0:0:0:0"
}

// publicTLDs are the top-level domains for which a host name is taken to be
// on the internet. Anything else (single labels, service.namespace, .svc,
// .local, .internal, private IPs) is treated as a private network, where
// plaintext is a deliberate choice: no finding.
var publicTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "io": true, "dev": true, "app": true, "cloud": true, "ai": true,
	"co": true, "eu": true, "us": true, "uk": true, "de": true, "fr": true, "jp": true, "info": true,
	"tech": true, "sh": true, "me": true, "nl": true, "ca": true, "au": true, "in": true, "br": true,
}

// publicHost reports whether host is a public IP address or a name under a
// public top-level domain.
func publicHost(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	i := strings.LastIndex(host, ".")
	return i > 0 && publicTLDs[host[i+1:]]
}

// containerHints are texts that show a plain config runs in Kubernetes or a
// container, where a server must listen on the pod's interfaces.
var containerHints = []string{".svc.cluster.local", ".svc:", "POD_IP", "/var/log/pods", "/var/lib/docker/containers", "KUBE_NODE_NAME", "K8S_NODE_NAME"}

// containerTypes are components that only make sense in a cluster or a container.
var containerTypes = map[string]bool{"k8s_attributes": true, "k8s_cluster": true, "kubeletstats": true, "k8s_events": true,
	"k8sobjects": true, "k8s_objects": true, "docker_stats": true, "receiver_creator": true, "k8s_observer": true, "docker_observer": true}

// inContainer reports whether the document's collector runs in a pod or a
// container: Helm values, operator CRs and ConfigMaps always do; a plain
// config does when it names cluster addresses, the pod IP variables or
// Kubernetes components.
func inContainer(pass *lint.Pass) bool {
	if pass.Doc.Kind != config.KindConfig {
		return true
	}
	for _, e := range pass.Doc.Env {
		if strings.Contains(e.Name, "POD_IP") || strings.HasPrefix(e.Name, "K8S_") || strings.HasPrefix(e.Name, "KUBE") {
			return true
		}
	}
	if pass.Collector != nil {
		for _, sec := range config.Sections {
			for _, c := range pass.Collector.Components[sec] {
				if containerTypes[ruleutil.CanonType(pass, c, ruleutil.ClassOf(sec))] || containerTypes[c.Type] {
					return true
				}
			}
		}
	}
	found := false
	walkScalars(pass.Doc.Config, "", func(n *config.Node, _ string) {
		for _, h := range containerHints {
			if strings.Contains(n.Value, h) {
				found = true
			}
		}
	})
	return found
}

// walkScalars calls fn for every scalar under n with its path below base.
func walkScalars(n *config.Node, base string, fn func(*config.Node, string)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case config.ScalarNode:
		fn(n, base)
	case config.MapNode:
		for _, e := range n.Entries {
			walkScalars(e.Value, config.JoinPath(base, e.Key), fn)
		}
	case config.SeqNode:
		for i, it := range n.Items {
			walkScalars(it, config.IndexPath(base, i), fn)
		}
	}
}

// walkMaps calls fn for every map under n (n included) with its path.
func walkMaps(n *config.Node, base string, fn func(*config.Node, string)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case config.MapNode:
		fn(n, base)
		for _, e := range n.Entries {
			walkMaps(e.Value, config.JoinPath(base, e.Key), fn)
		}
	case config.SeqNode:
		for i, it := range n.Items {
			walkMaps(it, config.IndexPath(base, i), fn)
		}
	}
}

// isTrue reports whether n is a YAML true.
func isTrue(n *config.Node) bool {
	return n != nil && n.Kind == config.ScalarNode && n.Tag == "!!bool" && strings.EqualFold(n.Value, "true")
}

// enabledExtensions returns the IDs in service.extensions.
func enabledExtensions(c *config.Collector) map[string]bool {
	m := map[string]bool{}
	for _, r := range c.Extensions {
		m[ruleutil.NormID(r.ID)] = true
	}
	return m
}

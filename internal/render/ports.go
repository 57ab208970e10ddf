package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// listenSpec is one network listener a receiver type opens.
type listenSpec struct {
	path     []string // config path of the endpoint setting inside the receiver
	optional bool     // path[:len-1] must be present for the listener to exist (protocols)
	port     int      // default port when the endpoint is not set; 0 = none
	protocol string   // TCP or UDP
	app      string   // appProtocol
	suffix   string   // port name suffix
}

// listeners lists the receivers that accept network traffic, by type (old
// and new names), with the collector's default ports. Receivers not listed
// here are clients (scrapers, pullers) and need no port.
var listeners = map[string][]listenSpec{
	"otlp": {
		{path: []string{"protocols", "grpc", "endpoint"}, optional: true, port: 4317, protocol: "TCP", app: "grpc"},
		{path: []string{"protocols", "http", "endpoint"}, optional: true, port: 4318, protocol: "TCP", suffix: "http"},
	},
	"jaeger": {
		{path: []string{"protocols", "grpc", "endpoint"}, optional: true, port: 14250, protocol: "TCP", app: "grpc", suffix: "grpc"},
		{path: []string{"protocols", "thrift_http", "endpoint"}, optional: true, port: 14268, protocol: "TCP", suffix: "thrift"},
		{path: []string{"protocols", "thrift_compact", "endpoint"}, optional: true, port: 6831, protocol: "UDP", suffix: "compact"},
		{path: []string{"protocols", "thrift_binary", "endpoint"}, optional: true, port: 6832, protocol: "UDP", suffix: "binary"},
	},
	"zipkin":        {{path: []string{"endpoint"}, port: 9411, protocol: "TCP"}},
	"skywalking":    {{path: []string{"protocols", "grpc", "endpoint"}, optional: true, port: 11800, protocol: "TCP", app: "grpc", suffix: "grpc"}, {path: []string{"protocols", "http", "endpoint"}, optional: true, port: 12800, protocol: "TCP", suffix: "http"}},
	"loki":          {{path: []string{"protocols", "grpc", "endpoint"}, optional: true, port: 3600, protocol: "TCP", app: "grpc", suffix: "grpc"}, {path: []string{"protocols", "http", "endpoint"}, optional: true, port: 3500, protocol: "TCP", suffix: "http"}},
	"statsd":        {{path: []string{"endpoint"}, port: 8125, protocol: "UDP"}},
	"carbon":        {{path: []string{"endpoint"}, port: 2003, protocol: "TCP"}},
	"collectd":      {{path: []string{"endpoint"}, port: 8081, protocol: "TCP"}},
	"fluentforward": {{path: []string{"endpoint"}, port: 8006, protocol: "TCP"}},
	"influxdb":      {{path: []string{"endpoint"}, port: 8086, protocol: "TCP"}},
	"signalfx":      {{path: []string{"endpoint"}, port: 9943, protocol: "TCP"}},
	"splunk_hec":    {{path: []string{"endpoint"}, port: 8088, protocol: "TCP"}},
	"datadog":       {{path: []string{"endpoint"}, port: 8126, protocol: "TCP"}},
	"awsxray":       {{path: []string{"endpoint"}, port: 2000, protocol: "UDP"}},
	"webhookevent":  {{path: []string{"endpoint"}, protocol: "TCP"}},
	"syslog":        {{path: []string{"tcp", "listen_address"}, optional: true, protocol: "TCP", suffix: "tcp"}, {path: []string{"udp", "listen_address"}, optional: true, protocol: "UDP", suffix: "udp"}},
	"tcplog":        {{path: []string{"listen_address"}, protocol: "TCP"}},
	"udplog":        {{path: []string{"listen_address"}, protocol: "UDP"}},
}

// Listener is one port a receiver of the config listens on.
type Listener struct {
	Name        string // Kubernetes port name (≤15 chars, unique)
	Receiver    string // receiver ID
	Port        int
	Protocol    string // TCP, UDP
	AppProtocol string
	Host        string // host part of the endpoint ("" when defaulted)
}

var endpointRE = regexp.MustCompile(`^(.*):(\d{1,5})$`)

// Listeners finds the ports the config's receivers listen on, in receiver
// order, with unique valid names. Receivers that no pipeline uses are
// skipped: they are never started.
func Listeners(cfg *config.Node) ([]Listener, []Note) {
	var out []Listener
	var notes []Note
	used := map[string]bool{}
	for _, pe := range entries(get(cfg, "service", "pipelines")) {
		for _, r := range items(get(pe.Value, "receivers")) {
			used[scalarString(r)] = true
		}
	}
	names := map[string]bool{}
	ports := map[string]string{}
	for _, e := range entries(cfg.Get("receivers")) {
		if !used[e.Key] {
			continue
		}
		typ, name, _ := config.SplitID(e.Key)
		specs, ok := listeners[strings.ReplaceAll(typ, "_", "")]
		if !ok {
			specs, ok = listeners[typ]
		}
		if !ok {
			if hasKey(e.Value, "endpoint") {
				notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s: not known to listen on a port; if its endpoint is a listener, add it to the ports (--set ports.NAME.containerPort=...)", e.Key))
			}
			continue
		}
		for _, s := range specs {
			if s.optional {
				parent := get(e.Value, s.path[:len(s.path)-1]...)
				if entryOf(e.Value, s.path[:len(s.path)-1]...) == nil || (parent != nil && parent.Kind != config.MapNode && parent.Kind != config.NullNode && !parent.IsNull()) {
					continue
				}
			}
			port, host := s.port, ""
			if ep := scalarString(get(e.Value, s.path...)); ep != "" {
				m := endpointRE.FindStringSubmatch(ep)
				if m == nil {
					notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s: cannot read a port from %s %q; expose it with --set ports", e.Key, strings.Join(s.path, "."), ep))
					continue
				}
				host = m[1]
				port, _ = strconv.Atoi(m[2])
			} else if port != 0 {
				notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s: %s is not set, so the collector listens on localhost:%d, which other pods cannot reach; set it to ${env:MY_POD_IP}:%d or 0.0.0.0:%d", e.Key, strings.Join(s.path, "."), port, port, port))
			}
			if port == 0 {
				notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s: %s has no default port; set it", e.Key, strings.Join(s.path, ".")))
				continue
			}
			if host == "localhost" || host == "127.0.0.1" {
				notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s listens on %s:%d, which other pods cannot reach", e.Key, host, port))
			}
			key := fmt.Sprintf("%d/%s", port, s.protocol)
			if other, dup := ports[key]; dup {
				notes = append(notes, notefAt(e.KeyPos, "warning", "receiver %s: port %s is also used by %s; exposed once", e.Key, key, other))
				continue
			}
			ports[key] = e.Key
			base := typ
			if name != "" {
				base += "-" + name
			}
			if s.suffix != "" {
				base += "-" + s.suffix
			}
			n := PortName(base, names)
			names[n] = true
			out = append(out, Listener{Name: n, Receiver: e.Key, Port: port, Protocol: s.protocol, AppProtocol: s.app, Host: host})
		}
	}
	return out, notes
}

var nonName = regexp.MustCompile(`[^a-z0-9]+`)

// PortName makes a valid Kubernetes port name (IANA_SVC_NAME: ≤15 chars,
// lowercase alphanumerics and '-', at least one letter, no leading,
// trailing or double '-') from base, unique among taken.
func PortName(base string, taken map[string]bool) string {
	n := strings.Trim(nonName.ReplaceAllString(strings.ToLower(base), "-"), "-")
	if !strings.ContainsAny(n, "abcdefghijklmnopqrstuvwxyz") {
		n = "p-" + n
	}
	cut := func(s string, max int) string {
		if len(s) > max {
			s = s[:max]
		}
		return strings.TrimRight(s, "-")
	}
	n = cut(n, 15)
	if !taken[n] {
		return n
	}
	for i := 2; ; i++ {
		suf := fmt.Sprintf("-%d", i)
		c := cut(n, 15-len(suf)) + suf
		if !taken[c] {
			return c
		}
	}
}

func entries(n *config.Node) []*config.Entry {
	if n == nil || n.Kind != config.MapNode {
		return nil
	}
	return n.Entries
}

func items(n *config.Node) []*config.Node {
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	return n.Items
}

func hasKey(n *config.Node, key string) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case config.MapNode:
		for _, e := range n.Entries {
			if e.Key == key || hasKey(e.Value, key) {
				return true
			}
		}
	case config.SeqNode:
		for _, it := range n.Items {
			if hasKey(it, key) {
				return true
			}
		}
	}
	return false
}

// entryOf returns the entry at path (nil if a key is missing).
func entryOf(n *config.Node, path ...string) *config.Entry {
	var e *config.Entry
	for _, k := range path {
		if n == nil || n.Kind != config.MapNode {
			return nil
		}
		if e = n.Entry(k); e == nil {
			return nil
		}
		n = e.Value
	}
	return e
}

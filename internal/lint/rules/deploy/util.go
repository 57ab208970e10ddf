package deploy

import (
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// Helpers of the Helm values and operator CR rules.

// yamlTrue reports whether n is a YAML true.
func yamlTrue(n *config.Node) bool {
	v, err := strconv.ParseBool(ruleutil.ScalarStr(n))
	return err == nil && v
}

// scalarInt parses an integer scalar.
func scalarInt(n *config.Node) (int, bool) {
	i, err := strconv.Atoi(strings.TrimSpace(ruleutil.ScalarStr(n)))
	return i, err == nil
}

// hasContent is true for a non-null node that is not an empty map, list or string.
func hasContent(n *config.Node) bool {
	switch {
	case n.IsNull():
		return false
	case n.Kind == config.MapNode:
		return len(n.Entries) > 0
	case n.Kind == config.SeqNode:
		return len(n.Items) > 0
	}
	return n.Value != ""
}

// entryPos is the position of key in map n, or of n itself.
func entryPos(n *config.Node, key string) config.Pos {
	if e := n.Entry(key); e != nil {
		return e.KeyPos
	}
	if n != nil {
		return n.Pos
	}
	return config.Pos{}
}

// helmPort is one entry of the chart's `ports` value after coalescing the
// user's values over chart.DefaultPorts.
type helmPort struct {
	Name          string
	ContainerPort int
	ServicePort   int
	Enabled       bool
	User          bool       // written (at least in part) in the values file
	Pos           config.Pos // key position in the values file (zero for pure defaults)
}

// helmPorts coalesces the values' `ports` over the chart's defaults.
func helmPorts(values *config.Node) []helmPort {
	var out []helmPort
	idx := map[string]int{}
	for _, d := range chart.DefaultPorts {
		idx[d.Name] = len(out)
		out = append(out, helmPort{Name: d.Name, ContainerPort: d.ContainerPort, ServicePort: d.ServicePort, Enabled: d.Enabled})
	}
	ports := values.Get("ports")
	if ports == nil || ports.Kind != config.MapNode {
		return out
	}
	for _, e := range ports.Entries {
		i, ok := idx[e.Key]
		if !ok {
			i = len(out)
			idx[e.Key] = i
			out = append(out, helmPort{Name: e.Key})
		}
		p := &out[i]
		p.User, p.Pos = true, e.KeyPos
		if e.Value.IsNull() {
			p.Enabled = false // null deletes the key in Helm
			continue
		}
		if n := e.Value.Get("enabled"); n != nil {
			p.Enabled = yamlTrue(n)
		}
		if v, ok := scalarInt(e.Value.Get("containerPort")); ok {
			p.ContainerPort = v
		}
		if v, ok := scalarInt(e.Value.Get("servicePort")); ok {
			p.ServicePort = v
		}
	}
	return out
}

// endpointPort returns the port of a host:port or URL endpoint.
func endpointPort(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		s = s[:i]
	}
	i := strings.LastIndex(s, ":")
	if i < 0 || strings.Contains(s[i:], "}") {
		return 0, false
	}
	p, err := strconv.Atoi(s[i+1:])
	if err != nil || p <= 0 || p > 65535 {
		return 0, false
	}
	return p, true
}

// validPortName reports why name is not a valid Kubernetes port name
// (IANA_SVC_NAME: at most 15 characters, lower-case letters, digits and
// '-', at least one letter, no '-' at either end or twice in a row), or "".
func validPortName(name string) string {
	switch {
	case name == "":
		return "it is empty"
	case len(name) > 15:
		return "it is longer than 15 characters"
	case strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-"):
		return "it starts or ends with '-'"
	case strings.Contains(name, "--"):
		return "it contains '--'"
	}
	letter := false
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
			letter = true
		case r >= '0' && r <= '9', r == '-':
		default:
			return "it may hold only lower-case letters, digits and '-'"
		}
	}
	if !letter {
		return "it needs at least one letter"
	}
	return ""
}

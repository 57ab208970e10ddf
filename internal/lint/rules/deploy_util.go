package rules

import (
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/chart"
	"github.com/otelcfg/otelcfg/internal/config"
)

// Helpers shared by the deployment-aware rules (pipeline practice, Helm
// values and operator CR checks, cross-file endpoint resolution).

// modeOf returns how the document's collector is deployed: the Helm values'
// mode, or the CR's spec.mode (the operator defaults it to deployment); ""
// for plain configs and ConfigMaps, whose deployment is not known.
func modeOf(doc *config.Document) string {
	switch doc.Kind {
	case config.KindHelmValues:
		return scalarStr(doc.Source.Get("mode"))
	case config.KindOperatorCR:
		if m := scalarStr(doc.Source.Get("spec").Get("mode")); m != "" {
			return m
		}
		return "deployment"
	}
	return ""
}

// isManagedCollector is true for Helm values and OpenTelemetryCollector
// resources other than sidecars: long-running collectors of their own.
func isManagedCollector(doc *config.Document) bool {
	switch doc.Kind {
	case config.KindHelmValues:
		return true
	case config.KindOperatorCR:
		return modeOf(doc) != "sidecar"
	}
	return false
}

// isGateway is true for a Helm release or CR that runs as a deployment or
// statefulset: a central tier that receives from many senders.
func isGateway(doc *config.Document) bool {
	if doc.Kind != config.KindHelmValues && doc.Kind != config.KindOperatorCR {
		return false
	}
	m := modeOf(doc)
	return m == "deployment" || m == "statefulset"
}

// isAgent is true for a collector running on every node or in every pod:
// Helm daemonset, CR daemonset or sidecar.
func isAgent(doc *config.Document) bool {
	if doc.Kind != config.KindHelmValues && doc.Kind != config.KindOperatorCR {
		return false
	}
	m := modeOf(doc)
	return m == "daemonset" || m == "sidecar" && doc.Kind == config.KindOperatorCR
}

// str is the text of a scalar node, or "".
func scalarStr(n *config.Node) string {
	if n == nil || n.Kind != config.ScalarNode {
		return ""
	}
	return n.Value
}

// yamlTrue reports whether n is a YAML true.
func yamlTrue(n *config.Node) bool {
	v, err := strconv.ParseBool(scalarStr(n))
	return err == nil && v
}

// yamlFalse reports whether n is an explicit YAML false.
func yamlFalse(n *config.Node) bool {
	v, err := strconv.ParseBool(scalarStr(n))
	return err == nil && !v
}

// scalarInt parses an integer scalar.
func scalarInt(n *config.Node) (int, bool) {
	i, err := strconv.Atoi(strings.TrimSpace(scalarStr(n)))
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

// componentType is the current type name of a component ID (deprecated aliases
// resolved through the catalog).
func componentType(cat *catalog.Catalog, section, id string) string {
	typ, _, _ := config.SplitID(normID(id))
	if cat != nil {
		if c, ok := cat.Lookup(classOf(section), typ); ok {
			return c.Type
		}
	}
	return typ
}

// listRef is one entry of a pipeline list, with its canonical type and
// whether the chart (a default or a preset) put it there.
type listRef struct {
	config.Ref
	Type   string
	Origin string
}

// pipelineList returns the entries of list ("receivers", "processors",
// "exporters") of pipeline p.
func pipelineList(cat *catalog.Catalog, p *config.Pipeline, list string) []listRef {
	n := p.Node.Get(list)
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	section := list
	var out []listRef
	for i, it := range n.Items {
		if it.Kind != config.ScalarNode {
			continue
		}
		out = append(out, listRef{
			Ref:    config.Ref{ID: it.Value, Pos: it.Pos, Path: config.IndexPath(config.JoinPath(p.Path, list), i)},
			Type:   componentType(cat, section, it.Value),
			Origin: it.Origin,
		})
	}
	return out
}

// fedByConnectorsOnly is true when every receiver of p is a connector: the
// data was already admitted (and limited) by the pipeline feeding it.
func fedByConnectorsOnly(c *config.Collector, p *config.Pipeline) bool {
	if len(p.Receivers) == 0 {
		return false
	}
	for _, r := range p.Receivers {
		if defined(c, "connectors", r.ID) == nil {
			return false
		}
	}
	return true
}

// sinkExporters are exporters that send nothing anywhere.
var sinkExporters = map[string]bool{"debug": true, "nop": true}

// listPos is where to report about list ("processors", ...) of p: the list
// key when written, else the pipeline key.
func listPos(p *config.Pipeline, list string) (config.Pos, string) {
	if e := p.Node.Entry(list); e != nil && e.Value.Origin == "" {
		return e.KeyPos, p.Path + "." + list
	}
	return p.KeyPos, p.Path
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

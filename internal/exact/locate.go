package exact

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// place is a node of the config found for an error: where to report it.
type place struct {
	node *config.Node
	pos  config.Pos // the key's position (the item's for list items)
	path []string   // config-relative segments
	dot  string     // the YAML path as findings write it: a.b[0].c
}

// sectionOf maps a component kind to its config section.
var sectionOf = map[string]string{
	KindReceiver: "receivers", KindProcessor: "processors", KindExporter: "exporters",
	KindConnector: "connectors", KindExtension: "extensions", KindService: "service",
}

// rootPlace is the config itself; base is its YAML path in the document.
func rootPlace(root *config.Node, base string) place {
	return place{node: root, pos: root.Pos, dot: base}
}

// componentPlace is the component's ID key (service::telemetry's key for
// KindService), or false when the config does not hold it (then its
// section, or the config).
func (p place) component(kind, id string) (place, bool) {
	s, ok := p.child(sectionOf[kind])
	if !ok {
		return p, false
	}
	if c, ok := s.child(id); ok {
		return c, true
	}
	return s, false
}

// child descends from p by one segment: a map key or a list index.
func (p place) child(seg string) (place, bool) {
	n := p.node
	if n == nil {
		return p, false
	}
	switch n.Kind {
	case config.MapNode:
		if e := n.Entry(seg); e != nil {
			return place{node: e.Value, pos: e.KeyPos, path: extend(p.path, seg), dot: joinDotted(p.dot, seg)}, true
		}
	case config.SeqNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Items) {
			it := n.Items[i]
			return place{node: it, pos: it.Pos, path: extend(p.path, seg), dot: p.dot + "[" + seg + "]"}, true
		}
	}
	return p, false
}

// walk descends along segs, skipping segments the config does not have:
// confmap.Validate names squashed structs by their Go field name
// ("clientconfig::tls"), and nested decoders add type names
// ('configgrpc.ServerConfig'), none of which is a key.
func (p place) walk(segs []string) place {
	for _, s := range segs {
		if c, ok := p.child(s); ok {
			p = c
		}
	}
	return p
}

// dotted walks a mapstructure field name ("protocols.grpc", "actions[0].key",
// "headers[x.y]"): at each map it takes the longest key that the name
// starts with, so keys holding dots are matched whole.
func (p place) dotted(name string) place {
	for name != "" {
		name = strings.TrimPrefix(name, ".")
		if strings.HasPrefix(name, "[") {
			end := strings.IndexByte(name, ']')
			if end < 0 {
				return p
			}
			p, _ = p.child(name[1:end])
			name = name[end+1:]
			continue
		}
		best := ""
		if p.node != nil && p.node.Kind == config.MapNode {
			for _, e := range p.node.Entries {
				if len(e.Key) > len(best) && strings.HasPrefix(name, e.Key) && (len(name) == len(e.Key) || name[len(e.Key)] == '.' || name[len(e.Key)] == '[') {
					best = e.Key
				}
			}
		}
		if best == "" { // not a key: skip the segment
			i := strings.IndexAny(name, ".[")
			if i < 0 {
				return p
			}
			name = name[i:]
			continue
		}
		p, _ = p.child(best)
		name = name[len(best):]
	}
	return p
}

var (
	// mapstructure prefixes an error with the field's name in quotes.
	fieldName = regexp.MustCompile(`^'([^']*)' `)
	// confmap.Validate and Validate() methods prefix "key::key: " or "key: ".
	keyPrefix   = regexp.MustCompile(`^([A-Za-z0-9_.\-/\[\]]+(?:::[A-Za-z0-9_.\-/\[\]]+)*): `)
	invalidKeys = regexp.MustCompile(`^has invalid keys: (.+)$`)
	nthItem     = regexp.MustCompile(`\b(\d+)-th\b`)
	quoted      = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"|'([^']*)'|` + "`([^`]*)`")
	identifier  = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)
	token       = regexp.MustCompile(`[^\s,;:()\[\]"'` + "`" + `]+`)
	absPath     = regexp.MustCompile(`[A-Za-z0-9_]+(?:::[A-Za-z0-9_./\-]+)+`)
)

// locate finds where an error of a component is, below the component's
// place: first the key path the error text starts with (confmap's
// "retry_on_failure: ", mapstructure's 'protocols.grpc'), then keys and
// values the rest of the text names. mapstructure's "has invalid keys: a,
// b" gives one place per key.
func locate(comp place, msg string) []place {
	p := comp
	for {
		if m := fieldName.FindStringSubmatch(msg); m != nil {
			p = p.dotted(m[1])
			msg = msg[len(m[0]):]
			continue
		}
		if m := keyPrefix.FindStringSubmatch(msg); m != nil && !strings.HasSuffix(m[1], ".") {
			next := p.walk(strings.Split(m[1], "::"))
			msg = msg[len(m[0]):]
			if next.node == p.node { // not a key path after all: stop here
				break
			}
			p = next
			continue
		}
		break
	}
	if m := invalidKeys.FindStringSubmatch(msg); m != nil {
		var out []place
		for _, k := range strings.Split(m[1], ", ") {
			if c, ok := p.child(k); ok {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
		return []place{p}
	}
	if p.node == comp.node {
		if q, ok := comp.absolute(msg); ok {
			return []place{q}
		}
	}
	return []place{p.named(msg)}
}

// absolute finds a key path written from the config's root inside the
// text ("... service::telemetry::metrics::views can only be set ...") that
// lies below p.
func (p place) absolute(msg string) (place, bool) {
	for _, m := range absPath.FindAllString(msg, -1) {
		segs := strings.Split(m, "::")
		if len(segs) <= len(p.path) || strings.Join(segs[:len(p.path)], "::") != strings.Join(p.path, "::") {
			continue
		}
		if q := p.walk(segs[len(p.path):]); q.node != p.node {
			return q, true
		}
	}
	return p, false
}

// named descends from p to what the rest of an error text names, when it
// names something unambiguously: an "N-th" item of p's only list, then a
// quoted key or value, a snake_case key or an unquoted value that exactly
// one entry below p has. Of several, the one named last wins: errors name
// the offending value last ("policy "p": unknown policy type latencyy").
func (p place) named(msg string) place {
	if m := nthItem.FindStringSubmatch(msg); m != nil {
		if l, ok := p.onlyList(); ok {
			if c, ok := l.child(m[1]); ok {
				p = c
			}
		}
	}
	best, at := p, -1
	consider := func(i int) func(place, bool) {
		return func(q place, ok bool) {
			if ok && i > at {
				best, at = q, i
			}
		}
	}
	for _, m := range quoted.FindAllStringSubmatchIndex(msg, -1) {
		name := submatch(msg, m)
		consider(m[0])(p.key(name))
	}
	for _, m := range quoted.FindAllStringSubmatchIndex(msg, -1) {
		v := strings.ReplaceAll(submatch(msg, m), `\"`, `"`)
		q, ok := p.unique(func(e *config.Entry) bool { return isScalar(e.Value, v) }, func(n *config.Node) bool { return isScalar(n, v) })
		if !ok && len(v) >= 3 { // a part of a value: a regexp error quotes the bad part
			q, ok = p.unique(func(e *config.Entry) bool { return holds(e.Value, v) }, func(n *config.Node) bool { return holds(n, v) })
		}
		consider(m[0])(q, ok)
	}
	for _, m := range identifier.FindAllStringIndex(msg, -1) {
		id := msg[m[0]:m[1]]
		consider(m[0])(p.unique(func(e *config.Entry) bool { return e.Key == id }, nil))
	}
	// An unquoted value ("address localhost: missing port"): only one
	// that a single scalar below p holds, and not a short word.
	for _, m := range token.FindAllStringIndex(msg, -1) {
		tok := msg[m[0]:m[1]]
		if len(tok) < 4 {
			continue
		}
		consider(m[0])(p.unique(func(e *config.Entry) bool { return isScalar(e.Value, tok) }, func(n *config.Node) bool { return isScalar(n, tok) }))
	}
	return best
}

// key finds a quoted name below p: a direct child, a dotted path
// ("traces.span"), or the one entry with that key.
func (p place) key(name string) (place, bool) {
	if c, ok := p.child(name); ok {
		return c, true
	}
	if strings.Contains(name, ".") {
		q, ok := p, true
		for _, seg := range strings.Split(name, ".") {
			if q, ok = q.child(seg); !ok {
				break
			}
		}
		if ok {
			return q, true
		}
	}
	return p.unique(func(e *config.Entry) bool { return e.Key == name }, nil)
}

// submatch is the text of whichever alternative of quoted matched.
func submatch(s string, m []int) string {
	for i := 2; i+1 < len(m); i += 2 {
		if m[i] >= 0 {
			return s[m[i]:m[i+1]]
		}
	}
	return ""
}

func holds(n *config.Node, v string) bool {
	return n != nil && n.Kind == config.ScalarNode && strings.Contains(n.Value, v)
}

func isScalar(n *config.Node, v string) bool {
	return n != nil && n.Kind == config.ScalarNode && v != "" && n.Value == v
}

// onlyList returns the one list-valued entry directly below p.
func (p place) onlyList() (place, bool) {
	if p.node == nil || p.node.Kind != config.MapNode {
		return p, false
	}
	var found *config.Entry
	for _, e := range p.node.Entries {
		if e.Value != nil && e.Value.Kind == config.SeqNode {
			if found != nil {
				return p, false
			}
			found = e
		}
	}
	if found == nil {
		return p, false
	}
	return p.child(found.Key)
}

// unique finds the single map entry (entry) or list item (item) below p
// that matches; ok is false for none or several.
func (p place) unique(entry func(*config.Entry) bool, item func(*config.Node) bool) (place, bool) {
	var hits []place
	var visit func(q place, depth int)
	visit = func(q place, depth int) {
		if q.node == nil || depth > 32 || len(hits) > 1 {
			return
		}
		switch q.node.Kind {
		case config.MapNode:
			for _, e := range q.node.Entries {
				c, _ := q.child(e.Key)
				if entry != nil && entry(e) {
					hits = append(hits, c)
				}
				visit(c, depth+1)
			}
		case config.SeqNode:
			for i, it := range q.node.Items {
				c, _ := q.child(strconv.Itoa(i))
				if item != nil && item(it) {
					hits = append(hits, c)
				}
				visit(c, depth+1)
			}
		}
	}
	visit(p, 0)
	if len(hits) != 1 {
		return p, false
	}
	return hits[0], true
}

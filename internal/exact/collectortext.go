package exact

import (
	"regexp"
	"strings"
)

// The error texts of a collector's `validate` (otelcol at v0.158.0 and
// since v0.124, when validate started to join every error of a stage):
//
//	failed to get config: cannot unmarshal the configuration: decoding failed due to the following error(s):
//
//	'receivers' error reading configuration for "otlp": decoding failed due to the following error(s):
//
//	'protocols.grpc' decoding failed due to the following error(s):
//
//	'configgrpc.ServerConfig' has invalid keys: foo
//	'protocols.http' ...
//	'service.telemetry' has invalid keys: foo
//
// then, once every component decodes, one line per validation error:
//
//	exporters::otlp_grpc::retry_on_failure: 'randomization_factor' must be within [0, 1]
//	service::telemetry: collector telemetry metrics reader should exist when metric level is not none
//
// then the first creation error:
//
//	failed to build pipelines: failed to create "resource" processor, in pipeline "traces": ...
//
// validate stops at the first stage that fails.
const (
	unmarshalPrefix = "failed to get config: cannot unmarshal the configuration: "
	getConfigPrefix = "failed to get config: "
	buildPrefix     = "failed to build pipelines: "
	decodeHeader    = "decoding failed due to the following error(s):"
)

var (
	sectionKind = map[string]string{
		"receivers": KindReceiver, "processors": KindProcessor, "exporters": KindExporter,
		"connectors": KindConnector, "extensions": KindExtension,
	}
	// A component's item at the top of the decode errors.
	componentItem = regexp.MustCompile(`^'(receivers|processors|exporters|connectors|extensions)' (?:error reading configuration for "([^"]*)": |unknown type: "[^"]*" for id: "([^"]*)")(.*)$`)
	loggingItem   = regexp.MustCompile(`^'(exporters)' (the logging exporter has been deprecated.*)$`)
	serviceItem   = regexp.MustCompile(`^'(service(?:\.[^']*)?)' (.*)$`)
	validateLine  = regexp.MustCompile(`^(receivers|processors|exporters|connectors|extensions|service)::(.+?)(?:::|: )(.*)$`)
	itemLine      = regexp.MustCompile(`^'([^']*)' (.*)$`)
	createProc    = regexp.MustCompile(`(?s)^failed to create "([^"]+)" processor, in pipeline "([^"]+)": (.*)$`)
	createRecvExp = regexp.MustCompile(`(?s)^failed to create "([^"]+)" (receiver|exporter) for data type "([^"]+)": (.*)$`)
)

// CollectorError extracts the error text from a collector's stderr: what
// follows OCB's "collector server run finished with error: ", else
// cobra's "Error: ".
func CollectorError(stderr string) string {
	for _, marker := range []string{"collector server run finished with error: ", "Error: "} {
		if i := strings.LastIndex(stderr, marker); i >= 0 {
			return strings.TrimSpace(stderr[i+len(marker):])
		}
	}
	return strings.TrimSpace(stderr)
}

// ParseCollectorError turns the error text of `validate` into errors like
// the engine's. cfg is the config that was validated: nested decode errors
// are listed one per line without saying where a nested list ends, so a
// line goes to the innermost level whose settings hold the key it names.
func ParseCollectorError(text string, cfg map[string]any) []Error {
	text = strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(text, unmarshalPrefix):
		return parseDecode(strings.TrimPrefix(text, unmarshalPrefix), cfg)
	case strings.HasPrefix(text, getConfigPrefix):
		return []Error{{Stage: StageResolve, Message: text}}
	case strings.HasPrefix(text, buildPrefix):
		return []Error{parseCreate(strings.TrimPrefix(text, buildPrefix))}
	}
	return parseValidate(text)
}

func parseCreate(s string) Error {
	e := Error{Stage: StageCreate, Message: s}
	if m := createProc.FindStringSubmatch(s); m != nil {
		e.Kind, e.ID, e.Pipeline, e.Message = KindProcessor, m[1], m[2], m[3]
	} else if m := createRecvExp.FindStringSubmatch(s); m != nil {
		e.Kind, e.ID, e.Pipeline, e.Message = m[2], m[1], m[3], m[4]
	}
	e.Host = HostDependent(e.Message)
	return e
}

func parseValidate(text string) []Error {
	var out []Error
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		e := Error{Stage: StageValidate, Message: l}
		if m := validateLine.FindStringSubmatch(l); m != nil && (m[1] != "service" || m[2] == "telemetry") {
			e.Kind, e.ID, e.Message = sectionKind[m[1]], m[2], m[3]
			if m[1] == "service" {
				e.Kind = KindService
			}
		} else if len(out) > 0 && out[len(out)-1].Kind != "" && !strings.Contains(l, "::") {
			// The second line of a Validate() that joined errors
			// carries no path: it is the previous component's.
			prev := out[len(out)-1]
			e.Kind, e.ID = prev.Kind, prev.ID
		}
		e.Host = HostDependent(l)
		out = append(out, e)
	}
	return out
}

// level is one open "decoding failed" list of the decode errors.
type level struct {
	node   any    // the settings the list's names are relative to
	prefix string // "'protocols.grpc' " for the items of that list
}

// parseDecode parses the mapstructure block of an unmarshal error.
func parseDecode(block string, cfg map[string]any) []Error {
	var out []Error
	var cur *Error // the component (or service) the lines belong to
	var stack []level
	emit := func(msg string) {
		e := Error{Stage: StageDecode, Message: msg}
		if cur != nil {
			e.Kind, e.ID = cur.Kind, cur.ID
		}
		e.Host = HostDependent(msg)
		out = append(out, e)
	}
	for _, l := range strings.Split(strings.TrimPrefix(block, decodeHeader), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if m := componentItem.FindStringSubmatch(l); m != nil {
			id := m[2] + m[3]
			cur = &Error{Kind: sectionKind[m[1]], ID: id}
			stack = []level{{node: lookup(cfg, m[1], id)}}
			if m[3] != "" { // unknown type: the whole text
				emit(strings.TrimPrefix(l, "'"+m[1]+"' "))
			} else if rest := m[4]; rest != "" && rest != decodeHeader {
				emit(rest)
			}
			continue
		}
		if m := loggingItem.FindStringSubmatch(l); m != nil {
			cur, stack = &Error{Kind: KindExporter, ID: "logging"}, nil
			emit(m[2])
			continue
		}
		if m := serviceItem.FindStringSubmatch(l); m != nil {
			// service items name their path from the config's root.
			cur, stack = nil, []level{{node: cfg}}
			if p := strings.TrimPrefix(m[1], "service"); p == ".telemetry" || strings.HasPrefix(p, ".telemetry.") {
				cur = &Error{Kind: KindService, ID: "telemetry"}
				stack = []level{{node: lookup(cfg, "service", "telemetry")}}
				l = strings.TrimPrefix("'"+strings.TrimPrefix(strings.TrimPrefix(p, ".telemetry"), ".")+"' "+m[2], "'' ")
			}
		}
		stack = item(l, stack, emit)
	}
	return out
}

// item places one line of a component's decode errors in the stack of
// open lists and emits it, or opens a nested list.
func item(l string, stack []level, emit func(string)) []level {
	if len(stack) == 0 {
		stack = []level{{}}
	}
	m := itemLine.FindStringSubmatch(l)
	if m == nil { // a message's second line, or a message without a name
		emit(stack[len(stack)-1].prefix + l)
		return stack
	}
	name, rest := m[1], m[2]
	// The innermost open list whose settings hold the name; the
	// innermost when none does (nested decoders name Go types).
	at := len(stack) - 1
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := dottedLookup(stack[i].node, name); ok {
			at = i
			break
		}
	}
	stack = stack[:at+1]
	lv := stack[at]
	if rest == decodeHeader {
		child, _ := dottedLookup(lv.node, name)
		return append(stack, level{node: child, prefix: lv.prefix + "'" + name + "' "})
	}
	emit(lv.prefix + l)
	return stack
}

// lookup returns cfg[section][id].
func lookup(cfg map[string]any, section, id string) any {
	s, _ := cfg[section].(map[string]any)
	return s[id]
}

// dottedLookup resolves a mapstructure name ("protocols.grpc") in plain
// settings, taking the longest key at each map (keys may hold dots).
func dottedLookup(v any, name string) (any, bool) {
	for name != "" {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		best := ""
		for k := range m {
			if len(k) > len(best) && strings.HasPrefix(name, k) && (len(name) == len(k) || name[len(k)] == '.') {
				best = k
			}
		}
		if best == "" {
			return nil, false
		}
		v, name = m[best], strings.TrimPrefix(name[len(best):], ".")
	}
	return v, true
}

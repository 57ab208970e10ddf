package exact

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// ProtocolVersion is the version of Request and Response. The check
// program refuses a request of another version, and otelcfg refuses a
// response of another version, so that a program from another release is
// never half understood. Bump it on any change that an older reader would
// misread.
const ProtocolVersion = 1

// Request asks the check program to check several collector configs in
// one process (its start-up is the dominant cost).
type Request struct {
	Version int           `json:"version"`
	Configs []ConfigInput `json:"configs"`
	// NoStart skips the start stage (processors and connectors whose Start
	// is side-effect free are started with a no-op host and shut down).
	NoStart bool `json:"no_start,omitempty"`
	// FeatureGates are enabled (or disabled, with a leading "-") for the
	// whole request, as the collector's --feature-gates.
	FeatureGates []string `json:"feature_gates,omitempty"`
}

// ConfigInput is one collector config, after otelcfg resolved what it
// could: file and yaml providers, values given with --env, defaults.
type ConfigInput struct {
	// ID names the config in the response (otelcfg uses the index).
	ID string `json:"id"`
	// Config is the collector config as plain JSON values; strings may
	// still hold $$ escapes, which the engine turns into $ as the collector
	// does.
	Config map[string]any `json:"config"`
	// Expanded lists values that stand for a whole-value reference
	// (`key: ${env:X}`): the collector decodes the text as YAML but hands a
	// string setting the text as written ("0123", not 123).
	Expanded []ExpandedValue `json:"expanded,omitempty"`
}

// ExpandedValue replaces the value at Path (map keys and list indexes,
// as text) with Text as the collector reads a reference's value.
type ExpandedValue struct {
	Path []string `json:"path"`
	Text string   `json:"text"`
}

// Stages of a check, in the order the collector runs them.
const (
	StageResolve  = "resolve"  // the config could not be read at all
	StageDecode   = "decode"   // settings decoded into the factory's default config
	StageValidate = "validate" // Validate() of the config and its nested structs
	StageCreate   = "create"   // the factory creates the component
	StageStart    = "start"    // Start with a no-op host
)

// Component kinds, as the collector names its config sections in the
// singular; KindService is service::telemetry.
const (
	KindReceiver  = "receiver"
	KindProcessor = "processor"
	KindExporter  = "exporter"
	KindConnector = "connector"
	KindExtension = "extension"
	KindService   = "service"
)

// Response answers a Request, one Result per ConfigInput in order.
type Response struct {
	Version int      `json:"version"`
	Engine  Engine   `json:"engine"`
	Results []Result `json:"results"`
}

// Engine says what checked the configs.
type Engine struct {
	Name      string `json:"name"`      // "otelcfg-collector dev", "otelcol-contrib 0.158.0"
	Collector string `json:"collector"` // the collector release its code is from
	// Types lists the compiled-in component types by kind (aliases
	// included), so that "not checked" can be told from "unknown".
	Types map[string][]string `json:"types,omitempty"`
}

// Result is what the check found in one config.
type Result struct {
	ID     string  `json:"id"`
	Errors []Error `json:"errors,omitempty"`
	// Components is every component of the config, sorted by kind and ID.
	Components []ComponentStatus `json:"components,omitempty"`
	// Skipped says which stages did not run for the whole config, and why.
	Skipped []string `json:"skipped,omitempty"`
}

// Component statuses.
const (
	StatusChecked     = "checked"      // its code ran (see Stages)
	StatusNotCompiled = "not-compiled" // its type is not in the program
	StatusInvalidID   = "invalid-id"   // its key is not a component ID
)

// ComponentStatus says how far one component was checked.
type ComponentStatus struct {
	Kind   string   `json:"kind"`
	ID     string   `json:"id"`
	Status string   `json:"status"`
	Stages []string `json:"stages,omitempty"` // stages that ran, in order
}

// Error is one error the collector's code returned.
type Error struct {
	Stage string `json:"stage"`
	Kind  string `json:"kind,omitempty"` // empty when the error names no component
	ID    string `json:"id,omitempty"`   // component ID; "telemetry" for service::telemetry
	// Pipeline is the pipeline a processor was created for ("traces/in"),
	// or the signals a receiver, exporter or connector was created for
	// ("traces", "traces->metrics").
	Pipeline string `json:"pipeline,omitempty"`
	// Message is one error, relative to the component: a decode error as
	// mapstructure words it ('protocols.grpc' has invalid keys: foo), a
	// validation error with its key path (retry_on_failure: 'max_elapsed_time'
	// must not be negative), a creation or start error as the factory
	// returned it.
	Message string `json:"message"`
	// Host is set when the error depends on the machine it was checked on
	// (a file, a directory, DNS, the cgroup memory limit): why.
	Host string `json:"host,omitempty"`
	// Panic is set when the component's code panicked.
	Panic bool `json:"panic,omitempty"`
}

// WriteJSON writes v as one JSON document.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ReadRequest decodes a request and checks its version.
func ReadRequest(r io.Reader) (*Request, error) {
	var req Request
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("reading the check request: %w", err)
	}
	if req.Version != ProtocolVersion {
		return nil, fmt.Errorf("check request version %d: this program speaks version %d (otelcfg and its collector program must come from one release)", req.Version, ProtocolVersion)
	}
	for i := range req.Configs {
		req.Configs[i].Config, _ = Numbers(req.Configs[i].Config).(map[string]any)
	}
	return &req, nil
}

// ReadResponse decodes a response and checks its version.
func ReadResponse(r io.Reader) (*Response, error) {
	var resp Response
	if err := json.NewDecoder(r).Decode(&resp); err != nil {
		return nil, fmt.Errorf("reading the check response: %w", err)
	}
	if resp.Version != ProtocolVersion {
		return nil, fmt.Errorf("check response version %d: otelcfg speaks version %d (otelcfg and its collector program must come from one release)", resp.Version, ProtocolVersion)
	}
	return &resp, nil
}

// Numbers turns the json.Number values of a value decoded with UseNumber
// into int (integers) and float64 (anything with a fraction or exponent),
// the types YAML decoding gives the collector.
func Numbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = Numbers(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = Numbers(x)
		}
		return v
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return int(i)
		}
		if f, err := v.Float64(); err == nil {
			return f
		}
		return v.String()
	}
	return v
}

// SetPath replaces the value at path (map keys, list indexes as text) in
// v, a request config; it reports whether the path exists.
func SetPath(v any, path []string, val any) bool {
	for i, k := range path {
		last := i == len(path)-1
		switch c := v.(type) {
		case map[string]any:
			if _, ok := c[k]; !ok {
				return false
			}
			if last {
				c[k] = val
				return true
			}
			v = c[k]
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j < 0 || j >= len(c) {
				return false
			}
			if last {
				c[j] = val
				return true
			}
			v = c[j]
		default:
			return false
		}
	}
	return false
}

// GetPath returns the value at path in v, or nil.
func GetPath(v any, path []string) any {
	for _, k := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[k]
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j < 0 || j >= len(c) {
				return nil
			}
			v = c[j]
		default:
			return nil
		}
	}
	return v
}

// CopyValue copies the maps and lists of a request config, so that it can
// be changed without changing the request.
func CopyValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = CopyValue(x)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = CopyValue(x)
		}
		return s
	}
	return v
}

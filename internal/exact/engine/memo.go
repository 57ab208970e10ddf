package engine

import (
	"encoding/json"
	"strings"
	"sync"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/service/pipelines"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// memo remembers, across the configs of one process, what the collector's
// code said about a component, keyed by everything that code sees: the
// kind, the ID, the settings as written (and the values of the references
// in them), and for creation the signal (and a connector's pipelines).
// The code is deterministic in these, so a component that a lint run's
// files repeat (the same batch, the same otlp receiver) is checked once.
type memo struct {
	mu      sync.Mutex
	decoded map[string]*decodeOutcome
	created map[string]*createOutcome
	pipes   map[string]*pipesOutcome
}

// pipesOutcome is service::pipelines decoded, or why it does not decode.
type pipesOutcome struct {
	pipes pipelines.Config
	skip  string
}

// decodeOutcome is the decode and validate stages of one component.
type decodeOutcome struct {
	stages []string
	errs   []exact.Error
	valid  bool
}

// createOutcome is the create and start stages of one component in one
// signal (Pipeline is left out of its errors: the replay sets it).
type createOutcome struct {
	errs    []exact.Error // create, then start
	started bool
	skip    string // why Start was not tried, for Result.Skipped
}

func newMemo() *memo {
	return &memo{decoded: map[string]*decodeOutcome{}, created: map[string]*createOutcome{}, pipes: map[string]*pipesOutcome{}}
}

func (m *memo) pipelines(key string) *pipesOutcome {
	if m == nil || key == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pipes[key]
}

func (m *memo) putPipelines(key string, o *pipesOutcome) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pipes[key] = o
}

func (m *memo) decode(key string) *decodeOutcome {
	if m == nil || key == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.decoded[key]
}

func (m *memo) putDecode(key string, o *decodeOutcome) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.decoded[key] = o
}

func (m *memo) create(key string) *createOutcome {
	if m == nil || key == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.created[key]
}

func (m *memo) putCreate(key string, o *createOutcome) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.created[key] = o
}

// settingsKey is the memo key of the settings at path (section, ID) in
// the request, or "" when they cannot be keyed (a section that was itself
// a reference).
func (r *run) settingsKey(kind string, path ...string) string {
	ck := kind + "\x00" + strings.Join(path, "\x00")
	if k, ok := r.memoKeys[ck]; ok {
		return k
	}
	k := r.computeKey(kind, path)
	if r.memoKeys == nil {
		r.memoKeys = map[string]string{}
	}
	r.memoKeys[ck] = k
	return k
}

func (r *run) computeKey(kind string, path []string) string {
	var v any = r.raw
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		if v, ok = m[k]; !ok {
			return ""
		}
	}
	b, err := json.Marshal(v) // sorted keys: one text per settings
	if err != nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(kind + "\x00" + strings.Join(path, "\x00") + "\x00")
	sb.Write(b)
	for _, ev := range r.expanded {
		if isPrefix(path, ev.Path) {
			sb.WriteString("\x00" + strings.Join(ev.Path, "\x01") + "=" + ev.Text)
		}
	}
	return sb.String()
}

func isPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return false
		}
	}
	return true
}

// replayDecode records a remembered decode outcome for a component.
func (r *run) replayDecode(kind, key string, id component.ID, path string, o *decodeOutcome) {
	r.stat(kind, key).Stages = append([]string(nil), o.stages...)
	r.res.Errors = append(r.res.Errors, o.errs...)
	if o.valid {
		if r.lazy[kind] == nil {
			r.lazy[kind] = map[component.ID]string{}
		}
		r.lazy[kind][id] = path
	}
}

// replayCreate records a remembered create (and start) outcome.
func (r *run) replayCreate(kind string, id component.ID, pipe string, o *createOutcome) {
	r.ran(kind, id.String(), exact.StageCreate)
	if o.started {
		r.ran(kind, id.String(), exact.StageStart)
	}
	for _, e := range o.errs {
		e.Pipeline = pipe
		r.res.Errors = append(r.res.Errors, e)
	}
	if o.skip != "" {
		r.res.Skipped = append(r.res.Skipped, o.skip)
	}
}

// remember stores the outcomes of the components this config created.
func (r *run) remember() {
	for _, b := range r.built {
		if b.key == "" || b.noMemo {
			continue
		}
		r.memo.putCreate(b.key, &createOutcome{started: b.started, skip: b.skip, errs: stripPipeline(b.errs)})
	}
}

// stripPipeline copies errors without their Pipeline.
func stripPipeline(es []exact.Error) []exact.Error {
	out := make([]exact.Error, len(es))
	for i, e := range es {
		e.Pipeline = ""
		out[i] = e
	}
	return out
}

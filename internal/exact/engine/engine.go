// Package engine runs the collector's own code on collector configs: for
// every component it finds the factory, decodes the settings into the
// factory's default config and validates them exactly as `otelcol validate`
// does, creates the components the pipelines use (as validate does when it
// builds the pipeline graph), and starts the processors and connectors
// whose Start is side-effect free. Unlike validate it reports every error
// of every stage, not the first.
//
// It links collector packages, so only the check program (see package
// exact for the light side and the protocol) imports it.
package engine

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/featuregate"
	"go.opentelemetry.io/collector/otelcol"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// Options configure an Engine.
type Options struct {
	// Name is the program and its version, for Response.Engine.
	Name string
	// Collector is the collector release the factories are from.
	Collector string
	// StartTimeout bounds one component's Start (default 5s): a Start that
	// blocks is reported, never waited for forever.
	StartTimeout time.Duration
	// Workers checks that many configs at a time (default GOMAXPROCS):
	// checks are independent, and a lint run of many files is bound by
	// the CPU. 1 checks them one after the other.
	Workers int
	// NoMemo turns off remembering component outcomes across configs
	// (see memo).
	NoMemo bool
	// ProcessState maps factory types whose Validate keeps state in the
	// process (host_metrics records the first root_path it sees and
	// rejects a different one) to a function that clears it. A collector
	// holds one config; the engine checks many, so a config holding such
	// a component is checked alone, after the reset, and its outcome is
	// never remembered.
	ProcessState map[string]func()
}

// Engine checks configs against one set of factories.
type Engine struct {
	opts      Options
	factories otelcol.Factories
	// byKind holds every factory by kind and type (deprecated aliases
	// included, as otelcol.MakeFactoryMap registers them).
	byKind map[string]map[component.Type]component.Factory
	mu     sync.Mutex
	// alone serialises the configs that hold a ProcessState component.
	alone sync.Mutex
	memo  *memo  // nil with Options.NoMemo
	gates string // the feature gates memo's outcomes were found with
}

// sections are the component sections of a config, in the order the
// collector's config struct declares them.
var sections = []struct{ kind, key string }{
	{exact.KindReceiver, "receivers"},
	{exact.KindProcessor, "processors"},
	{exact.KindExporter, "exporters"},
	{exact.KindConnector, "connectors"},
	{exact.KindExtension, "extensions"},
}

// New returns an engine for factories. Their maps must hold deprecated
// aliases too, as otelcol.MakeFactoryMap builds them.
func New(f otelcol.Factories, opts Options) *Engine {
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 5 * time.Second
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	e := &Engine{opts: opts, factories: f, byKind: map[string]map[component.Type]component.Factory{}}
	if !opts.NoMemo {
		e.memo = newMemo()
	}
	add := func(kind string, t component.Type, fac component.Factory) {
		if e.byKind[kind] == nil {
			e.byKind[kind] = map[component.Type]component.Factory{}
		}
		e.byKind[kind][t] = fac
	}
	for t, fac := range f.Receivers {
		add(exact.KindReceiver, t, fac)
	}
	for t, fac := range f.Processors {
		add(exact.KindProcessor, t, fac)
	}
	for t, fac := range f.Exporters {
		add(exact.KindExporter, t, fac)
	}
	for t, fac := range f.Connectors {
		add(exact.KindConnector, t, fac)
	}
	for t, fac := range f.Extensions {
		add(exact.KindExtension, t, fac)
	}
	return e
}

// Info describes the engine for Response.Engine.
func (e *Engine) Info() exact.Engine {
	info := exact.Engine{Name: e.opts.Name, Collector: e.opts.Collector, Types: map[string][]string{}}
	for kind, m := range e.byKind {
		for t := range m {
			info.Types[kind] = append(info.Types[kind], t.String())
		}
		sort.Strings(info.Types[kind])
	}
	return info
}

// Run checks every config of req, in order.
func (e *Engine) Run(ctx context.Context, req *exact.Request) (*exact.Response, error) {
	if err := setFeatureGates(req.FeatureGates); err != nil {
		return nil, err
	}
	// Feature gates change what components do: outcomes found with other
	// gates are forgotten.
	e.mu.Lock()
	if g := strings.Join(req.FeatureGates, ","); g != e.gates && e.memo != nil {
		e.memo, e.gates = newMemo(), g
	}
	e.mu.Unlock()
	resp := &exact.Response{Version: exact.ProtocolVersion, Engine: e.Info(), Results: make([]exact.Result, len(req.Configs))}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(e.opts.Workers, len(req.Configs)) {
		wg.Go(func() {
			for i := range next {
				resp.Results[i] = e.Check(ctx, req.Configs[i], !req.NoStart)
			}
		})
	}
	for i := range req.Configs {
		next <- i
	}
	close(next)
	wg.Wait()
	return resp, nil
}

// processState returns the resets of the ProcessState components a
// config holds (their types as written, deprecated aliases resolved).
func (e *Engine) processState(cfg map[string]any) []func() {
	var out []func()
	for _, s := range sections {
		sec, _ := cfg[s.key].(map[string]any)
		for k := range sec {
			typ, _, _ := strings.Cut(k, "/")
			t, err := component.NewType(typ)
			if err != nil {
				continue
			}
			if f := e.byKind[s.kind][t]; f != nil && e.opts.ProcessState[f.Type().String()] != nil {
				out = append(out, e.opts.ProcessState[f.Type().String()])
			}
		}
	}
	return out
}

// keepsProcessState reports whether f's Validate keeps process state.
func (e *Engine) keepsProcessState(f component.Factory) bool {
	return e.opts.ProcessState[f.Type().String()] != nil
}

// setFeatureGates applies --feature-gates style IDs ("-id" disables).
func setFeatureGates(ids []string) error {
	for _, id := range ids {
		on := !strings.HasPrefix(id, "-")
		id = strings.TrimPrefix(strings.TrimPrefix(id, "-"), "+")
		if err := featuregate.GlobalRegistry().Set(id, on); err != nil {
			return fmt.Errorf("feature gate %q: %w", id, err)
		}
	}
	return nil
}

// Check checks one config through every stage.
func (e *Engine) Check(ctx context.Context, in exact.ConfigInput, start bool) exact.Result {
	e.mu.Lock()
	m := e.memo
	e.mu.Unlock()
	r := &run{e: e, ctx: ctx, memo: m, res: exact.Result{ID: in.ID}, expanded: in.Expanded, startStage: start,
		valid: map[string]map[component.ID]component.Config{}, lazy: map[string]map[component.ID]string{}, status: map[string]*exact.ComponentStatus{}}
	// Numbers as YAML decoding gives them (a caller that did not go
	// through exact.ReadRequest may hand json.Number values).
	in.Config, _ = exact.Numbers(exact.CopyValue(in.Config)).(map[string]any)
	r.in, r.raw = in, in.Config
	if resets := e.processState(in.Config); len(resets) > 0 {
		e.alone.Lock()
		defer e.alone.Unlock()
		for _, reset := range resets {
			reset()
		}
	}
	for i, ev := range in.Expanded {
		if !pathExists(in.Config, ev.Path) {
			r.res.Errors = append(r.res.Errors, exact.Error{Stage: exact.StageResolve, Message: fmt.Sprintf("expanded value %d: no value at path %q", i, ev.Path)})
			r.res.Skipped = append(r.res.Skipped, resolveSkipped)
			return r.res
		}
	}
	for _, s := range sections {
		r.section(s.kind, s.key)
	}
	r.telemetry()
	r.build()
	if start {
		r.start()
	} else {
		r.res.Skipped = append(r.res.Skipped, exact.StageStart+": not requested")
	}
	r.remember()
	r.shutdown()
	r.finish()
	return r.res
}

// sub returns the settings at path of the resolved config. The config is
// resolved on first use: when the memo knows every outcome, never.
func (r *run) sub(path string) (*confmap.Conf, error) {
	if r.conf == nil {
		conf, err := resolve(r.ctx, r.in)
		if err != nil {
			if r.res.Skipped == nil || r.res.Skipped[len(r.res.Skipped)-1] != resolveSkipped {
				r.res.Errors = append(r.res.Errors, exact.Error{Stage: exact.StageResolve, Message: err.Error()})
				r.res.Skipped = append(r.res.Skipped, resolveSkipped)
			}
			return nil, err
		}
		r.conf = conf
	}
	return r.conf.Sub(path)
}

const resolveSkipped = "every stage: the config could not be resolved"

// run is the state of one config's check.
type run struct {
	e        *Engine
	ctx      context.Context
	memo     *memo
	in       exact.ConfigInput
	conf     *confmap.Conf     // resolved on first use (see sub)
	raw      map[string]any    // the request config, for its keys and memo keys
	memoKeys map[string]string // settingsKey by kind and path
	res      exact.Result
	// expanded are the request's whole-value references (memo keys).
	expanded   []exact.ExpandedValue
	startStage bool
	// valid holds the configs that decoded and validated, by kind; lazy
	// the Conf paths of those the memo says are valid, decoded only when
	// one of their creations is not remembered.
	valid  map[string]map[component.ID]component.Config
	lazy   map[string]map[component.ID]string
	status map[string]*exact.ComponentStatus // kind + "/" + key
	built  []built
}

// built is one created component.
type built struct {
	kind, pipeline string
	id             component.ID
	typ            string // the factory's type (canonical, not the alias)
	comp           component.Component
	started        bool
	// For the memo: its key, why Start was not tried, the start errors,
	// and noMemo when the outcome depends on more than the key.
	key    string
	skip   string
	errs   []exact.Error
	noMemo bool
}

func (r *run) stat(kind, key string) *exact.ComponentStatus {
	k := kind + "/" + key
	if r.status[k] == nil {
		r.status[k] = &exact.ComponentStatus{Kind: kind, ID: key, Status: exact.StatusChecked}
	}
	return r.status[k]
}

func (r *run) ran(kind, key, stage string) {
	st := r.stat(kind, key)
	if n := len(st.Stages); n == 0 || st.Stages[n-1] != stage {
		st.Stages = append(st.Stages, stage)
	}
}

// fail records err (split into its single errors) for a component.
func (r *run) fail(stage, kind, id, pipeline string, err error, panicked bool) {
	for _, l := range leaves(err) {
		r.res.Errors = append(r.res.Errors, exact.Error{
			Stage: stage, Kind: kind, ID: id, Pipeline: pipeline,
			Message: l.text, Host: hostReason(l.err, l.text), Panic: panicked,
		})
	}
}

// finish sorts the result so that output is deterministic.
func (r *run) finish() {
	for _, st := range r.status {
		r.res.Components = append(r.res.Components, *st)
	}
	kindOrder := map[string]int{}
	for i, s := range sections {
		kindOrder[s.kind] = i
	}
	kindOrder[exact.KindService] = len(sections)
	sort.Slice(r.res.Components, func(i, j int) bool {
		a, b := r.res.Components[i], r.res.Components[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.ID < b.ID
	})
	stageOrder := map[string]int{exact.StageResolve: 0, exact.StageDecode: 1, exact.StageValidate: 2, exact.StageCreate: 3, exact.StageStart: 4}
	sort.SliceStable(r.res.Errors, func(i, j int) bool {
		a, b := r.res.Errors[i], r.res.Errors[j]
		if a.Stage != b.Stage {
			return stageOrder[a.Stage] < stageOrder[b.Stage]
		}
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Pipeline != b.Pipeline {
			return a.Pipeline < b.Pipeline
		}
		return a.Message < b.Message
	})
}

// guard runs f and turns a panic into an error, so that a component's bug
// is that component's error, never the end of the check.
func guard(f func() error) (panicked bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked, err = true, fmt.Errorf("panic: %v", p)
		}
	}()
	return false, f()
}

// Package simulate replays recorded OTLP through the pipelines of a
// collector config with the real collector processors and connectors, and
// reports what each stage did and what each exporter would receive.
//
// Pipelines are built from the component factories rather than with the
// collector's service, which keeps a replay deterministic: receivers are
// replaced by the recording, exporters by capture sinks, time-driven
// components get a fake clock, and everything is flushed by shutting the
// components down in pipeline order.
package simulate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/pipeline"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/batchprocessor"
	"go.uber.org/zap"

	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// InstanceID is the service.instance.id every replay runs with, so that
// components which stamp it (span_metrics) produce the same output each run.
const InstanceID = "otelcfg-simulate"

// StartTime is the fake clock's time when a replay starts.
var StartTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Options say what to replay through which config.
type Options struct {
	// Config is the config's path ("-" reads Stdin): a collector config,
	// Helm values, an OpenTelemetryCollector or a ConfigMap, read as otelcfg
	// lint reads it.
	Config string
	// Kind forces the config's input kind ("" detects it, as lint does).
	Kind   config.Kind
	Stdin  io.Reader
	Inputs []string
	// Signal limits the replay to one signal ("" for every signal found).
	Signal string
	// Batches are replayed before Inputs (already read, as otelcfg test's
	// inline inputs are).
	Batches []Batch
	// Env gives values to ${env:VAR} references; nil means the process
	// environment.
	Env map[string]string
	// Receivers, when set, are the receivers the recording is fed to
	// (default: every receiver that is not a connector).
	Receivers []string
	// OutDir, when set, receives what each exporter receives, one file per
	// exporter and signal (see OutputName), sorted. The files are written
	// as the replay runs, so memory stays bounded however large the
	// recording; ExporterResult.Lines stay empty.
	OutDir string
	// CountOnly counts what exporters receive without keeping it.
	CountOnly bool
	// Workers decode the recording in parallel (GOMAXPROCS when 0).
	Workers int
	// Capture keeps what these stages hand on, in Stage.Lines (or, for a
	// pipeline without a stage, PipelineResult.Lines), as OTLP JSON lines
	// like an exporter's. For otelcfg test's expectations on a stage.
	Capture []StageRef
}

// StageRef names a processor of a pipeline, or with Stage "" what the
// pipeline hands on to its exporters and connectors.
type StageRef struct {
	Pipeline, Stage string
}

// Result is what a replay produced.
type Result struct {
	Config    string            `json:"config"`
	Inputs    []InputSummary    `json:"inputs"`
	Pipelines []*PipelineResult `json:"pipelines"`
	Exporters []*ExporterResult `json:"exporters"`
	Notes     []string          `json:"notes,omitempty"`
	// Failures are components that panicked: the replay's output is
	// incomplete.
	Failures []*ComponentFailure `json:"failures,omitempty"`
}

// InputSummary counts what was read from one signal of the recording.
type InputSummary struct {
	Signal  string `json:"signal"`
	Batches int    `json:"batches"`
	Items   int    `json:"items"`
	Unit    string `json:"unit"`
}

// PipelineResult is one pipeline's stages.
type PipelineResult struct {
	ID        string   `json:"id"`
	Signal    string   `json:"signal"`
	Unit      string   `json:"unit"`
	Receivers []string `json:"receivers"`
	Stages    []*Stage `json:"stages"`
	Exporters []string `json:"exporters"`
	// Out is what reached the exporters (and connectors) of the pipeline.
	Out int64 `json:"out"`
	// Lines is what the pipeline handed on (Options.Capture), sorted.
	Lines [][]byte `json:"-"`

	lines *lineCapture

	in  *atomic.Int64
	out *atomic.Int64
}

// Stage is one processor of a pipeline, or the pipeline's input.
type Stage struct {
	Component string `json:"component"`
	Kind      string `json:"kind"` // "input" or "processor"
	In        int64  `json:"in"`
	Out       int64  `json:"out"`
	Dropped   int64  `json:"dropped"`
	Note      string `json:"note,omitempty"`
	// Reason is what the component's own counters say it dropped.
	Reason string `json:"reason,omitempty"`
	// Telemetry is every non-zero counter the component kept.
	Telemetry []Counter `json:"telemetry,omitempty"`
	// Error is the component's failure (a panic), if it failed.
	Error string `json:"error,omitempty"`
	// Lines is what the stage handed on (Options.Capture), sorted.
	Lines [][]byte `json:"-"`

	in, out *atomic.Int64
	meter   *meter
	lines   *lineCapture
}

// ExporterResult is what one exporter would receive for one signal.
type ExporterResult struct {
	ID      string `json:"id"`
	Signal  string `json:"signal"`
	Items   int    `json:"items"`
	Unit    string `json:"unit"`
	Batches int    `json:"batches"`
	// Lines are OTLP JSON, one resource per line, sorted (unless
	// Options.OutDir or Options.CountOnly is set).
	Lines [][]byte `json:"-"`
	File  string   `json:"file,omitempty"`

	mu  sync.Mutex // guards Batches and Items
	cap lineCapture
}

// ConfigError is a config the replay cannot run; Pos points into it.
// A config otelcfg lint rejects has lint's error findings.
type ConfigError struct {
	Pos      config.Pos
	Msg      string
	Findings []lint.Finding
}

func (e *ConfigError) Error() string {
	if len(e.Findings) > 0 {
		// As otelcfg lint prints them: file:line:col: severity rule: message.
		var b strings.Builder
		fmt.Fprintf(&b, "%s: the config is rejected by otelcfg lint (%d %s):", e.Pos.File, len(e.Findings), pluralWord(len(e.Findings), "error", "errors"))
		for _, f := range e.Findings {
			fmt.Fprintf(&b, "\n%s: %s %s: %s", f.Pos, f.Severity, f.Rule, f.Message)
		}
		return b.String()
	}
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type lifecycle struct {
	name  string
	pos   config.Pos // the component's key in the config
	comp  component.Component
	flush func() error // before Shutdown (span_metrics: advance its clock)
}

type engine struct {
	file string
	coll *config.Collector
	tel  component.TelemetrySettings
	host component.Host

	pipes    map[string]*config.Pipeline
	results  map[string]*PipelineResult
	entries  map[string]edge
	building map[string]bool
	conns    map[string][]edge // connID|from → one consumer per receiving signal
	exps     map[string]*ExporterResult
	comps    []lifecycle // in creation order: downstream first
	started  int         // how many of comps were started
	notes    map[string]bool
	opts     Options
	fed      []string // pipelines the recording is fed to
	sum      map[string]*InputSummary
	refusals map[string]*refusal
	clock    replayClock
	fails    failures
	// receivers is the fan-out of the recording, per signal, to the
	// pipelines it is fed to; batch is the batch being fed.
	receivers map[string]edge
	batch     Batch
	// wallStart is when the engine was made: timestamps after it are the
	// wall clock's, not the recording's (wallclock.go).
	wallStart time.Time
}

// Run replays opts.Inputs through opts.Config. ctx is what components are
// created, started, fed and shut down with.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Signal != "" && opts.Signal != "traces" && opts.Signal != "metrics" && opts.Signal != "logs" {
		return nil, fmt.Errorf("--signal %q: want traces, metrics or logs", opts.Signal)
	}
	if opts.Kind != "" && !slices.Contains(config.Kinds, opts.Kind) {
		return nil, fmt.Errorf("--kind %q: want config, helm-values, operator-cr or configmap", opts.Kind)
	}
	// Open every recording first: a missing file is reported before
	// anything runs. They are read while the replay runs.
	var recs []*Recording
	defer func() {
		for _, r := range recs {
			r.Close()
		}
	}()
	for _, in := range opts.Inputs {
		r, err := Open(in, opts.Signal)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
	}
	cfg, err := loadConfig(ctx, opts)
	if err != nil {
		return nil, err
	}
	e := newEngine(opts.Config, cfg.coll)
	e.opts = opts
	// Processors that read the environment (resource_detection's env
	// detector) get the replay's, through the context they are made with.
	ctx = context.WithValue(ctx, replayEnvKey{}, cfg.env)
	if err := e.build(ctx); err != nil {
		return nil, err // nothing started yet
	}
	if err := e.feeds(); err != nil {
		return nil, err
	}
	if opts.OutDir != "" {
		if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
			return nil, err
		}
	}
	defer e.closeCaptures()
	res := &Result{Config: opts.Config}
	if err := e.start(ctx); err != nil {
		e.shutdown(ctx)
		return nil, err
	}
	if err := e.replay(ctx, recs); err != nil {
		e.shutdown(ctx)
		return nil, err
	}
	if err := e.shutdown(ctx); err != nil {
		e.note(fmt.Sprintf("shutdown: %v", err))
	}
	res.Inputs = e.inputs()
	return e.result(res)
}

func newEngine(file string, c *config.Collector) *engine {
	tel := componenttest.NewNopTelemetrySettings()
	tel.Logger = zap.NewNop()
	tel.Resource.Attributes().PutStr("service.instance.id", InstanceID)
	tel.Resource.Attributes().PutStr("collector.instance.id", InstanceID) // span_metrics reads it
	tel.Resource.Attributes().PutStr("service.name", "otelcfg-simulate")
	e := &engine{
		file: file, coll: c, tel: tel, host: componenttest.NewNopHost(),
		pipes: map[string]*config.Pipeline{}, results: map[string]*PipelineResult{}, entries: map[string]edge{},
		building: map[string]bool{}, conns: map[string][]edge{}, exps: map[string]*ExporterResult{}, notes: map[string]bool{},
		sum: map[string]*InputSummary{}, refusals: map[string]*refusal{}, receivers: map[string]edge{},
		wallStart: time.Now(),
	}
	for _, p := range c.Pipelines {
		e.pipes[p.ID] = p
	}
	return e
}

func (e *engine) note(s string) { e.notes[s] = true }

// clockTailSampling puts a tail_sampling processor's decision ticks on
// the replay clock and returns the stage's note.
func (e *engine) clockTailSampling(comp component.Component, cfg *tailsamplingprocessor.Config) string {
	if cfg.BlockOnOverflow {
		// Waiting for space would wait for a tick that only the next
		// batch can give: left on its own ticker, decided at the end.
		return "block_on_overflow: pending traces decided at the end of the replay (decision_wait not simulated)"
	}
	t, ok := hookTailSampling(comp, cfg.DecisionWait)
	if !ok {
		return "pending traces decided at the end of the replay (decision_wait not simulated: this version has no tick hook)"
	}
	e.clock.timed = append(e.clock.timed, t)
	e.clock.async = append(e.clock.async, t)
	return fmt.Sprintf("decision_wait %s on the recording's clock; pending traces decided at the end", cfg.DecisionWait)
}

// captures says whether Options.Capture asks for stage of pipeline id
// ("" for what the pipeline hands on).
func (e *engine) captures(id, stage string) bool {
	for _, c := range e.opts.Capture {
		if c.Pipeline == id && c.Stage == stage {
			return true
		}
	}
	return false
}

// closeCaptures removes what captures spilled to disk.
func (e *engine) closeCaptures() {
	for _, x := range e.exps {
		x.cap.c.close()
	}
}

func (e *engine) build(ctx context.Context) error {
	ids := make([]string, 0, len(e.pipes))
	for id := range e.pipes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, err := e.pipeline(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// pipeline builds pipeline id (and everything downstream of it) once and
// returns its entry, which mutates data when a processor of the pipeline
// does or everything it exports to does (the collector's capabilities
// node).
func (e *engine) pipeline(ctx context.Context, id string) (edge, error) {
	if f, ok := e.entries[id]; ok {
		return f, nil
	}
	p := e.pipes[id]
	if e.building[id] {
		return edge{}, &ConfigError{Pos: p.KeyPos, Msg: fmt.Sprintf("pipeline %s is part of a cycle through connectors", id)}
	}
	e.building[id] = true
	defer delete(e.building, id)

	sig := p.Signal
	res := &PipelineResult{ID: id, Signal: sig, Unit: unit(sig)}
	e.results[id] = res
	if sig != "traces" && sig != "metrics" && sig != "logs" {
		e.note(fmt.Sprintf("pipeline %s: %s pipelines are not simulated", id, sig))
		e.entries[id] = edge{f: func(context.Context, any) error { return nil }}
		return e.entries[id], nil
	}
	for _, r := range p.Receivers {
		if e.coll.Defined("connectors", r.ID) != nil {
			res.Receivers = append(res.Receivers, r.ID+" (connector)")
			continue
		}
		if e.coll.Defined("receivers", r.ID) == nil {
			return edge{}, &ConfigError{Pos: r.Pos, Msg: fmt.Sprintf("receiver %q is not defined (see otelcfg lint)", r.ID)}
		}
		res.Receivers = append(res.Receivers, r.ID+" (replay)")
	}

	// The tail: exporters and connectors the pipeline feeds.
	var outs []edge
	for _, x := range p.Exporters {
		res.Exporters = append(res.Exporters, x.ID)
		if c := e.coll.Defined("connectors", x.ID); c != nil {
			fs, err := e.connector(ctx, c, x, p)
			if err != nil {
				return edge{}, err
			}
			outs = append(outs, fs...)
			continue
		}
		if e.coll.Defined("exporters", x.ID) == nil {
			return edge{}, &ConfigError{Pos: x.Pos, Msg: fmt.Sprintf("exporter %q is not defined (see otelcfg lint)", x.ID)}
		}
		// The file exporter a collector would write with reads only.
		outs = append(outs, edge{f: e.fails.guard("exporter "+x.ID, "", false, e.exporter(x.ID, sig))})
	}
	if len(outs) == 0 {
		return edge{}, &ConfigError{Pos: p.KeyPos, Msg: fmt.Sprintf("pipeline %s has no exporters", id)}
	}
	res.out = new(atomic.Int64)
	tail := fanout(outs)
	mutating := tail.mutates
	next := counted(res.out, tail.f)
	if e.captures(id, "") {
		res.lines = &lineCapture{}
		next = res.lines.wrap(next)
	}

	// Processors, built back to front.
	stages := make([]*Stage, len(p.Processors))
	for i := len(p.Processors) - 1; i >= 0; i-- {
		ref := p.Processors[i]
		st := &Stage{Component: ref.ID, Kind: "processor", in: new(atomic.Int64)}
		stages[i] = st
		if e.captures(id, ref.ID) {
			st.lines = &lineCapture{}
			next = st.lines.wrap(next)
		}
		f, m, err := e.processor(ctx, ref, id, sig, next, st)
		if err != nil {
			return edge{}, err
		}
		mutating = mutating || m
		next = counted(st.in, f)
	}
	for i, st := range stages {
		if i+1 < len(stages) {
			st.out = stages[i+1].in
		} else {
			st.out = res.out
		}
	}
	res.in = new(atomic.Int64)
	next = counted(res.in, next)
	res.Stages = stages
	e.entries[id] = edge{f: next, mutates: mutating}
	return e.entries[id], nil
}

func counted(n *atomic.Int64, next flow) flow {
	return func(ctx context.Context, d any) error {
		n.Add(int64(count(d)))
		return next(ctx, d)
	}
}

func (e *engine) exporter(id, sig string) flow {
	key := id + "|" + sig
	x := e.exps[key]
	if x == nil {
		x = &ExporterResult{ID: id, Signal: sig, Unit: unit(sig)}
		e.exps[key] = x
	}
	x.cap.c.spill = e.opts.OutDir != ""
	discard := e.opts.CountOnly
	return func(_ context.Context, d any) error {
		x.mu.Lock()
		x.Batches++
		x.Items += count(d)
		x.mu.Unlock()
		if !discard {
			// Marshalled now, while the data is the exporter's: nothing
			// is held but the lines (on disk past spillBytes when they go
			// to a file).
			x.cap.record(d)
		}
		return nil
	}
}

func componentID(typ, name string) (component.ID, error) {
	t, err := component.NewType(typ)
	if err != nil {
		return component.ID{}, err
	}
	if name == "" {
		return component.NewID(t), nil
	}
	return component.NewIDWithName(t, name), nil
}

// settings unmarshals a component's config node onto cfg and validates it.
func unmarshal(c *config.Component, cfg component.Config) error {
	m := map[string]any{}
	if !c.Node.IsNull() {
		v := c.Node.Plain()
		mm, ok := v.(map[string]any)
		if !ok {
			return &ConfigError{Pos: c.Node.Pos, Msg: fmt.Sprintf("%s: settings must be a map", c.Path)}
		}
		m = mm
	}
	if err := confmap.NewFromStringMap(m).Unmarshal(cfg); err != nil {
		return &ConfigError{Pos: c.KeyPos, Msg: fmt.Sprintf("%s: %v", c.Path, err)}
	}
	if err := confmap.Validate(cfg); err != nil {
		return &ConfigError{Pos: c.KeyPos, Msg: fmt.Sprintf("%s: %v", c.Path, err)}
	}
	return nil
}

// processor builds processor ref of pipeline pid in front of next; it
// returns the processor's flow and whether it mutates data.
func (e *engine) processor(ctx context.Context, ref config.Ref, pid, sig string, next flow, st *Stage) (flow, bool, error) {
	c := e.coll.Defined("processors", ref.ID)
	if c == nil {
		return nil, false, &ConfigError{Pos: ref.Pos, Msg: fmt.Sprintf("processor %q is not defined (see otelcfg lint)", ref.ID)}
	}
	typ := canonical(c.Type)
	f, ok := processorFactories[typ]
	if !ok {
		why := knownNotCompiled[c.Type]
		if why == "" {
			why = "not compiled into otelcfg-simulate (see otelcfg simulate --list)"
		}
		st.Note = "passed through: " + why
		e.note(fmt.Sprintf("processor %s: passed through unchanged: %s", ref.ID, why))
		return next, false, nil
	}
	cfg := f.CreateDefaultConfig()
	if err := unmarshal(c, cfg); err != nil {
		return nil, false, err
	}
	if why, ok := passThrough[typ]; ok {
		st.Note = "passed through: " + why
		return next, false, nil
	}
	if note := detectorsNote(cfg); note != "" {
		st.Note = note
		if strings.Contains(note, "not simulated") {
			e.note(fmt.Sprintf("processor %s: %s", ref.ID, note))
		}
	}
	var batch *batchStage
	if bc, ok := cfg.(*batchprocessor.Config); ok {
		// With a timeout and a send_batch_size the processor has a timer:
		// it is replaced by the replay clock (batchStage). Without either,
		// it sends each batch as it comes.
		batch = &batchStage{batchSettler: batchSettler{in: st.in}}
		if bc.Timeout > 0 && bc.SendBatchSize > 0 {
			batch.size, batch.timeout = int64(bc.SendBatchSize), bc.Timeout
			bc.Timeout = 24 * time.Hour // past any replay
			st.Note = fmt.Sprintf("timeout %s on the recording's clock; the rest flushed at the end", batch.timeout)
		}
		next = batch.wrap(next)
		e.clock.async = append(e.clock.async, batch)
	}
	// The upstream factories accept their deprecated type names; the
	// replay's own (resource_detection) know only the canonical one.
	idType := c.Type
	if f.Type().String() == typ && !acceptsAlias(f) {
		idType = typ
	}
	id, err := componentID(idType, c.Name)
	if err != nil {
		return nil, false, &ConfigError{Pos: c.KeyPos, Msg: err.Error()}
	}
	tel, m := e.meteredTelemetry()
	st.meter = m
	if batch != nil && batch.timeout > 0 {
		// A batch on the replay clock is a new instance per timeout: each
		// would register its telemetry callbacks again (and keep its
		// instance alive). batch drops nothing, so it reports no reasons.
		tel, st.meter = e.tel, nil
	}
	set := processor.Settings{ID: id, TelemetrySettings: tel}
	create := func(ctx context.Context) (component.Component, error) {
		switch sig {
		case "traces":
			return f.CreateTraces(ctx, set, cfg, &tracesFunc{f: next})
		case "metrics":
			return f.CreateMetrics(ctx, set, cfg, &metricsFunc{f: next})
		default:
			return f.CreateLogs(ctx, set, cfg, &logsFunc{f: next})
		}
	}
	comp, err := create(ctx)
	if err != nil {
		return nil, false, &ConfigError{Pos: ref.Pos, Msg: fmt.Sprintf("processor %s in pipeline %s: %v", ref.ID, sig, err)}
	}
	if tc, ok := cfg.(*tailsamplingprocessor.Config); ok {
		st.Note = e.clockTailSampling(comp, tc)
	}
	if batch != nil && batch.timeout > 0 {
		batch.create = create
		batch.consume = func(c component.Component) flow { return fromConsumer(sig, c) }
		batch.use(comp)
		e.clock.timed = append(e.clock.timed, batch)
		e.comps = append(e.comps, lifecycle{name: "processor " + ref.ID, pos: c.KeyPos, comp: batch})
		return e.fails.guard("processor "+ref.ID, pid, mutates(comp), batch.flow), mutates(comp), nil
	}
	e.comps = append(e.comps, lifecycle{name: "processor " + ref.ID, pos: c.KeyPos, comp: comp})
	return e.fails.guard("processor "+ref.ID, pid, mutates(comp), fromConsumer(sig, comp)), mutates(comp), nil
}

// connector returns the consumers that pipeline p's export to connector c
// feeds: one connector instance per signal of the receiving pipelines.
// Each mutates data when the connector does or, between pipelines of one
// signal, when a receiving pipeline does (as the collector aggregates
// them).
func (e *engine) connector(ctx context.Context, c *config.Component, ref config.Ref, p *config.Pipeline) ([]edge, error) {
	from := p.Signal
	key := c.ID + "|" + from
	if fs, ok := e.conns[key]; ok {
		return fs, nil
	}
	typ := canonical(c.Type)
	f, ok := connectorFactories[typ]
	if !ok {
		return nil, &ConfigError{Pos: c.KeyPos, Msg: fmt.Sprintf("connector %q is not compiled into otelcfg-simulate (see otelcfg simulate --list): a replay cannot know what it would emit", c.Type)}
	}
	// Receiving pipelines, grouped by signal. As in the collector, a
	// receiving pipeline of a signal the connector cannot connect to from
	// this one does not get an instance (forward in traces, metrics and
	// logs pipelines connects each signal to itself).
	bySig := map[string][]*config.Pipeline{}
	receiving := false
	for _, q := range e.coll.Pipelines {
		for _, r := range q.Receivers {
			if r.ID == c.ID {
				receiving = true
				if connectorStability(f, from, q.Signal) {
					bySig[q.Signal] = append(bySig[q.Signal], q)
				}
				break
			}
		}
	}
	if !receiving {
		return nil, &ConfigError{Pos: ref.Pos, Msg: fmt.Sprintf("connector %s is an exporter of %s but no pipeline receives from it", c.ID, p.ID)}
	}
	if len(bySig) == 0 {
		return nil, &ConfigError{Pos: ref.Pos, Msg: fmt.Sprintf("connector %s is an exporter of %s (%s) but no pipeline it can connect %s to receives from it", c.ID, p.ID, from, from)}
	}
	id, err := componentID(c.Type, c.Name)
	if err != nil {
		return nil, &ConfigError{Pos: c.KeyPos, Msg: err.Error()}
	}
	var fs []edge
	for _, to := range signals {
		qs := bySig[to]
		if len(qs) == 0 {
			continue
		}
		outs := map[pipeline.ID]edge{}
		downstream := false
		for _, q := range qs {
			entry, err := e.pipeline(ctx, q.ID)
			if err != nil {
				return nil, err
			}
			outs[pipeline.NewIDWithName(pipelineSignal(to), q.Name)] = entry
			downstream = downstream || entry.mutates
		}
		cfg := f.CreateDefaultConfig()
		if err := unmarshal(c, cfg); err != nil {
			return nil, err
		}
		cctx, next, flush := ctx, router(to, outs), func() error { return nil }
		if smc, ok := cfg.(*spanmetricsconnector.Config); ok {
			cctx, next, flush = e.clockSpanMetrics(ctx, c.ID, smc, to, next)
		}
		if typ == "count" {
			next = e.restampWallClock(next)
		}
		set := connector.Settings{ID: id, TelemetrySettings: e.tel}
		comp, err := createConnector(cctx, f, set, cfg, from, to, next)
		if err != nil {
			return nil, &ConfigError{Pos: ref.Pos, Msg: fmt.Sprintf("connector %s from %s to %s: %v", c.ID, from, to, err)}
		}
		e.comps = append(e.comps, lifecycle{name: "connector " + c.ID, pos: c.KeyPos, comp: comp, flush: flush})
		m := mutates(comp) || (from == to && downstream)
		fs = append(fs, edge{f: e.fails.guard("connector "+c.ID, "", m, fromConsumer(from, comp)), mutates: m})
	}
	e.conns[key] = fs
	return fs, nil
}

func pipelineSignal(sig string) pipeline.Signal {
	switch sig {
	case "traces":
		return pipeline.SignalTraces
	case "metrics":
		return pipeline.SignalMetrics
	default:
		return pipeline.SignalLogs
	}
}

// createConnector creates connector f from signal from to signal to.
func createConnector(ctx context.Context, f connector.Factory, set connector.Settings, cfg component.Config, from, to string, next any) (component.Component, error) {
	switch from + ">" + to {
	case "traces>traces":
		return f.CreateTracesToTraces(ctx, set, cfg, next.(consumer.Traces))
	case "traces>metrics":
		return f.CreateTracesToMetrics(ctx, set, cfg, next.(consumer.Metrics))
	case "traces>logs":
		return f.CreateTracesToLogs(ctx, set, cfg, next.(consumer.Logs))
	case "metrics>traces":
		return f.CreateMetricsToTraces(ctx, set, cfg, next.(consumer.Traces))
	case "metrics>metrics":
		return f.CreateMetricsToMetrics(ctx, set, cfg, next.(consumer.Metrics))
	case "metrics>logs":
		return f.CreateMetricsToLogs(ctx, set, cfg, next.(consumer.Logs))
	case "logs>traces":
		return f.CreateLogsToTraces(ctx, set, cfg, next.(consumer.Traces))
	case "logs>metrics":
		return f.CreateLogsToMetrics(ctx, set, cfg, next.(consumer.Metrics))
	default:
		return f.CreateLogsToLogs(ctx, set, cfg, next.(consumer.Logs))
	}
}

func (e *engine) start(ctx context.Context) error {
	for _, l := range e.comps {
		if err := l.comp.Start(ctx, e.host); err != nil {
			// As the collector, which does not start: the config (or its
			// environment) cannot be run.
			return &ConfigError{Pos: l.pos, Msg: fmt.Sprintf("starting %s: %v", l.name, err)}
		}
		e.started++
	}
	return nil
}

// shutdown stops components upstream first, so that what batch,
// tail_sampling and span_metrics hold is flushed downstream.
func (e *engine) shutdown(ctx context.Context) error {
	var errs []error
	for i := e.started - 1; i >= 0; i-- {
		l := e.comps[i]
		if l.flush != nil {
			if err := e.fails.recovered(l.name, l.flush); err != nil {
				errs = append(errs, err)
			}
		}
		if err := e.fails.recovered(l.name, func() error { return l.comp.Shutdown(ctx) }); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", l.name, err))
		}
	}
	e.comps, e.started = nil, 0
	return errors.Join(errs...)
}

// feeds decides which pipelines the recording is fed to: those with a
// receiver that is not a connector, or only Options.Receivers.
func (e *engine) feeds() error {
	only := map[string]bool{} // --receiver: named → used by a fed pipeline
	for _, r := range e.opts.Receivers {
		if e.coll.Defined("receivers", r) == nil {
			return fmt.Errorf("--receiver %s: not a receiver of %s", r, e.file)
		}
		only[r] = false
	}
	for _, p := range e.coll.Pipelines {
		res := e.results[p.ID]
		if res == nil || res.in == nil {
			continue
		}
		for _, r := range p.Receivers {
			if e.coll.Defined("connectors", r.ID) != nil {
				continue
			}
			if _, named := only[r.ID]; len(only) > 0 && !named {
				continue
			}
			if len(only) > 0 {
				only[r.ID] = true
			}
			e.fed = append(e.fed, p.ID)
			break
		}
	}
	for _, r := range e.opts.Receivers {
		if !only[r] {
			return fmt.Errorf("--receiver %s: no pipeline of %s receives from it", r, e.file)
		}
	}
	sort.Strings(e.fed)
	return nil
}

// replay feeds Options.Batches, then each recording, to the pipelines.
func (e *engine) replay(ctx context.Context, recs []*Recording) error {
	for _, b := range e.opts.Batches {
		// The caller's batches stay the caller's: processors change what
		// they are given.
		switch b.Signal {
		case "traces":
			b.Traces = clone(b.Traces).(ptrace.Traces)
		case "metrics":
			b.Metrics = clone(b.Metrics).(pmetric.Metrics)
		case "logs":
			b.Logs = clone(b.Logs).(plog.Logs)
		}
		if err := e.feedBatch(ctx, b); err != nil {
			return err
		}
	}
	for _, r := range recs {
		if err := r.Each(e.opts.Workers, func(b Batch) error { return e.feedBatch(ctx, b) }); err != nil {
			return err
		}
	}
	return nil
}

// feedBatch gives b to every pipeline it is fed to: a copy to each but the
// last, which gets b itself.
func (e *engine) feedBatch(ctx context.Context, b Batch) error {
	if e.opts.Signal != "" && b.Signal != e.opts.Signal {
		return nil
	}
	s := e.sum[b.Signal]
	if s == nil {
		s = &InputSummary{Signal: b.Signal, Unit: unit(b.Signal)}
		e.sum[b.Signal] = s
	}
	s.Batches++
	s.Items += b.Items()
	if len(e.clock.timed) > 0 { // batchTime reads every item: only when something runs on it
		if err := e.clock.at(ctx, batchTime(b)); err != nil {
			return err
		}
	}
	to, ok := e.receivers[b.Signal]
	if !ok {
		to = e.receiver(b.Signal)
		e.receivers[b.Signal] = to
	}
	if to.f == nil {
		e.note(fmt.Sprintf("no %s pipeline has a receiver: %s data in the recording was not replayed", b.Signal, b.Signal))
		return nil
	}
	e.batch = b
	return to.f(ctx, b.data())
}

// receiver is the fan-out of the recording's signal sig to the pipelines
// it is fed to, as a collector's receiver in those pipelines fans out
// (copies for the pipelines that mutate data, see fanout). A pipeline's
// error (or panic) is its refusal of the batch, noted, and the others
// still get it. Its flow is nil when no pipeline is fed sig.
func (e *engine) receiver(sig string) edge {
	var outs []edge
	for _, id := range e.fed {
		if e.pipes[id].Signal != sig {
			continue
		}
		entry := e.entries[id]
		outs = append(outs, edge{mutates: entry.mutates, f: func(ctx context.Context, d any) error {
			if err := e.feed(ctx, id, entry.f, d); err != nil {
				e.refused(id, e.batch, err)
			}
			return nil
		}})
	}
	if len(outs) == 0 {
		return edge{}
	}
	return fanout(outs)
}

// refusal is what one pipeline refused: the first batch, and how many.
type refusal struct {
	first string
	n     int
}

// refused notes a batch a pipeline refused: the first one per pipeline
// with its error, then a count (a pipeline refusing every request of a
// large recording must not fill memory with notes).
func (e *engine) refused(id string, b Batch, err error) {
	r := e.refusals[id]
	if r == nil {
		r = &refusal{first: fmt.Sprintf("pipeline %s refused the batch from %s:%d: %v", id, b.File, b.Line, err)}
		e.refusals[id] = r
	}
	r.n++
}

// inputs summarises what was read, per signal.
func (e *engine) inputs() []InputSummary {
	var out []InputSummary
	for _, sig := range signals {
		if s := e.sum[sig]; s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// feed sends d into pipeline id through its entry; a panic the components'
// guards did not catch (the replay's own) fails the pipeline, not the
// process.
func (e *engine) feed(ctx context.Context, id string, entry flow, d any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("panic: %v", r)
			e.fails.add("pipeline "+id, "", msg)
			err = errors.New(msg)
		}
	}()
	return entry(ctx, d)
}

func (e *engine) result(res *Result) (*Result, error) {
	for _, p := range e.coll.Pipelines {
		r := e.results[p.ID]
		if r == nil {
			continue
		}
		if r.in != nil {
			r.Stages = append([]*Stage{{Component: "receivers", Kind: "input", In: r.in.Load(), Out: r.in.Load()}}, r.Stages...)
			r.Out = r.out.Load()
		}
		for _, st := range r.Stages {
			if st.in != nil {
				st.In, st.Out = st.in.Load(), st.out.Load()
				st.Dropped = st.In - st.Out
				if st.Dropped < 0 {
					st.Dropped = 0
				}
			}
			if st.meter != nil {
				st.Telemetry = st.meter.counters()
				st.Reason = reason(st.Telemetry)
			}
			if st.lines != nil {
				lines, err := st.lines.sorted()
				if err != nil {
					return nil, fmt.Errorf("pipeline %s stage %s: %w", r.ID, st.Component, err)
				}
				st.Lines = lines
			}
		}
		if r.lines != nil {
			lines, err := r.lines.sorted()
			if err != nil {
				return nil, fmt.Errorf("pipeline %s: %w", r.ID, err)
			}
			r.Lines = lines
		}
		res.Pipelines = append(res.Pipelines, r)
	}
	sort.Slice(res.Pipelines, func(i, j int) bool { return res.Pipelines[i].ID < res.Pipelines[j].ID })
	for _, x := range e.exps {
		if x.cap.err != nil {
			return nil, fmt.Errorf("exporter %s: %w", x.ID, x.cap.err)
		}
		switch {
		case e.opts.OutDir != "":
			x.File = filepath.Join(e.opts.OutDir, OutputName(x.ID, x.Signal))
			err := x.cap.c.writeTo(x.File)
			x.cap.c.close()
			if err != nil {
				return nil, fmt.Errorf("exporter %s: %w", x.ID, err)
			}
		case !e.opts.CountOnly:
			x.Lines = x.cap.c.sorted()
		}
		x.cap = lineCapture{}
		res.Exporters = append(res.Exporters, x)
	}
	sort.Slice(res.Exporters, func(i, j int) bool {
		a, b := res.Exporters[i], res.Exporters[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Signal < b.Signal
	})
	for _, r := range e.refusals {
		if r.n > 1 {
			e.note(fmt.Sprintf("%s (and %d more batches)", r.first, r.n-1))
		} else {
			e.note(r.first)
		}
	}
	for n := range e.notes {
		res.Notes = append(res.Notes, n)
	}
	sort.Strings(res.Notes)
	res.Failures = e.fails.list()
	for _, f := range res.Failures {
		if r := e.results[f.Pipeline]; r != nil {
			for _, st := range r.Stages {
				if "processor "+st.Component == f.Component {
					st.Error = f.Error
				}
			}
		}
	}
	return res, nil
}

package simulate

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector"
	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor"
	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pipeline"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/batchprocessor"
)

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
	if !replayable(sig) {
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
	typ := canonical(catalog.Processor, c.Type)
	f, ok := processorFactories[typ]
	if !ok {
		return e.passProcessor(c, ref, typ, next, st)
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

// passProcessor passes data through processor c of type typ, which the
// replay does not run, with a note saying why. A compiled-in one's
// settings are still decoded and validated by its factory.
func (e *engine) passProcessor(c *config.Component, ref config.Ref, typ string, next flow, st *Stage) (flow, bool, error) {
	why := notCompiled[typ]
	if why == "" {
		why = "not compiled into otelcfg-collector (see otelcfg simulate --list)"
	}
	if f, ok := compiled.Processors[typeOf(typ)]; ok {
		if err := unmarshal(c, f.CreateDefaultConfig()); err != nil {
			return nil, false, err
		}
		why = "not replayed by otelcfg-collector (see otelcfg simulate --list)"
	}
	st.Note = "passed through: " + why
	e.note(fmt.Sprintf("processor %s: passed through unchanged: %s", ref.ID, why))
	return next, false, nil
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
	typ := canonical(catalog.Connector, c.Type)
	f, ok := connectorFactories[typ]
	if !ok {
		how := "is not compiled into otelcfg-collector"
		if compiled.Connectors[typeOf(typ)] != nil {
			how = "is not replayed by otelcfg-collector"
		}
		return nil, &ConfigError{Pos: c.KeyPos, Msg: fmt.Sprintf("connector %q %s (see otelcfg simulate --list): a replay cannot know what it would emit", c.Type, how)}
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
	for _, to := range replaySignals() {
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

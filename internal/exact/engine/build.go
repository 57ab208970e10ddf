package engine

import (
	"sort"
	"strconv"
	"strings"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/pipeline"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/receiver"
	"go.opentelemetry.io/collector/service/pipelines"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// build creates the components the pipelines use, as `otelcol validate`
// does when it builds the pipeline graph (service.Validate → graph.Build at
// v0.158.0): one receiver and one exporter per ID and signal, one processor
// per pipeline it is in, one connector per signal pair it joins. The graph
// never creates components no pipeline uses, nor extensions; neither does
// the engine. Creation is side-effect free in practice because validate
// does it on every CI machine: factories only build structs, and open
// listeners, files and connections in Start. Each component gets no-op
// telemetry and no-op next consumers.
//
// Unlike the graph, which stops at the first error, every component whose
// settings decoded and validated is created; those that failed an earlier
// stage are not (the collector never gets that far).
func (r *run) build() {
	pipes, ok := r.pipelines()
	if !ok {
		return
	}
	ids := make([]pipeline.ID, 0, len(pipes))
	for id := range pipes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].String() < ids[j].String() })

	recvs := map[component.ID]map[pipeline.Signal]bool{}
	exps := map[component.ID]map[pipeline.Signal]bool{}
	connExp := map[component.ID]map[pipeline.Signal]bool{}
	connRecv := map[component.ID]map[pipeline.Signal][]pipeline.ID{}
	isConn := func(id component.ID) bool { return r.defined(exact.KindConnector, id) }
	for _, pid := range ids {
		p, sig := pipes[pid], pid.Signal()
		if p == nil {
			continue
		}
		if !supported(sig) {
			r.res.Skipped = append(r.res.Skipped, exact.StageCreate+": pipeline "+pid.String()+": "+sig.String()+" pipelines are not built")
			continue
		}
		for _, id := range p.Receivers {
			if isConn(id) {
				if connRecv[id] == nil {
					connRecv[id] = map[pipeline.Signal][]pipeline.ID{}
				}
				connRecv[id][sig] = append(connRecv[id][sig], pid)
			} else {
				addSignal(recvs, id, sig)
			}
		}
		for _, id := range p.Processors {
			r.createProcessor(id, pid)
		}
		for _, id := range p.Exporters {
			if isConn(id) {
				addSignal(connExp, id, sig)
			} else {
				addSignal(exps, id, sig)
			}
		}
	}
	for _, id := range sortedIDs(recvs) {
		for _, sig := range sortedSignals(recvs[id]) {
			r.createReceiver(id, sig)
		}
	}
	for _, id := range sortedIDs(exps) {
		for _, sig := range sortedSignals(exps[id]) {
			r.createExporter(id, sig)
		}
	}
	for _, id := range sortedIDs(connExp) {
		for _, from := range sortedSignals(connExp[id]) {
			for _, to := range sortedSignals(signalSet(connRecv[id])) {
				r.createConnector(id, from, to, connRecv[id][to])
			}
		}
	}
}

// pipelines decodes service::pipelines as the collector does. When they do
// not decode, nothing is created: the structural checks report why.
// The decoded pipelines are remembered (and only read).
func (r *run) pipelines() (pipelines.Config, bool) {
	key := r.settingsKey("pipelines", "service", "pipelines")
	if o := r.memo.pipelines(key); o != nil {
		if o.skip != "" {
			r.res.Skipped = append(r.res.Skipped, o.skip)
		}
		return o.pipes, o.skip == ""
	}
	var pipes pipelines.Config
	_, err := guard(func() error {
		sub, err := r.sub("service::pipelines")
		if err != nil {
			return err
		}
		return sub.Unmarshal(&pipes)
	})
	if err != nil {
		skip := exact.StageCreate + ": service::pipelines does not decode: " + err.Error()
		r.res.Skipped = append(r.res.Skipped, skip)
		r.memo.putPipelines(key, &pipesOutcome{skip: skip})
		return nil, false
	}
	r.memo.putPipelines(key, &pipesOutcome{pipes: pipes})
	return pipes, true
}

func supported(s pipeline.Signal) bool {
	return s == pipeline.SignalTraces || s == pipeline.SignalMetrics || s == pipeline.SignalLogs
}

// defined reports whether id is defined in kind's section (valid or not).
func (r *run) defined(kind string, id component.ID) bool {
	_, ok := r.status[kind+"/"+id.String()]
	return ok
}

// config returns the decoded, valid config of a component, or nil when it
// is undefined, not compiled in or failed an earlier stage. A config the
// memo knows to be valid is decoded now.
func (r *run) config(kind string, id component.ID) component.Config {
	if cfg := r.valid[kind][id]; cfg != nil {
		return cfg
	}
	path, ok := r.lazy[kind][id]
	f := r.e.byKind[kind][id.Type()]
	if !ok || f == nil {
		return nil
	}
	var cfg component.Config
	if _, err := guard(func() error {
		sub, err := r.sub(path)
		if err != nil {
			return err
		}
		cfg = f.CreateDefaultConfig()
		return sub.Unmarshal(&cfg)
	}); err != nil {
		return nil
	}
	if r.valid[kind] == nil {
		r.valid[kind] = map[component.ID]component.Config{}
	}
	r.valid[kind][id] = cfg
	return cfg
}

// isValid reports whether a component decoded and validated (here or, per
// the memo, in an earlier config).
func (r *run) isValid(kind string, id component.ID) bool {
	if r.valid[kind][id] != nil {
		return true
	}
	_, ok := r.lazy[kind][id]
	return ok
}

func telemetrySettings() component.TelemetrySettings { return componenttest.NewNopTelemetrySettings() }

// create creates one component of kind whose config decoded and validated
// (others are skipped: the collector never gets that far), with newComp
// calling the factory; a panic is the component's error.
//
// what says what the creation depends on besides the settings (the
// signal, a connector's pipelines), for the memo.
func (r *run) create(kind string, id component.ID, pipe, what string, newComp func(f component.Factory, cfg component.Config) (component.Component, error)) {
	f := r.e.byKind[kind][id.Type()]
	if f == nil || !r.isValid(kind, id) {
		return
	}
	key := r.settingsKey(kind, kindSection(kind), id.String())
	if key != "" {
		key += "\x00" + what + "\x00" + strconv.FormatBool(r.startStage)
	}
	if o := r.memo.create(key); o != nil {
		r.replayCreate(kind, id, pipe, o)
		return
	}
	cfg := r.config(kind, id)
	if cfg == nil {
		return
	}
	var c component.Component
	panicked, err := guard(func() (err error) {
		c, err = newComp(f, cfg)
		return err
	})
	r.ran(kind, id.String(), exact.StageCreate)
	if err != nil {
		n := len(r.res.Errors)
		r.fail(exact.StageCreate, kind, id.String(), pipe, err, panicked)
		r.memo.putCreate(key, &createOutcome{errs: stripPipeline(r.res.Errors[n:])})
		return
	}
	if c != nil {
		r.built = append(r.built, built{kind: kind, pipeline: pipe, id: id, typ: f.Type().String(), comp: c, key: key})
	}
}

func (r *run) createReceiver(id component.ID, sig pipeline.Signal) {
	r.create(exact.KindReceiver, id, sig.String(), sig.String(), func(fac component.Factory, cfg component.Config) (component.Component, error) {
		f := fac.(receiver.Factory)
		set := receiver.Settings{ID: id, TelemetrySettings: telemetrySettings(), BuildInfo: component.NewDefaultBuildInfo()}
		switch sig {
		case pipeline.SignalTraces:
			return f.CreateTraces(r.ctx, set, cfg, consumertest.NewNop())
		case pipeline.SignalMetrics:
			return f.CreateMetrics(r.ctx, set, cfg, consumertest.NewNop())
		}
		return f.CreateLogs(r.ctx, set, cfg, consumertest.NewNop())
	})
}

func (r *run) createExporter(id component.ID, sig pipeline.Signal) {
	r.create(exact.KindExporter, id, sig.String(), sig.String(), func(fac component.Factory, cfg component.Config) (component.Component, error) {
		f := fac.(exporter.Factory)
		set := exporter.Settings{ID: id, TelemetrySettings: telemetrySettings(), BuildInfo: component.NewDefaultBuildInfo()}
		switch sig {
		case pipeline.SignalTraces:
			return f.CreateTraces(r.ctx, set, cfg)
		case pipeline.SignalMetrics:
			return f.CreateMetrics(r.ctx, set, cfg)
		}
		return f.CreateLogs(r.ctx, set, cfg)
	})
}

func (r *run) createProcessor(id component.ID, pid pipeline.ID) {
	r.create(exact.KindProcessor, id, pid.String(), pid.Signal().String(), func(fac component.Factory, cfg component.Config) (component.Component, error) {
		f := fac.(processor.Factory)
		set := processor.Settings{ID: id, TelemetrySettings: telemetrySettings(), BuildInfo: component.NewDefaultBuildInfo()}
		switch pid.Signal() {
		case pipeline.SignalTraces:
			return f.CreateTraces(r.ctx, set, cfg, consumertest.NewNop())
		case pipeline.SignalMetrics:
			return f.CreateMetrics(r.ctx, set, cfg, consumertest.NewNop())
		}
		return f.CreateLogs(r.ctx, set, cfg, consumertest.NewNop())
	})
}

// createConnector creates the connector from signal from to signal to,
// with a router over the pipelines it feeds (routing checks its table
// against them). An unsupported pair is the structural checks' to report.
func (r *run) createConnector(id component.ID, from, to pipeline.Signal, into []pipeline.ID) {
	if f, ok := r.e.byKind[exact.KindConnector][id.Type()].(connector.Factory); !ok || stability(f, from, to) == component.StabilityLevelUndefined {
		return
	}
	pipes := make([]string, len(into))
	for i, p := range into {
		pipes[i] = p.String()
	}
	sort.Strings(pipes)
	pair := from.String() + "->" + to.String()
	r.create(exact.KindConnector, id, pair, pair+" "+strings.Join(pipes, ","), func(fac component.Factory, cfg component.Config) (component.Component, error) {
		set := connector.Settings{ID: id, TelemetrySettings: telemetrySettings(), BuildInfo: component.NewDefaultBuildInfo()}
		return createConnector(r, fac.(connector.Factory), set, cfg, from, to, into)
	})
}

func createConnector(r *run, f connector.Factory, set connector.Settings, cfg component.Config, from, to pipeline.Signal, into []pipeline.ID) (component.Component, error) {
	var next any
	switch to {
	case pipeline.SignalTraces:
		m := map[pipeline.ID]consumer.Traces{}
		for _, p := range into {
			m[p] = consumertest.NewNop()
		}
		next = connector.NewTracesRouter(m)
	case pipeline.SignalMetrics:
		m := map[pipeline.ID]consumer.Metrics{}
		for _, p := range into {
			m[p] = consumertest.NewNop()
		}
		next = connector.NewMetricsRouter(m)
	case pipeline.SignalLogs:
		m := map[pipeline.ID]consumer.Logs{}
		for _, p := range into {
			m[p] = consumertest.NewNop()
		}
		next = connector.NewLogsRouter(m)
	}
	ctx := r.ctx
	switch from.String() + ">" + to.String() {
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
	case "logs>logs":
		return f.CreateLogsToLogs(ctx, set, cfg, next.(consumer.Logs))
	}
	return nil, nil
}

// stability is the connector's stability from signal from to signal to
// (Undefined: the pair is not supported).
func stability(f connector.Factory, from, to pipeline.Signal) component.StabilityLevel {
	switch from.String() + ">" + to.String() {
	case "traces>traces":
		return f.TracesToTracesStability()
	case "traces>metrics":
		return f.TracesToMetricsStability()
	case "traces>logs":
		return f.TracesToLogsStability()
	case "metrics>traces":
		return f.MetricsToTracesStability()
	case "metrics>metrics":
		return f.MetricsToMetricsStability()
	case "metrics>logs":
		return f.MetricsToLogsStability()
	case "logs>traces":
		return f.LogsToTracesStability()
	case "logs>metrics":
		return f.LogsToMetricsStability()
	case "logs>logs":
		return f.LogsToLogsStability()
	}
	return component.StabilityLevelUndefined
}

func addSignal(m map[component.ID]map[pipeline.Signal]bool, id component.ID, s pipeline.Signal) {
	if m[id] == nil {
		m[id] = map[pipeline.Signal]bool{}
	}
	m[id][s] = true
}

func signalSet(m map[pipeline.Signal][]pipeline.ID) map[pipeline.Signal]bool {
	out := map[pipeline.Signal]bool{}
	for s := range m {
		out[s] = true
	}
	return out
}

func sortedIDs[V any](m map[component.ID]V) []component.ID {
	out := make([]component.ID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func sortedSignals(m map[pipeline.Signal]bool) []pipeline.Signal {
	out := make([]pipeline.Signal, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

package simulate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

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
func (e *engine) replay(ctx context.Context, recs []*recording.Recording) error {
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
		if err := r.Each(e.opts.Workers, func(b recording.Batch) error { return e.feedBatch(ctx, b) }); err != nil {
			return err
		}
	}
	return nil
}

// feedBatch gives b to every pipeline it is fed to: a copy to each but the
// last, which gets b itself.
func (e *engine) feedBatch(ctx context.Context, b recording.Batch) error {
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
	return to.f(ctx, b.Data())
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
func (e *engine) refused(id string, b recording.Batch, err error) {
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
	for _, sig := range replaySignals() {
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

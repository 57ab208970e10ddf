package simulate

import (
	"context"
	"errors"
	"sort"

	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/pipeline"
)

// Fan-out as the collector builds it (service/internal/graph and
// internal/fanoutconsumer at v0.158.0): every consumer says whether it
// changes what it is given (consumer.Capabilities.MutatesData), and where
// data fans out, each consumer that mutates gets a copy, the last of them
// the original when no read-only consumer shares it, and read-only
// consumers share one value, marked read-only when there are several. A
// component that mutates is never handed shared data, and nothing is
// copied for a consumer that only reads.

// edge is a consumer as the collector's graph sees it: a flow and its
// MutatesData.
type edge struct {
	f       flow
	mutates bool
}

// fanout hands what it consumes to every edge, as the collector's fanout
// consumer does, in the order given. (For a connector feeding several
// pipelines the collector's order is Go map order: any fixed order is one
// it can take, and a fixed one keeps a replay deterministic.) The result
// mutates when every edge does, as the collector's does.
func fanout(outs []edge) edge {
	if len(outs) == 1 && !outs[0].mutates {
		return outs[0]
	}
	var mutable, readonly []flow
	for _, o := range outs {
		if o.mutates {
			mutable = append(mutable, o.f)
		} else {
			readonly = append(readonly, o.f)
		}
	}
	f := func(ctx context.Context, d any) error {
		var errs []error
		if n := len(mutable); n > 0 {
			for _, m := range mutable[:n-1] {
				errs = append(errs, m(ctx, clone(d)))
			}
			// The original goes to the last mutating consumer only if no
			// read-only consumer shares it (a read-only consumer may hold
			// it after returning) and it may be changed.
			x := d
			if len(readonly) > 0 || readOnly(d) {
				x = clone(d)
			}
			errs = append(errs, mutable[n-1](ctx, x))
		}
		if len(readonly) > 1 {
			markReadOnly(d)
		}
		for _, r := range readonly {
			errs = append(errs, r(ctx, d))
		}
		return errors.Join(errs...)
	}
	return edge{f: f, mutates: len(mutable) > 0 && len(readonly) == 0}
}

func readOnly(d any) bool {
	switch d := d.(type) {
	case ptrace.Traces:
		return d.IsReadOnly()
	case pmetric.Metrics:
		return d.IsReadOnly()
	case plog.Logs:
		return d.IsReadOnly()
	}
	return false
}

func markReadOnly(d any) {
	switch d := d.(type) {
	case ptrace.Traces:
		if !d.IsReadOnly() {
			d.MarkReadOnly()
		}
	case pmetric.Metrics:
		if !d.IsReadOnly() {
			d.MarkReadOnly()
		}
	case plog.Logs:
		if !d.IsReadOnly() {
			d.MarkReadOnly()
		}
	}
}

// capabilities is what a component says of itself; a component that says
// nothing is taken not to mutate.
func mutates(c any) bool {
	if c, ok := c.(interface{ Capabilities() consumer.Capabilities }); ok {
		return c.Capabilities().MutatesData
	}
	return false
}

// router builds the consumer a connector is given, as the collector does:
// connector.New*Router over the receiving pipelines, each with its
// capabilities, so that the routing connector's routes (Consumer(ids...))
// fan out with the collector's own fanout consumer. Consuming from the
// router itself (forward, count, span_metrics) goes to every pipeline in
// the order of their IDs rather than in map order.
func router(signal string, outs map[pipeline.ID]edge) any {
	ids := make([]pipeline.ID, 0, len(outs))
	for id := range outs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].String() < ids[j].String() })
	ordered := make([]edge, len(ids))
	for i, id := range ids {
		ordered[i] = outs[id]
	}
	all := fanout(ordered)
	switch signal {
	case "traces":
		m := map[pipeline.ID]consumer.Traces{}
		for id, o := range outs {
			m[id] = &tracesFunc{f: o.f, mutates: o.mutates}
		}
		return &tracesRouter{TracesRouterAndConsumer: connector.NewTracesRouter(m), all: all}
	case "metrics":
		m := map[pipeline.ID]consumer.Metrics{}
		for id, o := range outs {
			m[id] = &metricsFunc{f: o.f, mutates: o.mutates}
		}
		return &metricsRouter{MetricsRouterAndConsumer: connector.NewMetricsRouter(m), all: all}
	default:
		m := map[pipeline.ID]consumer.Logs{}
		for id, o := range outs {
			m[id] = &logsFunc{f: o.f, mutates: o.mutates}
		}
		return &logsRouter{LogsRouterAndConsumer: connector.NewLogsRouter(m), all: all}
	}
}

// The routers are the collector's (embedded: the interfaces have an
// unexported method), consuming through the ordered fan-out.
type tracesRouter struct {
	connector.TracesRouterAndConsumer
	all edge
}

type metricsRouter struct {
	connector.MetricsRouterAndConsumer
	all edge
}

type logsRouter struct {
	connector.LogsRouterAndConsumer
	all edge
}

func (r *tracesRouter) ConsumeTraces(ctx context.Context, td ptrace.Traces) error {
	return r.all.f(ctx, td)
}

func (r *metricsRouter) ConsumeMetrics(ctx context.Context, md pmetric.Metrics) error {
	return r.all.f(ctx, md)
}

func (r *logsRouter) ConsumeLogs(ctx context.Context, ld plog.Logs) error { return r.all.f(ctx, ld) }

func (r *tracesRouter) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: r.all.mutates}
}

func (r *metricsRouter) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: r.all.mutates}
}

func (r *logsRouter) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: r.all.mutates}
}

package synth

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// Options say what recording Write generates.
type Options struct {
	Signal string // traces, metrics or logs
	Count  int    // spans, metric data points or log records
	Seed   uint64
	// Format is "json" (OTLP JSON lines, the default) or "proto" (the file
	// exporter's proto format: each request as a 4-byte big-endian length
	// and the protobuf message).
	Format string
}

type service struct {
	name, version, env, host string
	routes                   []endpoint
	calls                    []string // services it calls
	db                       bool
}

type endpoint struct{ method, route string }

var services = []service{
	{"frontend", "2.14.0", "production", "shop.example.com", []endpoint{{"GET", "/"}, {"GET", "/product/{id}"}, {"POST", "/cart"}, {"POST", "/checkout"}, {"GET", "/healthz"}}, []string{"cart", "checkout", "catalog"}, false},
	{"cart", "1.8.3", "production", "cart.shop.svc", []endpoint{{"GET", "/cart/{user_id}"}, {"POST", "/cart/{user_id}/items"}, {"GET", "/healthz"}}, nil, true},
	{"checkout", "3.1.0", "production", "checkout.shop.svc", []endpoint{{"POST", "/checkout"}, {"GET", "/healthz"}}, []string{"payment", "cart"}, true},
	{"payment", "0.9.12", "production", "payment.shop.svc", []endpoint{{"POST", "/charge"}, {"GET", "/healthz"}}, nil, false},
	{"catalog", "5.0.1", "staging", "catalog.shop.svc", []endpoint{{"GET", "/products"}, {"GET", "/products/{id}"}, {"GET", "/healthz"}}, nil, true},
}

func serviceByName(name string) service {
	for _, s := range services {
		if s.name == name {
			return s
		}
	}
	return services[0]
}

// epoch is the first timestamp of a generated recording.
var epoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes a generated OTLP JSON-lines recording of opts.Signal to w:
// several services (resource attributes service.name, service.version,
// deployment.environment.name), HTTP server and client spans, database
// spans, some errors, with semantic-convention attributes. The same options
// give the same bytes.
func Write(w io.Writer, opts Options) error {
	if opts.Count < 0 {
		return fmt.Errorf("--count %d: want 0 or more", opts.Count)
	}
	var proto bool
	switch opts.Format {
	case "", "json":
	case "proto":
		proto = true
	default:
		return fmt.Errorf("--format %q: want json or proto", opts.Format)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	g := &generator{rng: rand.New(rand.NewPCG(opts.Seed, 0x6f74656c636667)), w: bw, proto: proto}
	var err error
	switch opts.Signal {
	case "traces":
		err = g.traces(opts.Count)
	case "metrics":
		err = g.metrics(opts.Count)
	case "logs":
		err = g.logs(opts.Count)
	default:
		return fmt.Errorf("--signal %q: want traces, metrics or logs", opts.Signal)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

type generator struct {
	rng   *rand.Rand
	w     *bufio.Writer
	proto bool
	t     time.Time
}

// write writes one request: a JSON line, or a length-prefixed protobuf
// message.
func (g *generator) write(b []byte) error {
	if g.proto {
		var size [4]byte
		binary.BigEndian.PutUint32(size[:], uint32(len(b)))
		g.w.Write(size[:])
		_, err := g.w.Write(b)
		return err
	}
	g.w.Write(b)
	return g.w.WriteByte('\n')
}

func (g *generator) resource(r pcommon.Resource, s service) {
	a := r.Attributes()
	a.PutStr("service.name", s.name)
	a.PutStr("service.namespace", "shop")
	a.PutStr("service.version", s.version)
	a.PutStr("deployment.environment.name", s.env)
	a.PutStr("host.name", fmt.Sprintf("%s-%d", s.name, g.rng.IntN(3)))
	a.PutStr("telemetry.sdk.language", []string{"go", "java", "python"}[len(s.name)%3])
	a.PutStr("telemetry.sdk.name", "opentelemetry")
}

func (g *generator) traceID() pcommon.TraceID {
	var id pcommon.TraceID
	binary.BigEndian.PutUint64(id[:8], g.rng.Uint64())
	binary.BigEndian.PutUint64(id[8:], g.rng.Uint64()|1)
	return id
}

func (g *generator) spanID() pcommon.SpanID {
	var id pcommon.SpanID
	binary.BigEndian.PutUint64(id[:], g.rng.Uint64()|1)
	return id
}

func ts(t time.Time) pcommon.Timestamp { return pcommon.NewTimestampFromTime(t) }

func (g *generator) status() int64 {
	switch n := g.rng.IntN(100); {
	case n < 4:
		return 500
	case n < 6:
		return 503
	case n < 9:
		return 404
	case n < 11:
		return 400
	case n < 14:
		return 201
	default:
		return 200
	}
}

func (g *generator) path(route string) string {
	out := []byte{}
	for i := 0; i < len(route); i++ {
		if route[i] == '{' {
			for i < len(route) && route[i] != '}' {
				i++
			}
			out = fmt.Appendf(out, "%d", 1000+g.rng.IntN(9000))
			continue
		}
		out = append(out, route[i])
	}
	return string(out)
}

// traces writes one trace per line: a server span of an entry service,
// client spans to the services it calls with their server spans, and
// database spans, until count spans are written.
func (g *generator) traces(count int) error {
	g.t = epoch
	var m ptrace.Marshaler = &ptrace.JSONMarshaler{}
	if g.proto {
		m = &ptrace.ProtoMarshaler{}
	}
	tb := &traceBuilder{g: g, count: count}
	for tb.written < count {
		tb.td, tb.byService = ptrace.NewTraces(), map[string]ptrace.SpanSlice{}
		tb.tid = g.traceID()
		start := g.t
		g.t = g.t.Add(time.Duration(50+g.rng.IntN(200)) * time.Millisecond)
		entry := services[0]
		if g.rng.IntN(4) == 0 {
			entry = services[1+g.rng.IntN(len(services)-1)]
		}
		tb.serve(entry, pcommon.SpanID{}, entry.routes[g.rng.IntN(len(entry.routes))], start, 0)
		b, err := m.MarshalTraces(tb.td)
		if err != nil {
			return err
		}
		if err := g.write(b); err != nil {
			return err
		}
	}
	return nil
}

// traceBuilder builds one trace (one request) at a time.
type traceBuilder struct {
	g              *generator
	count, written int
	td             ptrace.Traces
	byService      map[string]ptrace.SpanSlice
	tid            pcommon.TraceID
}

// span appends a span of service s to the trace.
func (tb *traceBuilder) span(s service) ptrace.Span {
	ss, ok := tb.byService[s.name]
	if !ok {
		rs := tb.td.ResourceSpans().AppendEmpty()
		tb.g.resource(rs.Resource(), s)
		sc := rs.ScopeSpans().AppendEmpty()
		sc.Scope().SetName("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp")
		sc.Scope().SetVersion("0.60.0")
		ss = sc.Spans()
		tb.byService[s.name] = ss
	}
	tb.written++
	sp := ss.AppendEmpty()
	sp.SetTraceID(tb.tid)
	return sp
}

// serve writes s's server span for route r from begin, and what it calls;
// it returns when the span ends and whether it failed.
func (tb *traceBuilder) serve(s service, parent pcommon.SpanID, r endpoint, begin time.Time, depth int) (time.Time, bool) {
	g := tb.g
	if tb.written >= tb.count {
		return begin, false
	}
	sp := tb.span(s)
	id := g.spanID()
	sp.SetSpanID(id)
	if !parent.IsEmpty() {
		sp.SetParentSpanID(parent)
	}
	sp.SetName(r.method + " " + r.route)
	sp.SetKind(ptrace.SpanKindServer)
	a := sp.Attributes()
	a.PutStr("http.request.method", r.method)
	a.PutStr("http.route", r.route)
	a.PutStr("url.scheme", "https")
	a.PutStr("url.path", g.path(r.route))
	a.PutStr("server.address", s.host)
	a.PutInt("server.port", 443)
	a.PutStr("network.protocol.version", "1.1")
	a.PutStr("client.address", fmt.Sprintf("10.0.%d.%d", g.rng.IntN(4), 2+g.rng.IntN(250)))
	if depth == 0 {
		a.PutStr("user_agent.original", []string{"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "curl/8.7.1", "kube-probe/1.31"}[g.rng.IntN(3)])
		if g.rng.IntN(3) == 0 {
			a.PutStr("enduser.id", fmt.Sprintf("user-%d", g.rng.IntN(500)))
		}
	}
	end := begin.Add(time.Duration(1+g.rng.IntN(5)) * time.Millisecond)
	failed := false
	if r.route != "/healthz" {
		for _, callee := range s.calls {
			if depth > 1 || g.rng.IntN(2) == 0 || tb.written >= tb.count {
				continue
			}
			var cfail bool
			end, cfail = tb.call(s, id, serviceByName(callee), end, depth)
			failed = failed || cfail
		}
		if s.db && tb.written < tb.count {
			end = tb.query(s, id, end)
		}
	}
	end = end.Add(time.Duration(g.rng.IntN(3000)) * time.Microsecond)
	code := g.status()
	if failed {
		code = 500
	}
	a.PutInt("http.response.status_code", code)
	if code >= 500 {
		failed = true
		a.PutStr("error.type", fmt.Sprint(code))
		sp.Status().SetCode(ptrace.StatusCodeError)
		ev := sp.Events().AppendEmpty()
		ev.SetName("exception")
		ev.SetTimestamp(ts(end))
		ev.Attributes().PutStr("exception.type", "*errors.errorString")
		ev.Attributes().PutStr("exception.message", "upstream request failed")
	}
	sp.SetStartTimestamp(ts(begin))
	sp.SetEndTimestamp(ts(end))
	return end, failed
}

// call writes s's client span calling cs (span parent) from begin, and
// cs's server span; it returns when the call ends and whether it failed.
func (tb *traceBuilder) call(s service, parent pcommon.SpanID, cs service, begin time.Time, depth int) (time.Time, bool) {
	g := tb.g
	cr := cs.routes[g.rng.IntN(len(cs.routes)-1)] // not /healthz
	c := tb.span(s)
	cid := g.spanID()
	c.SetSpanID(cid)
	c.SetParentSpanID(parent)
	c.SetName(cr.method)
	c.SetKind(ptrace.SpanKindClient)
	ca := c.Attributes()
	ca.PutStr("http.request.method", cr.method)
	ca.PutStr("url.full", "http://"+cs.host+g.path(cr.route))
	ca.PutStr("server.address", cs.host)
	ca.PutInt("server.port", 80)
	cend, cfail := tb.serve(cs, cid, cr, begin.Add(200*time.Microsecond), depth+1)
	cend = cend.Add(300 * time.Microsecond)
	code := int64(200)
	if cfail {
		code = 500
		ca.PutStr("error.type", "500")
		c.Status().SetCode(ptrace.StatusCodeError)
	}
	ca.PutInt("http.response.status_code", code)
	c.SetStartTimestamp(ts(begin))
	c.SetEndTimestamp(ts(cend))
	return cend, cfail
}

// query writes s's database span (span parent) from begin and returns
// when it ends.
func (tb *traceBuilder) query(s service, parent pcommon.SpanID, begin time.Time) time.Time {
	g := tb.g
	d := tb.span(s)
	d.SetSpanID(g.spanID())
	d.SetParentSpanID(parent)
	table := []string{"carts", "orders", "products"}[g.rng.IntN(3)]
	op := []string{"SELECT", "INSERT", "UPDATE"}[g.rng.IntN(3)]
	d.SetName(op + " " + table)
	d.SetKind(ptrace.SpanKindClient)
	da := d.Attributes()
	da.PutStr("db.system.name", "postgresql")
	da.PutStr("db.namespace", "shop")
	da.PutStr("db.operation.name", op)
	da.PutStr("db.collection.name", table)
	da.PutStr("db.query.text", op+" * FROM "+table+" WHERE id = $1")
	da.PutStr("server.address", "postgres.shop.svc")
	da.PutInt("server.port", 5432)
	end := begin.Add(time.Duration(500+g.rng.IntN(20000)) * time.Microsecond)
	d.SetStartTimestamp(ts(begin))
	d.SetEndTimestamp(ts(end))
	return end
}

// metrics writes one line per service and minute: http.server.request.duration
// histogram points per route and status, http.server.active_requests and
// process.cpu.time, until count data points are written.
func (g *generator) metrics(count int) error {
	var m pmetric.Marshaler = &pmetric.JSONMarshaler{}
	if g.proto {
		m = &pmetric.ProtoMarshaler{}
	}
	bounds := []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}
	start := epoch
	for minute, written := 0, 0; written < count; minute++ {
		s := services[minute%len(services)]
		now := epoch.Add(time.Duration(minute/len(services)+1) * time.Minute)
		md := pmetric.NewMetrics()
		rm := md.ResourceMetrics().AppendEmpty()
		g.resource(rm.Resource(), s)
		sm := rm.ScopeMetrics().AppendEmpty()
		sm.Scope().SetName("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp")
		dur := sm.Metrics().AppendEmpty()
		dur.SetName("http.server.request.duration")
		dur.SetUnit("s")
		dur.SetDescription("Duration of HTTP server requests.")
		h := dur.SetEmptyHistogram()
		h.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
		for _, r := range s.routes {
			for _, code := range []int64{200, 500} {
				if written >= count {
					break
				}
				if code == 500 && g.rng.IntN(3) != 0 {
					continue
				}
				dp := h.DataPoints().AppendEmpty()
				written++
				dp.SetStartTimestamp(ts(start))
				dp.SetTimestamp(ts(now))
				a := dp.Attributes()
				a.PutStr("http.request.method", r.method)
				a.PutStr("http.route", r.route)
				a.PutInt("http.response.status_code", code)
				a.PutStr("url.scheme", "https")
				if code >= 500 {
					a.PutStr("error.type", "500")
				}
				dp.ExplicitBounds().FromRaw(bounds)
				counts := make([]uint64, len(bounds)+1)
				var n uint64
				sum := 0.0
				for i := range counts {
					c := uint64(g.rng.IntN(40 / (i + 1)))
					counts[i] = c
					n += c
					if i < len(bounds) {
						sum += float64(c) * bounds[i] * 0.7
					} else {
						sum += float64(c) * 12
					}
				}
				dp.BucketCounts().FromRaw(counts)
				dp.SetCount(n)
				dp.SetSum(sum)
			}
		}
		if written < count {
			act := sm.Metrics().AppendEmpty()
			act.SetName("http.server.active_requests")
			act.SetUnit("{request}")
			sum := act.SetEmptySum()
			sum.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
			dp := sum.DataPoints().AppendEmpty()
			written++
			dp.SetStartTimestamp(ts(start))
			dp.SetTimestamp(ts(now))
			dp.Attributes().PutStr("http.request.method", "GET")
			dp.Attributes().PutStr("url.scheme", "https")
			dp.SetIntValue(int64(g.rng.IntN(20)))
		}
		if written < count {
			cpu := sm.Metrics().AppendEmpty()
			cpu.SetName("process.cpu.time")
			cpu.SetUnit("s")
			sum := cpu.SetEmptySum()
			sum.SetIsMonotonic(true)
			sum.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
			dp := sum.DataPoints().AppendEmpty()
			written++
			dp.SetStartTimestamp(ts(start))
			dp.SetTimestamp(ts(now))
			dp.Attributes().PutStr("cpu.mode", "user")
			dp.SetDoubleValue(float64(minute+1) * (1 + g.rng.Float64()))
		}
		b, err := m.MarshalMetrics(md)
		if err != nil {
			return err
		}
		if err := g.write(b); err != nil {
			return err
		}
	}
	return nil
}

// logs writes one line per service and batch of up to 5 log records:
// request logs with the HTTP semantic-convention attributes and trace
// context, some warnings and errors, until count records are written.
func (g *generator) logs(count int) error {
	var m plog.Marshaler = &plog.JSONMarshaler{}
	if g.proto {
		m = &plog.ProtoMarshaler{}
	}
	g.t = epoch
	for line, written := 0, 0; written < count; line++ {
		s := services[g.rng.IntN(len(services))]
		ld := plog.NewLogs()
		rl := ld.ResourceLogs().AppendEmpty()
		g.resource(rl.Resource(), s)
		sl := rl.ScopeLogs().AppendEmpty()
		sl.Scope().SetName("log/slog")
		for n := 1 + g.rng.IntN(5); n > 0 && written < count; n-- {
			r := s.routes[g.rng.IntN(len(s.routes))]
			code := g.status()
			lr := sl.LogRecords().AppendEmpty()
			written++
			g.t = g.t.Add(time.Duration(1+g.rng.IntN(900)) * time.Millisecond)
			lr.SetTimestamp(ts(g.t))
			lr.SetObservedTimestamp(ts(g.t.Add(3 * time.Millisecond)))
			lr.SetTraceID(g.traceID())
			lr.SetSpanID(g.spanID())
			a := lr.Attributes()
			a.PutStr("http.request.method", r.method)
			a.PutStr("http.route", r.route)
			a.PutStr("url.path", g.path(r.route))
			a.PutInt("http.response.status_code", code)
			a.PutStr("code.function.name", "main.(*server).ServeHTTP")
			switch {
			case code >= 500:
				lr.SetSeverityNumber(plog.SeverityNumberError)
				lr.SetSeverityText("ERROR")
				a.PutStr("error.type", fmt.Sprint(code))
				a.PutStr("exception.message", "upstream request failed")
				lr.Body().SetStr(fmt.Sprintf("%s %s failed: %d", r.method, r.route, code))
			case code >= 400:
				lr.SetSeverityNumber(plog.SeverityNumberWarn)
				lr.SetSeverityText("WARN")
				lr.Body().SetStr(fmt.Sprintf("%s %s rejected: %d", r.method, r.route, code))
			default:
				lr.SetSeverityNumber(plog.SeverityNumberInfo)
				lr.SetSeverityText("INFO")
				lr.Body().SetStr(fmt.Sprintf("%s %s %d", r.method, r.route, code))
			}
			if g.rng.IntN(4) == 0 {
				a.PutStr("enduser.id", fmt.Sprintf("user-%d", g.rng.IntN(500)))
			}
		}
		b, err := m.MarshalLogs(ld)
		if err != nil {
			return err
		}
		if err := g.write(b); err != nil {
			return err
		}
	}
	return nil
}

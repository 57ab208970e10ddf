package simulate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// The fidelity suite compares what simulate and a collector wrote as
// multisets of items: every span, metric data point and log record becomes
// one canonical line holding it with its resource, scope (and metric) and
// every field, maps sorted by key. How the items were batched into
// requests and resources is not compared.

// normalisers clear fields that legitimately differ between a replay and
// a collector (cases.yaml says why for each case that uses one).
var normalisers = map[string]func(*fidelityItem){
	"datapoint.start_time": func(it *fidelityItem) {
		for _, dp := range dataPointsOf(it.metrics) {
			dp.(interface{ SetStartTimestamp(pcommon.Timestamp) }).SetStartTimestamp(0)
		}
	},
	"datapoint.time": func(it *fidelityItem) {
		for _, dp := range dataPointsOf(it.metrics) {
			dp.(interface{ SetTimestamp(pcommon.Timestamp) }).SetTimestamp(0)
		}
	},
	"datapoint.collector.instance.id": func(it *fidelityItem) {
		for _, dp := range dataPointsOf(it.metrics) {
			dp.Attributes().Remove("collector.instance.id")
		}
	},
}

// normaliser returns the normaliser name stands for: one of normalisers,
// or one of them limited to the points of one metric, "FIELD(METRIC)".
func normaliser(name string) (func(*fidelityItem), bool) {
	if f, ok := normalisers[name]; ok {
		return f, true
	}
	field, metric, ok := strings.Cut(strings.TrimSuffix(name, ")"), "(")
	f := normalisers[field]
	if !ok || f == nil || !strings.HasPrefix(field, "datapoint.") || !strings.HasSuffix(name, ")") {
		return nil, false
	}
	return func(it *fidelityItem) {
		for _, rm := range it.metrics.ResourceMetrics().All() {
			for _, sm := range rm.ScopeMetrics().All() {
				for _, m := range sm.Metrics().All() {
					if m.Name() == metric {
						f(it)
					}
				}
			}
		}
	}, true
}

// fidelityItem is one item in a request of its own, being canonicalised.
type fidelityItem struct {
	resource pcommon.Resource
	metrics  pmetric.Metrics // for data points
	marshal  func() ([]byte, error)
	maps     []pcommon.Map // sorted before marshalling
}

func dataPointsOf(md pmetric.Metrics) []recording.DataPoint {
	var out []recording.DataPoint
	if md == (pmetric.Metrics{}) {
		return nil
	}
	for _, rm := range md.ResourceMetrics().All() {
		for _, sm := range rm.ScopeMetrics().All() {
			for _, m := range sm.Metrics().All() {
				out = append(out, recording.DataPoints(m)...)
			}
		}
	}
	return out
}

// readItems reads a file of OTLP JSON lines (gzip-compressed or not) and
// returns its items, canonical and sorted.
func readItems(path string, normalise []string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []string
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		items, err := lineItems(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		for _, it := range items {
			for _, name := range normalise {
				f, _ := normaliser(name)
				f(it)
			}
			for _, m := range it.maps {
				sortMap(m)
			}
			b, err := it.marshal()
			if err != nil {
				return nil, err
			}
			out = append(out, string(b))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sort.Strings(out)
	return out, nil
}

// lineItems splits one OTLP JSON request into items. The file exporter
// writes a request that holds nothing (cumulative_to_delta dropped all of
// it) as {}: no items.
func lineItems(line []byte) ([]*fidelityItem, error) {
	switch {
	case string(line) == "{}":
		return nil, nil
	case bytes.Contains(line[:min(len(line), 32)], []byte(`"resourceSpans"`)):
		td, err := (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(line)
		if err != nil {
			return nil, err
		}
		return spanItems(td), nil
	case bytes.Contains(line[:min(len(line), 32)], []byte(`"resourceMetrics"`)):
		md, err := (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(line)
		if err != nil {
			return nil, err
		}
		return pointItems(md), nil
	case bytes.Contains(line[:min(len(line), 32)], []byte(`"resourceLogs"`)):
		ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs(line)
		if err != nil {
			return nil, err
		}
		return logItems(ld), nil
	}
	return nil, fmt.Errorf("not an OTLP JSON request: %.40s", line)
}

func spanItems(td ptrace.Traces) []*fidelityItem {
	var out []*fidelityItem
	for _, rs := range td.ResourceSpans().All() {
		for _, ss := range rs.ScopeSpans().All() {
			for _, s := range ss.Spans().All() {
				one := ptrace.NewTraces()
				r := one.ResourceSpans().AppendEmpty()
				rs.Resource().CopyTo(r.Resource())
				r.SetSchemaUrl(rs.SchemaUrl())
				sc := r.ScopeSpans().AppendEmpty()
				ss.Scope().CopyTo(sc.Scope())
				sc.SetSchemaUrl(ss.SchemaUrl())
				span := sc.Spans().AppendEmpty()
				s.CopyTo(span)
				maps := []pcommon.Map{r.Resource().Attributes(), sc.Scope().Attributes(), span.Attributes()}
				for _, e := range span.Events().All() {
					maps = append(maps, e.Attributes())
				}
				for _, l := range span.Links().All() {
					maps = append(maps, l.Attributes())
				}
				out = append(out, &fidelityItem{resource: r.Resource(), maps: maps,
					marshal: func() ([]byte, error) { return (&ptrace.JSONMarshaler{}).MarshalTraces(one) }})
			}
		}
	}
	return out
}

func pointItems(md pmetric.Metrics) []*fidelityItem {
	var out []*fidelityItem
	for _, rm := range md.ResourceMetrics().All() {
		for _, sm := range rm.ScopeMetrics().All() {
			for _, m := range sm.Metrics().All() {
				for k := range recording.DataPoints(m) {
					one := pmetric.NewMetrics()
					r := one.ResourceMetrics().AppendEmpty()
					rm.Resource().CopyTo(r.Resource())
					r.SetSchemaUrl(rm.SchemaUrl())
					sc := r.ScopeMetrics().AppendEmpty()
					sm.Scope().CopyTo(sc.Scope())
					sc.SetSchemaUrl(sm.SchemaUrl())
					metric := sc.Metrics().AppendEmpty()
					m.CopyTo(metric)
					keepPoint(metric, k)
					maps := []pcommon.Map{r.Resource().Attributes(), sc.Scope().Attributes(), metric.Metadata()}
					for _, dp := range recording.DataPoints(metric) {
						maps = append(maps, dp.Attributes())
					}
					out = append(out, &fidelityItem{resource: r.Resource(), metrics: one, maps: maps,
						marshal: func() ([]byte, error) { return (&pmetric.JSONMarshaler{}).MarshalMetrics(one) }})
				}
			}
		}
	}
	return out
}

// keepPoint removes every data point of m but the k-th.
func keepPoint(m pmetric.Metric, k int) {
	i := 0
	keep := func() bool { i++; return i-1 != k }
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		m.Gauge().DataPoints().RemoveIf(func(pmetric.NumberDataPoint) bool { return keep() })
	case pmetric.MetricTypeSum:
		m.Sum().DataPoints().RemoveIf(func(pmetric.NumberDataPoint) bool { return keep() })
	case pmetric.MetricTypeHistogram:
		m.Histogram().DataPoints().RemoveIf(func(pmetric.HistogramDataPoint) bool { return keep() })
	case pmetric.MetricTypeExponentialHistogram:
		m.ExponentialHistogram().DataPoints().RemoveIf(func(pmetric.ExponentialHistogramDataPoint) bool { return keep() })
	case pmetric.MetricTypeSummary:
		m.Summary().DataPoints().RemoveIf(func(pmetric.SummaryDataPoint) bool { return keep() })
	}
}

func logItems(ld plog.Logs) []*fidelityItem {
	var out []*fidelityItem
	for _, rl := range ld.ResourceLogs().All() {
		for _, sl := range rl.ScopeLogs().All() {
			for _, l := range sl.LogRecords().All() {
				one := plog.NewLogs()
				r := one.ResourceLogs().AppendEmpty()
				rl.Resource().CopyTo(r.Resource())
				r.SetSchemaUrl(rl.SchemaUrl())
				sc := r.ScopeLogs().AppendEmpty()
				sl.Scope().CopyTo(sc.Scope())
				sc.SetSchemaUrl(sl.SchemaUrl())
				rec := sc.LogRecords().AppendEmpty()
				l.CopyTo(rec)
				out = append(out, &fidelityItem{resource: r.Resource(), maps: []pcommon.Map{r.Resource().Attributes(), sc.Scope().Attributes(), rec.Attributes()},
					marshal: func() ([]byte, error) { return (&plog.JSONMarshaler{}).MarshalLogs(one) }})
			}
		}
	}
	return out
}

// diffItems describes how two sorted multisets of items differ ("" when
// they are equal): how many items each side lacks, and the first few.
func diffItems(want, got []string) string {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		count[g]--
	}
	var missing, extra []string
	for k, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, k)
		}
		for ; n < 0; n++ {
			extra = append(extra, k)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return ""
	}
	sort.Strings(missing)
	sort.Strings(extra)
	var b strings.Builder
	fmt.Fprintf(&b, "collector %d items, simulate %d: %d only in the collector's, %d only in simulate's\n", len(want), len(got), len(missing), len(extra))
	show := func(what string, items []string) {
		for i, it := range items {
			if i == 3 {
				fmt.Fprintf(&b, "  … and %d more\n", len(items)-3)
				break
			}
			fmt.Fprintf(&b, "  only in %s: %.1200s\n", what, it)
		}
	}
	show("the collector's", missing)
	show("simulate's", extra)
	return b.String()
}

package catalog

import (
	"slices"
	"sort"
	"testing"
)

func TestLookupSignals(t *testing.T) {
	cat := Default()
	if cat.Release != Release || Release != "v0.158.0" {
		t.Fatalf("Release = %q, catalog release %q", Release, cat.Release)
	}
	tests := []struct {
		class   Class
		typ     string
		wantTyp string
		has     []string
		hasNot  []string
	}{
		{Receiver, "otlp", "otlp", []string{"traces", "metrics", "logs"}, nil},
		{Exporter, "debug", "debug", []string{"traces", "metrics", "logs"}, nil},
		{Exporter, "otlp_grpc", "otlp_grpc", []string{"traces", "metrics", "logs"}, nil},
		{Processor, "batch", "batch", []string{"traces", "metrics", "logs"}, nil},
		{Processor, "tail_sampling", "tail_sampling", []string{"traces"}, []string{"metrics", "logs"}},
		{Extension, "health_check", "health_check", []string{"extension"}, nil},
		{Extension, "pprof", "pprof", []string{"extension"}, nil},
		// Aliases present in metadata.yaml at v0.158.0.
		{Exporter, "otlp", "otlp_grpc", []string{"traces"}, nil},
		{Exporter, "otlphttp", "otlp_http", []string{"traces"}, nil},
		{Exporter, "loadbalancing", "load_balancing", []string{"traces"}, nil},
		{Receiver, "filelog", "file_log", []string{"logs"}, []string{"traces"}},
		{Receiver, "hostmetrics", "host_metrics", []string{"metrics"}, nil},
		{Processor, "resourcedetection", "resource_detection", []string{"traces"}, nil},
		{Processor, "k8sattributes", "k8s_attributes", []string{"traces"}, nil},
		{Exporter, "prometheusremotewrite", "prometheus_remote_write", []string{"metrics"}, []string{"traces"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.class)+"/"+tt.typ, func(t *testing.T) {
			c, ok := cat.Lookup(tt.class, tt.typ)
			if !ok {
				t.Fatalf("Lookup(%s, %s) not found", tt.class, tt.typ)
			}
			if c.Type != tt.wantTyp {
				t.Errorf("Type = %q, want %q", c.Type, tt.wantTyp)
			}
			if !c.SignalsKnown() {
				t.Fatalf("signals of %s not known", c.Type)
			}
			for _, s := range tt.has {
				if !c.Supports(s) {
					t.Errorf("%s does not support %s; stability %v", c.Type, s, c.Stability)
				}
			}
			for _, s := range tt.hasNot {
				if c.Supports(s) {
					t.Errorf("%s supports %s; stability %v", c.Type, s, c.Stability)
				}
			}
		})
	}
}

func TestConnectorPairs(t *testing.T) {
	cat := Default()
	for _, typ := range []string{"span_metrics", "spanmetrics"} {
		c, ok := cat.Lookup(Connector, typ)
		if !ok {
			t.Fatalf("connector %s not found", typ)
		}
		if c.Type != "span_metrics" {
			t.Errorf("%s resolves to %s", typ, c.Type)
		}
		if !c.SupportsConnection("traces", "metrics") {
			t.Errorf("span_metrics: traces_to_metrics not supported: %v", c.Stability)
		}
		if c.SupportsConnection("metrics", "traces") {
			t.Errorf("span_metrics: metrics_to_traces supported: %v", c.Stability)
		}
	}
	fwd, ok := cat.Lookup(Connector, "forward")
	if !ok || !fwd.SupportsConnection("logs", "logs") || fwd.SupportsConnection("logs", "metrics") {
		t.Errorf("forward connector: %+v", fwd)
	}
	// routing is pinned at v0.149.0 (DESIGN §3).
	r, ok := cat.Lookup(Connector, "routing")
	if !ok || r.Version != "v0.149.0" || !r.SupportsConnection("traces", "traces") {
		t.Errorf("routing connector: %+v", r)
	}
}

func TestAliasesAreNotTypes(t *testing.T) {
	cat := Default()
	for _, class := range Classes {
		for _, typ := range cat.Types(class) {
			c, _ := cat.Lookup(class, typ)
			if c.Type != typ {
				t.Errorf("Types(%s) lists %s, which resolves to %s", class, typ, c.Type)
			}
		}
	}
	if ts := cat.Types(Connector); sort.SearchStrings(ts, "spanmetrics") < len(ts) && ts[sort.SearchStrings(ts, "spanmetrics")] == "spanmetrics" {
		t.Error("alias spanmetrics listed among connector types")
	}
}

// Every component type the contrib distribution report names is in the
// catalog, under its current name.
func TestContribChecklistCovered(t *testing.T) {
	cat := Default()
	n := 0
	for class, types := range contribChecklist {
		for _, typ := range types {
			n++
			c, ok := cat.Lookup(class, typ)
			if !ok {
				t.Errorf("%s %s named by contrib.yaml is missing", class, typ)
				continue
			}
			if c.Type != typ {
				t.Errorf("%s %s named by contrib.yaml resolves to %s (an alias)", class, typ, c.Type)
			}
		}
	}
	if n < 200 {
		t.Errorf("checklist has only %d types", n)
	}
}

func TestGeneratedWellFormed(t *testing.T) {
	comps := generated()
	rank := map[Class]int{}
	for i, c := range Classes {
		rank[c] = i
	}
	for i, c := range comps {
		if c.Module == "" || c.Version == "" || c.Type == "" {
			t.Errorf("entry %d incomplete: %+v", i, c)
		}
		switch c.Source {
		case SourceMetadata:
			if len(c.Stability) == 0 || c.Upstream != "" {
				t.Errorf("%s %s: metadata entry with stability %v, upstream %q", c.Class, c.Type, c.Stability, c.Upstream)
			}
		case SourceTable:
			if len(c.Stability) == 0 || c.Upstream == "" {
				t.Errorf("%s %s: table entry without stability or upstream commit", c.Class, c.Type)
			}
		case SourceChecklist:
			if len(c.Stability) != 0 {
				t.Errorf("%s %s: checklist entry with stability", c.Class, c.Type)
			}
		default:
			t.Errorf("%s %s: unknown source %q", c.Class, c.Type, c.Source)
		}
		for sig, lvl := range c.Stability {
			if !validLevel[lvl] {
				t.Errorf("%s %s: %s has level %q", c.Class, c.Type, sig, lvl)
			}
		}
		if i > 0 {
			p := comps[i-1]
			if rank[p.Class] > rank[c.Class] || (p.Class == c.Class && p.Type >= c.Type) {
				t.Errorf("not sorted: %s/%s before %s/%s", p.Class, p.Type, c.Class, c.Type)
			}
		}
	}
}

var validLevel = map[string]bool{"development": true, "alpha": true, "beta": true, "stable": true, "deprecated": true, "unmaintained": true}

func TestSignalsUnknownEntries(t *testing.T) {
	c, ok := Default().Lookup(Receiver, "kubelet_stats")
	if !ok {
		t.Fatal("kubelet_stats missing")
	}
	if c.SignalsKnown() {
		t.Skip("kubelet_stats now has signals; pick another checklist-only entry")
	}
	if c.Supports("metrics") {
		t.Error("a checklist-only entry must not claim signals")
	}
}

func TestRemoved(t *testing.T) {
	cat := Default()
	tests := []struct {
		class       Class
		typ         string
		removedIn   string
		replacement string
	}{
		{Exporter, "logging", "v0.111.0", "debug"},
		{Exporter, "jaeger", "v0.86.0", "otlp_grpc"},
		{Exporter, "loki", "v0.131.0", "otlp_http"},
		{Extension, "memory_ballast", "v0.109.0", "GOMEMLIMIT"},
		{Processor, "spanmetrics", "v0.96.0", "span_metrics connector"},
		{Processor, "routing", "v0.133.0", "routing connector"},
		{Receiver, "opencensus", "v0.134.0", "otlp"},
		{Exporter, "opencensus", "v0.134.0", "otlp_grpc"},
		{Exporter, "sapm", "v0.148.0", "otlp_http"},
	}
	for _, tt := range tests {
		t.Run(string(tt.class)+"/"+tt.typ, func(t *testing.T) {
			r, ok := cat.Removed(tt.class, tt.typ)
			if !ok {
				t.Fatal("not reported as removed")
			}
			if r.RemovedIn != tt.removedIn || r.Replacement != tt.replacement {
				t.Errorf("got %+v", r)
			}
		})
	}
	// Still-present components are never "removed", whatever the class.
	for _, q := range []struct {
		class Class
		typ   string
	}{{Connector, "routing"}, {Connector, "spanmetrics"}, {Exporter, "debug"}, {Receiver, "skywalking"}, {Receiver, "loki"}} {
		if _, ok := cat.Removed(q.class, q.typ); ok {
			t.Errorf("%s %s reported as removed", q.class, q.typ)
		}
	}
	// No row of the table names a type the catalog still has.
	for _, r := range RemovedComponents() {
		if _, ok := cat.Lookup(r.Class, r.Type); ok {
			t.Errorf("removed table lists %s %s, which exists at %s", r.Class, r.Type, Release)
		}
		if r.RemovedIn == "" || r.Replacement == "" {
			t.Errorf("incomplete row %+v", r)
		}
	}
}

// TestHandKeptRowsRechecked guards rows of the offline table that were
// stale (issue 15): the chart's annotation-discovery examples put
// receiver_creator in a logs pipeline, which its metadata.yaml allows.
func TestHandKeptRowsRechecked(t *testing.T) {
	cat := Default()
	for _, tc := range []struct {
		class    Class
		typ      string
		signal   string
		level    string
		upstream string
	}{
		{Receiver, "receiver_creator", "metrics", "beta", "1b2e1e58017db81fd45c2f177c82b8d2c75ba082"},
		{Receiver, "receiver_creator", "logs", "alpha", "1b2e1e58017db81fd45c2f177c82b8d2c75ba082"},
		{Receiver, "receiver_creator", "traces", "alpha", "1b2e1e58017db81fd45c2f177c82b8d2c75ba082"},
		{Connector, "exceptions", "traces_to_metrics", "alpha", "c80204fb5750552732fc675852d460443d35513d"},
		{Receiver, "k8s_objects", "logs", "beta", ""},
		{Exporter, "signalfx", "traces", "deprecated", ""},
	} {
		c, ok := cat.Lookup(tc.class, tc.typ)
		if !ok {
			t.Fatalf("%s %s not in the catalog", tc.class, tc.typ)
		}
		if got := c.Stability[tc.signal]; got != tc.level {
			t.Errorf("%s %s: %s is %q, want %q", tc.class, tc.typ, tc.signal, got, tc.level)
		}
		if tc.upstream != "" && c.Upstream != tc.upstream {
			t.Errorf("%s %s: read at %s, want %s", tc.class, tc.typ, c.Upstream, tc.upstream)
		}
	}
}

func TestEmittedBy(t *testing.T) {
	for key, want := range map[string]string{
		"aws.ecs.cluster.name": "receiver/awsecscontainermetrics", // a Go constant of the receiver
		"aws.ecs.task.version": "receiver/awsecscontainermetrics",
		"container.image.tag":  "receiver/awsecscontainermetrics", // semconv/v1.21.0 ContainerImageTagKey
	} {
		if got := EmittedBy(key); !slices.Contains(got, want) {
			t.Errorf("EmittedBy(%q) = %q, want it to hold %q", key, got, want)
		}
	}
	if got := EmittedBy("servce.name"); got != nil {
		t.Errorf("EmittedBy(servce.name) = %q, want none", got)
	}
	if !sort.SliceIsSorted(emitted, func(i, j int) bool {
		return emitted[i].key < emitted[j].key || emitted[i].key == emitted[j].key && emitted[i].component < emitted[j].component
	}) {
		t.Error("emitted is not sorted by key, then component")
	}
}

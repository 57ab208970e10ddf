package catalog

// Removed describes a component type that a collector release used to accept
// and that is gone at Release. Users still paste configs that name these.
type Removed struct {
	Class        Class
	Type         string
	DeprecatedIn string // release that deprecated it ("" if removed without one)
	RemovedIn    string // first release without it
	Replacement  string // what to use instead
	Note         string
}

// removed is hand-kept. Versions are checked against CHANGELOG.md of the
// collector-contrib root module v0.158.0 (contrib) or of the collector root
// module go.opentelemetry.io/collector v0.158.0 (core); each row names its
// changelog entry.
var removed = []Removed{
	// core CHANGELOG: v0.86.0 "Mark the logging exporter as deprecated" (#7769);
	// v0.111.0 "Removed the deprecated logging exporter" (#11037).
	{Exporter, "logging", "v0.86.0", "v0.111.0", "debug", "the debug exporter takes `verbosity` (basic, normal, detailed); `loglevel` is gone"},
	// core CHANGELOG: v0.92.0 "Deprecate memory_ballast extension" (#8343);
	// v0.109.0 "Removes the deprecated ballastextension" (#10671).
	{Extension, "memory_ballast", "v0.92.0", "v0.109.0", "GOMEMLIMIT", "set GOMEMLIMIT (the Helm chart's useGOMEMLIMIT) and keep memory_limiter"},
	// contrib CHANGELOG: v0.72.0 "marking jaeger exporters as deprecated" (#18503);
	// (jaeger_thrift is the type string of jaegerthrifthttpexporter's factory);
	// v0.86.0 "Removing deprecated jaeger and jaegerthrifthttp exporters" (#26546).
	{Exporter, "jaeger", "v0.72.0", "v0.86.0", "otlp_grpc", "Jaeger accepts OTLP natively (port 4317 gRPC, 4318 HTTP)"},
	{Exporter, "jaeger_thrift", "v0.72.0", "v0.86.0", "otlp_http", "the jaegerthrifthttp exporter; Jaeger accepts OTLP natively"},
	// contrib CHANGELOG: v0.105.0 "lokiexporter: Deprecate component" (#33916);
	// v0.131.0 "The Loki Exporter component has been removed" (#41413).
	{Exporter, "loki", "v0.105.0", "v0.131.0", "otlp_http", "send to Loki's native OTLP endpoint (/otlp) with the otlp_http exporter"},
	// contrib CHANGELOG: v0.74.0 "Deprecate the spanmetrics processor in favour of
	// the spanmetrics connector" (#19736); v0.96.0 "Remove spanmetrics processor" (#29567).
	{Processor, "spanmetrics", "v0.74.0", "v0.96.0", "span_metrics connector", "declare it under connectors and use it as an exporter of a traces pipeline and a receiver of a metrics pipeline"},
	// contrib CHANGELOG: v0.116.0 "routingprocessor: Deprecated in favor of the
	// routing connector" (#36616); v0.133.0 "Remove deprecated component routingprocessor" (#19739).
	{Processor, "routing", "v0.116.0", "v0.133.0", "routing connector", "the connector routes with OTTL conditions in `table`; declare it under connectors"},
	// contrib CHANGELOG: v0.120.0 "Deprecate the OpenCensus exporter/receiver"
	// (#36791); v0.134.0 "Remove the deprecated opencensus receiver/exporter" (#36791).
	{Receiver, "opencensus", "v0.120.0", "v0.134.0", "otlp", "OpenCensus is superseded by OpenTelemetry; send OTLP"},
	{Exporter, "opencensus", "v0.120.0", "v0.134.0", "otlp_grpc", "OpenCensus is superseded by OpenTelemetry; export OTLP"},
	// contrib CHANGELOG: v0.117.0 "sapmexporter: Deprecate SAPM exporter" (#36028);
	// v0.148.0 "Remove deprecated SAPM exporter" (#46555).
	{Exporter, "sapm", "v0.117.0", "v0.148.0", "otlp_http", "Splunk Observability Cloud ingests OTLP"},
	// contrib CHANGELOG: v0.112.0 "Deprecate SAPM receiver" (#32125); v0.135.0
	// "receiver/sapm: The SAPM Receiver component has been removed".
	{Receiver, "sapm", "v0.112.0", "v0.135.0", "otlp", "have the senders use OTLP"},
	// contrib CHANGELOG: v0.97.0 "Mark the Instana Exporter as deprecated" (#31765);
	// v0.111.0 "Remove deprecated instanaexporter" (#35367).
	{Exporter, "instana", "v0.97.0", "v0.111.0", "otlp_http", "Instana ingests OTLP"},
	// contrib CHANGELOG: v0.94.0 "skywalkingexporter: Mark the component as
	// unmaintained" (#23796); v0.105.0 "Remove unmaintained component" (#23796).
	{Exporter, "skywalking", "v0.94.0", "v0.105.0", "otlp_grpc", "SkyWalking OAP accepts OTLP; the skywalking receiver still exists"},
	// contrib CHANGELOG: v0.49.0 "Deprecate prom_exec receiver" (#9058); v0.83.0
	// "Removes the deprecated prometheus_exec receiver" (#24740).
	{Receiver, "prometheus_exec", "v0.49.0", "v0.83.0", "prometheus", "run the exporter yourself and scrape it with the prometheus receiver"},
	// contrib CHANGELOG: v0.49.0 "Deprecate Fluentbit extension" (#9062); v0.72.0
	// "fluentbitextension: remove deprecated extension" (#18505).
	{Extension, "fluentbit", "v0.49.0", "v0.72.0", "fluent_forward receiver", "run Fluent Bit yourself and receive with fluent_forward"},
	// contrib CHANGELOG: v0.71.0 "Remove deprecated humio exporter" (#17013).
	{Exporter, "humio", "", "v0.71.0", "otlp_http", "Humio (Falcon LogScale) ingests OTLP"},
}

var removedIndex = func() map[key]*Removed {
	m := make(map[key]*Removed, len(removed))
	for i := range removed {
		m[key{removed[i].Class, removed[i].Type}] = &removed[i]
	}
	return m
}()

// Removed reports whether typ names a component of class that was removed
// before the catalog's release, and what replaces it. A type the catalog
// still has (Lookup succeeds) is never reported as removed.
func (c *Catalog) Removed(class Class, typ string) (*Removed, bool) {
	if _, ok := c.Lookup(class, typ); ok {
		return nil, false
	}
	r, ok := removedIndex[key{class, typ}]
	return r, ok
}

// RemovedComponents returns the hand-kept table of removed components.
func RemovedComponents() []Removed { return append([]Removed(nil), removed...) }

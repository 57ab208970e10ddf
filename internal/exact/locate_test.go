package exact

import (
	"strings"
	"testing"
)

// locateConfig holds every key the error texts below name.
const locateConfig = `receivers:
  otlp:
    protocols:
      grpc:
        foo: 1
        bar: 2
        endpoint: 5
        keepalive:
          server_parameters:
            time: soon
processors:
  attributes:
    actions:
      - key: x
        action: inset
  resource:
    attributes:
      - action: insert
        value: 1
  tail_sampling:
    policies:
      - name: p
        type: latencyy
  filter:
    traces:
      span: ['attributes["a"] == 1']
    trace_conditions: ['true']
  redaction:
    blocked_values: ['card-[0-9']
  transform:
    trace_statements:
      - set(span.attributes[env], "x")
  metrics_transform:
    transforms:
      - include: a
        action: nope
exporters:
  otlp_grpc:
    endpoint: localhost
    retry_on_failure:
      randomization_factor: 2
    tls:
      min_version: "1.4"
    headers:
      service.name: x
  otlp_http:
    sending_queue:
      batch:
        partition:
          metadata_keys: [a, a]
connectors:
  span_metrics:
    metrics_expiration: -5m
service:
  telemetry:
    metrics:
      level: basic
      views: []
`

// TestLocate maps error texts, as the engine reports them (collected from
// runs of the collector's code at v0.158.0), to the key they name.
func TestLocate(t *testing.T) {
	doc := load(t, locateConfig, nil)
	root := rootPlace(doc.Config, doc.ConfigPath)
	for _, tc := range []struct {
		kind, id, msg string
		want          string // dotted paths, space-separated
	}{
		// mapstructure: quoted field names, nested decoders' type names skipped.
		{KindReceiver, "otlp", "'protocols.grpc' 'configgrpc.ServerConfig' has invalid keys: foo, bar", "receivers.otlp.protocols.grpc.foo receivers.otlp.protocols.grpc.bar"},
		{KindReceiver, "otlp", "'protocols.grpc' 'endpoint' expected type 'string', got unconvertible type 'int'", "receivers.otlp.protocols.grpc.endpoint"},
		{KindReceiver, "otlp", "'protocols.grpc' 'keepalive' 'server_parameters' 'time' time: invalid duration", "receivers.otlp.protocols.grpc.keepalive.server_parameters.time"},
		{KindReceiver, "otlp", "'protocols.grpc.keepalive.server_parameters.time' time: invalid duration", "receivers.otlp.protocols.grpc.keepalive.server_parameters.time"},
		// A key that the config does not have: the deepest one it has.
		{KindReceiver, "otlp", "'protocols.http' has invalid keys: foo", "receivers.otlp.protocols"},
		// confmap.Validate: key::key: prefixes, squashed Go field names skipped.
		{KindExporter, "otlp_grpc", "retry_on_failure: 'randomization_factor' must be within [0, 1]", "exporters.otlp_grpc.retry_on_failure.randomization_factor"},
		{KindExporter, "otlp_grpc", `clientconfig::tls: invalid TLS min_version: unsupported TLS version: "1.4"`, "exporters.otlp_grpc.tls.min_version"},
		{KindExporter, "otlp_grpc", "clientconfig: address localhost: missing port in address", "exporters.otlp_grpc.endpoint"},
		{KindExporter, "otlp_http", `sending_queue: batch: partition: duplicate entry in metadata_keys: "a" (case-insensitive)`, "exporters.otlp_http.sending_queue.batch.partition.metadata_keys"},
		// A map key holding dots is one key.
		{KindExporter, "otlp_grpc", "'headers[service.name]' expected type 'string'", "exporters.otlp_grpc.headers.service.name"},
		// Keys and values named in the text.
		{KindProcessor, "filter", `cannot use context inferred trace conditions "trace_conditions" and the settings "traces.resource", "traces.span", "traces.spanevent" at the same time`, "processors.filter.traces.span"},
		{KindProcessor, "transform", `unable to parse OTTL statement "set(span.attributes[env], \"x\")": error while parsing arguments for call to "set"`, "processors.transform.trace_statements[0]"},
		{KindProcessor, "attributes", `error with key "x" (0-th action): error creating AttrProc due to unsupported action "inset"`, "processors.attributes.actions[0].action"},
		{KindProcessor, "resource", `error creating AttrProc due to missing required field "key" at the 0-th action`, "processors.resource.attributes[0]"},
		{KindProcessor, "tail_sampling", `failed to create policy evaluator for "p": unknown sampling policy type latencyy`, "processors.tail_sampling.policies[0].type"},
		{KindProcessor, "redaction", "error creating a redaction processor: failed to process block list: error compiling regex in list: error parsing regexp: missing closing ]: `[0-9`", "processors.redaction.blocked_values[0]"},
		{KindProcessor, "metrics_transform", `"action" must be in ["insert" "update" "combine" "group"]`, "processors.metrics_transform.transforms[0].action"},
		{KindConnector, "span_metrics", "invalid metrics_expiration: -5m0s, the duration should be positive", "connectors.span_metrics.metrics_expiration"},
		// service::telemetry: an absolute path inside the text.
		{KindService, "telemetry", "service::telemetry::metrics::views can only be set when service::telemetry::metrics::level is detailed", "service.telemetry.metrics.views"},
		{KindService, "telemetry", "collector telemetry metrics reader should exist when metric level is not none", "service.telemetry"},
		// Nothing named: the component.
		{KindExporter, "otlp_grpc", "must not be empty", "exporters.otlp_grpc"},
		// Not in the config at all: the section.
		{KindExporter, "nope", "x", "exporters"},
	} {
		comp, _ := root.component(tc.kind, tc.id)
		var got []string
		for _, p := range locate(comp, tc.msg) {
			got = append(got, p.dot)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s %s: %q\n got %s\nwant %s", tc.kind, tc.id, tc.msg, strings.Join(got, " "), tc.want)
		}
	}
}

// Package synth generates OTLP recordings (otelcfg synth): traces, metrics
// or logs of a small shop's services with semantic-convention attributes,
// as JSON lines or the file exporter's protobuf frames, the same bytes for
// the same options.
package synth

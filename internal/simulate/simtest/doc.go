// Package simtest runs otelcfg test files: YAML or CUE files of tests, each
// replaying inputs through a config (package simulate) and checking
// expectations — counts, attributes present or absent, CUE constraints on
// every item or on some item — on what exporters receive and what pipeline
// stages hand on, with text, JSON and JUnit reports.
package simtest

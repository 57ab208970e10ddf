// Package agreement holds the test that measures the exact layer (the
// collector's own component code behind `otelcfg lint`, with every
// compiled-in component) against a real collector's verdicts on the
// upstream-derived corpus in testdata/agreement/upstream. It links the
// full component set, so `.ci/run` runs it without the race detector.
package agreement

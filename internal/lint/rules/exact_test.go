package rules_test

import (
	"context"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/inprocess"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/linttest"
)

// The exact layer's rules run the collector's code in another program;
// their tests run it in-process with the core component set instead.
func init() {
	linttest.RegisterStage(func(docs []*config.Document) ([]lint.Finding, error) {
		fs, _, err := exact.Check(context.Background(), docs, exact.Options{Runner: inprocess.Runner()})
		return fs, err
	}, exact.Rules...)
}

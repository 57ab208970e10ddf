package rules

import (
	"strconv"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// batchDefaultSendBatchSize is batch's send_batch_size when it is not
// written (go.opentelemetry.io/collector/processor/batchprocessor@v0.158.0
// factory.go, defaultSendBatchSize).
const batchDefaultSendBatchSize = 8192

// checkBatchDefaults reports a batch processor whose send_batch_max_size is
// below the default send_batch_size it did not write: Config.Validate
// compares the two after defaults are applied. (The schema overlay checks a
// written send_batch_size; CUE cannot tell an unwritten one from a ${env}
// placeholder.)
func checkBatchDefaults(pass *lint.Pass) {
	if pass.Collector == nil {
		return
	}
	for _, c := range pass.Collector.Components["processors"] {
		if c.Origin != "" || ruleutil.ComponentType(pass.Catalog, "processors", c.ID) != "batch" || c.Node == nil || c.Node.Kind != config.MapNode {
			continue
		}
		if !c.Node.Get("send_batch_size").IsNull() {
			continue
		}
		e := c.Node.Entry("send_batch_max_size")
		if e == nil || e.Value.Kind != config.ScalarNode || e.Value.Tag != "!!int" {
			continue
		}
		max, err := strconv.ParseInt(e.Value.Value, 0, 64)
		if err != nil || max <= 0 || max >= batchDefaultSendBatchSize {
			continue
		}
		pass.Reportf(e.Value.Pos, c.Path+".send_batch_max_size",
			"processor %q: send_batch_max_size %d is below send_batch_size, which is %d when not written: the collector refuses this (send_batch_max_size must be greater or equal to send_batch_size); set send_batch_size to at most %d",
			c.ID, max, batchDefaultSendBatchSize, max)
	}
}

package deploy

import (
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// HelmMemoryLimits compares memory_limiter and useGOMEMLIMIT with the
// container's memory limit.
var HelmMemoryLimits = register(&lint.Rule{
	ID:       "helm-memory-limits",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "memory_limiter or useGOMEMLIMIT does not fit resources.limits.memory",
		Text: "memory_limiter's limit_percentage and the chart's useGOMEMLIMIT (on by default: GOMEMLIMIT = 80 % of the limit) are both computed from the container's memory limit. " +
			"Without resources.limits.memory the chart sets no GOMEMLIMIT and a percentage is taken of the node's memory, so the collector grows until the node evicts or OOM-kills it. " +
			"With a limit, a limit_mib at or above it never triggers before the kernel kills the container. Set resources.limits.memory, and keep limit_mib well below it (or use limit_percentage).",
		Bad:  "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nresources:\n  limits:\n    memory: 512Mi\nconfig:\n  processors:\n    memory_limiter:\n      check_interval: 1s\n      limit_mib: 1024\n",
		Good: "mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nresources:\n  limits:\n    memory: 2Gi\nconfig:\n  processors:\n    memory_limiter:\n      check_interval: 1s\n      limit_mib: 1600\n      spike_limit_mib: 400\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Doc.Kind != config.KindHelmValues || pass.Collector == nil {
			return nil
		}
		vals := pass.Doc.Source
		limitNode := vals.Get("resources").Get("limits").Get("memory")
		gomemlimit := true // chart default
		if n := vals.Get("useGOMEMLIMIT"); n != nil {
			gomemlimit = !ruleutil.YAMLFalse(n)
		}
		var limiters []*config.Component
		used := map[string]bool{}
		for _, p := range pass.Collector.Pipelines {
			for _, r := range p.Processors {
				used[ruleutil.NormID(r.ID)] = true
			}
		}
		for _, c := range pass.Collector.Components["processors"] {
			if used[ruleutil.NormID(c.ID)] && ruleutil.ComponentType(pass.Catalog, "processors", c.ID) == "memory_limiter" {
				limiters = append(limiters, c)
			}
		}
		if limitNode.IsNull() || ruleutil.ScalarStr(limitNode) == "" {
			var why []string
			for _, c := range limiters {
				if c.Node.Get("limit_mib").IsNull() {
					why = append(why, "memory_limiter "+strconv.Quote(c.ID)+" takes its limit_percentage of the node's memory instead of the container's")
					break
				}
			}
			if gomemlimit {
				why = append(why, "useGOMEMLIMIT sets no GOMEMLIMIT")
			}
			if len(why) == 0 {
				return nil
			}
			pos, path := memoryLimitsPos(pass.Doc)
			pass.Reportf(pos, path, "resources.limits.memory is not set: %s, so the collector can grow until the node evicts or OOM-kills it; set resources.limits.memory (e.g. 1Gi)", strings.Join(why, ", and "))
			return nil
		}
		limit, ok := memoryMiB(ruleutil.ScalarStr(limitNode))
		if !ok {
			return nil
		}
		for _, c := range limiters {
			n := c.Node.Get("limit_mib")
			mib, err := strconv.ParseFloat(ruleutil.ScalarStr(n), 64)
			if n == nil || err != nil || n.Origin != "" {
				continue
			}
			if mib >= limit {
				pass.Reportf(n.Pos, c.Path+".limit_mib", "memory_limiter %q limit_mib %s is not below resources.limits.memory (%s = %.0f MiB): the container is OOM-killed before the limiter refuses data; use about 80 %% of the limit (%d) or limit_percentage", c.ID, ruleutil.ScalarStr(n), ruleutil.ScalarStr(limitNode), limit, int(limit*0.8))
			}
		}
		return nil
	},
})

// memoryLimitsPos is where a missing memory limit is reported: the
// resources key, else useGOMEMLIMIT, else config (as the chart model does).
func memoryLimitsPos(doc *config.Document) (config.Pos, string) {
	for _, k := range []string{"resources", "useGOMEMLIMIT", "config"} {
		if e := doc.Source.Entry(k); e != nil && e.KeyPos.IsValid() {
			return e.KeyPos, k
		}
	}
	return config.Pos{File: doc.File, Line: 1, Col: 1}, ""
}

// memoryMiB parses a Kubernetes memory quantity ("512Mi", "1G", "1.5Gi",
// "1073741824") into MiB.
func memoryMiB(q string) (float64, bool) {
	q = strings.TrimSpace(q)
	units := []struct {
		suffix string
		bytes  float64
	}{{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(q, u.suffix) {
			q, mult = strings.TrimSuffix(q, u.suffix), u.bytes
			break
		}
	}
	v, err := strconv.ParseFloat(q, 64)
	if err != nil || v <= 0 {
		return 0, false
	}
	return v * mult / (1 << 20), true
}

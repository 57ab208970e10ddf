package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// startable lists, by factory type, the processors and connectors whose
// Start is side-effect free, with the reason read in their code at the
// pinned release: no listener, no file, no network, nothing outside the
// process. They are started with a no-op host and shut down, which catches
// errors `otelcol validate` does not (tail_sampling builds its policies in
// Start). Receivers and exporters are never started (they open listeners
// and connections), nor is anything not listed here.
var startable = map[string]string{
	// core
	"batch":          "Start starts the batching goroutines",
	"memory_limiter": "Start starts the memory-check ticker",
	// contrib processors
	"attributes":            "no Start (processorhelper no-op)",
	"cumulative_to_delta":   "no Start (processorhelper no-op)",
	"delta_to_cumulative":   "Start starts the stale-stream goroutine",
	"delta_to_rate":         "Start is a no-op",
	"filter":                "no Start (processorhelper no-op)",
	"groupbyattrs":          "no Start (processorhelper no-op)",
	"groupbytrace":          "Start starts the in-memory event machine",
	"interval":              "Start starts the export ticker",
	"metric_start_time":     "no Start (processorhelper no-op)",
	"metrics_transform":     "no Start (processorhelper no-op)",
	"metricsgeneration":     "Start is a no-op",
	"probabilistic_sampler": "no Start (processorhelper no-op)",
	"redaction":             "no Start (processorhelper no-op)",
	"resource":              "no Start (processorhelper no-op)",
	"span":                  "no Start (processorhelper no-op)",
	"tail_sampling":         "Start builds the sampling policies and starts the decision loop",
	"transform":             "no Start (processorhelper no-op)",
	"unroll":                "no Start (processorhelper no-op)",
	// connectors
	"count":             "no Start",
	"forward":           "no Start",
	"routing":           "no Start",
	"service_graph":     "Start starts the in-memory store and flush goroutines",
	"signal_to_metrics": "no Start",
	"span_metrics":      "Start starts the flush ticker",
}

// notStartable are processors whose Start reaches outside the process,
// kept here so that a reviewer sees they were read, not forgotten.
var notStartable = map[string]string{
	"k8s_attributes":     "Start connects to the Kubernetes API",
	"resource_detection": "Start runs the detectors (host files, cloud metadata endpoints)",
	"schema":             "Start builds an HTTP client and prefetches schemas over the network",
}

// needsExtensions reports why a component's Start would look up an
// extension that the no-op host does not have, or "". The engine runs no
// extensions (they listen, read files), so such a Start is not tried. It
// reads the settings as written (an extension's name is never a
// reference in practice).
func (r *run) needsExtensions(b built) string {
	if b.typ != "tail_sampling" {
		return ""
	}
	sec, _ := r.raw[kindSection(b.kind)].(map[string]any)
	raw, _ := sec[b.id.String()].(map[string]any)
	if v, ok := raw["tail_storage"]; ok && v != nil {
		return "tail_storage names an extension"
	}
	ext := map[string]bool{}
	exts, _ := r.raw["extensions"].(map[string]any)
	for k := range exts {
		typ, _, _ := cutID(k)
		ext[typ] = true
	}
	if t := policyTypeIn(raw["policies"], ext); t != "" {
		return fmt.Sprintf("policy type %q is an extension's", t)
	}
	return ""
}

// policyTypeIn returns the first `type` of a (nested) sampling policy that
// is an extension type, or "".
func policyTypeIn(v any, ext map[string]bool) string {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if t := policyTypeIn(x, ext); t != "" {
				return t
			}
		}
	case map[string]any:
		if t, ok := v["type"].(string); ok && ext[t] {
			return t
		}
		for _, x := range v {
			if t := policyTypeIn(x, ext); t != "" {
				return t
			}
		}
	}
	return ""
}

func cutID(key string) (typ, name string, ok bool) {
	for i := 0; i < len(key); i++ {
		if key[i] == '/' {
			return key[:i], key[i+1:], true
		}
	}
	return key, "", false
}

func kindSection(kind string) string {
	for _, s := range sections {
		if s.kind == kind {
			return s.key
		}
	}
	return ""
}

// start starts every created processor and connector whose type is in
// startable, one at a time with a no-op host.
func (r *run) start() {
	for i := range r.built {
		b := &r.built[i]
		if b.kind != exact.KindProcessor && b.kind != exact.KindConnector {
			continue
		}
		if why, ok := notStartable[b.typ]; ok {
			b.skip = fmt.Sprintf("%s: %s %q: %s", exact.StageStart, b.kind, b.id, why)
			r.res.Skipped = append(r.res.Skipped, b.skip)
			continue
		}
		if _, ok := startable[b.typ]; !ok {
			continue
		}
		if why := r.needsExtensions(*b); why != "" {
			b.noMemo = true // depends on the config's extensions
			r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("%s: %s %q: %s", exact.StageStart, b.kind, b.id, why))
			continue
		}
		r.ran(b.kind, b.id.String(), exact.StageStart)
		b.started = true
		panicked, err := r.withTimeout(func(ctx context.Context) error { return b.comp.Start(ctx, componenttest.NewNopHost()) })
		if err != nil {
			n := len(r.res.Errors)
			r.fail(exact.StageStart, b.kind, b.id.String(), b.pipeline, err, panicked)
			b.errs = append(b.errs, r.res.Errors[n:]...)
		}
	}
}

// shutdown shuts every created component down, started or not (the
// component contract allows Shutdown without Start, and it releases what
// creation registered, such as the otlp receiver's shared instances).
func (r *run) shutdown() {
	for i := len(r.built) - 1; i >= 0; i-- {
		c := r.built[i].comp
		_, _ = r.withTimeout(func(ctx context.Context) error { return c.Shutdown(ctx) })
	}
	r.built = nil
}

var errTimeout = errors.New("did not return")

// withTimeout runs f guarded, giving up after the start timeout (the
// goroutine is left behind: the check program is short-lived).
func (r *run) withTimeout(f func(context.Context) error) (panicked bool, err error) {
	ctx, cancel := context.WithTimeout(r.ctx, r.e.opts.StartTimeout)
	defer cancel()
	type result struct {
		panicked bool
		err      error
	}
	done := make(chan result, 1)
	go func() {
		p, err := guard(func() error { return f(ctx) })
		done <- result{p, err}
	}()
	select {
	case res := <-done:
		return res.panicked, res.err
	case <-time.After(r.e.opts.StartTimeout):
		return false, fmt.Errorf("%w within %s", errTimeout, r.e.opts.StartTimeout)
	}
}

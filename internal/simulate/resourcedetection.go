package simulate

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/processor"
)

// resource_detection with its env detector, applied from the replay's
// environment (Options.Env: otelcfg simulate --env/--env-file, a test's
// env:), as resourcedetectionprocessor v0.158.0 applies it: the detector
// reads OTEL_RESOURCE_ATTRIBUTES (or, when that is empty, the deprecated
// OTEL_RESOURCE) as comma-separated key=value pairs, values URL-decoded;
// detectors are merged in order, the first to set a key keeping it; the
// result is merged into every resource, replacing what it has unless
// override is false. A value the detector cannot parse fails the
// processor's start, as it fails the collector's. Other detectors read the
// host, a cloud's metadata service or the Kubernetes API: a replay cannot
// know what they would add, and says so in a note.
//
// The real processor is compiled in (package components) but not run: its
// detectors would query this machine. This is the env detector's
// behaviour, tested against a real collector in the fidelity suite
// (processor-resource_detection).

// acceptsAlias says whether factory f takes its deprecated type name in a
// component ID: the upstream ones do, the replay's own do not.
func acceptsAlias(f processor.Factory) bool {
	return f.Type().String() != "resource_detection"
}

// replayEnvKey carries the replay's environment to the processors that
// read it, through the context they are created with.
type replayEnvKey struct{}

type resourceDetectionConfig struct {
	Detectors []string `mapstructure:"detectors"`
	Override  bool     `mapstructure:"override"`
	// The detectors' own settings, timeout, refresh_interval, …: accepted
	// (lint checks them), not used.
	Other map[string]any `mapstructure:",remain"`
}

func newResourceDetectionFactory() processor.Factory {
	typ := component.MustNewType("resource_detection")
	create := func(ctx context.Context, cfg component.Config, next flow) *resourceDetection {
		env, _ := ctx.Value(replayEnvKey{}).(map[string]string)
		c := cfg.(*resourceDetectionConfig)
		return &resourceDetection{env: env, override: c.Override, detectors: c.Detectors, next: next}
	}
	return processor.NewFactory(typ,
		func() component.Config { return &resourceDetectionConfig{Detectors: []string{"env"}, Override: true} },
		processor.WithTraces(func(ctx context.Context, _ processor.Settings, cfg component.Config, next consumer.Traces) (processor.Traces, error) {
			return create(ctx, cfg, fromConsumer("traces", next)), nil
		}, component.StabilityLevelBeta),
		processor.WithMetrics(func(ctx context.Context, _ processor.Settings, cfg component.Config, next consumer.Metrics) (processor.Metrics, error) {
			return create(ctx, cfg, fromConsumer("metrics", next)), nil
		}, component.StabilityLevelBeta),
		processor.WithLogs(func(ctx context.Context, _ processor.Settings, cfg component.Config, next consumer.Logs) (processor.Logs, error) {
			return create(ctx, cfg, fromConsumer("logs", next)), nil
		}, component.StabilityLevelBeta),
	)
}

// resourceDetection is one instance of the processor.
type resourceDetection struct {
	env       map[string]string
	override  bool
	detectors []string
	next      flow
	detected  pcommon.Map // the env detector's attributes, set at Start
}

// Start detects, as the processor does: a detector that fails fails the
// start.
func (p *resourceDetection) Start(context.Context, component.Host) error {
	p.detected = pcommon.NewMap()
	for _, d := range p.detectors {
		if d != "env" {
			continue
		}
		attrs, err := envResource(p.env)
		if err != nil {
			return fmt.Errorf("env detector: %w", err)
		}
		// Detectors merge in order, the first to set a key keeping it;
		// the others are not simulated, so env's attributes are all there is.
		for k, v := range attrs.All() {
			if _, ok := p.detected.Get(k); !ok {
				v.CopyTo(p.detected.PutEmpty(k))
			}
		}
	}
	return nil
}

func (*resourceDetection) Shutdown(context.Context) error { return nil }

// Capabilities: it changes resources, as the processor says of itself.
func (*resourceDetection) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: true}
}

func (p *resourceDetection) ConsumeTraces(ctx context.Context, td ptrace.Traces) error {
	return p.consume(ctx, td)
}

func (p *resourceDetection) ConsumeMetrics(ctx context.Context, md pmetric.Metrics) error {
	return p.consume(ctx, md)
}

func (p *resourceDetection) ConsumeLogs(ctx context.Context, ld plog.Logs) error {
	return p.consume(ctx, ld)
}

func (p *resourceDetection) consume(ctx context.Context, d any) error {
	switch d := d.(type) {
	case ptrace.Traces:
		for _, rs := range d.ResourceSpans().All() {
			mergeResource(rs.Resource(), p.detected, p.override)
		}
	case pmetric.Metrics:
		for _, rm := range d.ResourceMetrics().All() {
			mergeResource(rm.Resource(), p.detected, p.override)
		}
	case plog.Logs:
		for _, rl := range d.ResourceLogs().All() {
			mergeResource(rl.Resource(), p.detected, p.override)
		}
	}
	return p.next(ctx, d)
}

// mergeResource merges the detected attributes into a resource: replacing
// its values when override is set, adding only missing keys otherwise.
func mergeResource(to pcommon.Resource, detected pcommon.Map, override bool) {
	if detected.Len() == 0 {
		return
	}
	attrs := to.Attributes()
	for k, v := range detected.All() {
		if override {
			v.CopyTo(attrs.PutEmpty(k))
		} else if cur, found := attrs.GetOrPutEmpty(k); !found {
			v.CopyTo(cur)
		}
	}
}

// maxResourceLabel is the longest key and value the env detector takes.
const maxResourceLabel = 256

// space is what the detector's format takes for white space.
const space = " \t\n\f\r"

// envResource parses OTEL_RESOURCE_ATTRIBUTES (or, when it is empty,
// OTEL_RESOURCE) from env as the env detector reads it: key=value pairs
// separated by commas, white space around keys, values and commas ignored,
// values URL-decoded, keys of 1 to 256 and values of up to 256 ASCII
// characters. A key runs to the first '=' after its first character, a
// value to the next comma (so "a=1,,b=2" has the key ",b", as the
// detector has it). Anything else is an error, as the detector's.
func envResource(env map[string]string) (pcommon.Map, error) {
	m := pcommon.NewMap()
	s := strings.TrimSpace(env["OTEL_RESOURCE_ATTRIBUTES"])
	if s == "" {
		s = strings.TrimSpace(env["OTEL_RESOURCE"])
	}
	if s == "" {
		return m, nil
	}
	for i := 0; i < len(s); {
		j := i + len(s[i:]) - len(strings.TrimLeft(s[i:], space))
		e := -1
		if j < len(s) {
			e = strings.IndexByte(s[j+1:], '=')
		}
		if e < 0 {
			return pcommon.NewMap(), invalidResource(s, i)
		}
		eq, end, next := j+1+e, len(s), len(s)
		if c := strings.IndexByte(s[j+1+e+1:], ','); c >= 0 {
			end = eq + 1 + c
			next = end + 1
		}
		k, v := strings.TrimRight(s[j:eq], space), strings.Trim(s[eq+1:end], space)
		if !ascii(k) || !ascii(v) || len(k) > maxResourceLabel || len(v) > maxResourceLabel {
			return pcommon.NewMap(), invalidResource(s, i)
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			return pcommon.NewMap(), fmt.Errorf("invalid resource format in attribute: %q, err: %w", s[i:end], err)
		}
		m.PutStr(k, value)
		i = next
	}
	return m, nil
}

// invalidResource is the detector's error for s, read up to i: the whole
// value when nothing could be read, else what follows the last pair read.
func invalidResource(s string, i int) error {
	if i == 0 {
		return fmt.Errorf("invalid resource format: %q", s)
	}
	return fmt.Errorf("invalid resource format, invalid text: %q", s[i:])
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 127 {
			return false
		}
	}
	return true
}

// detectorsNote says which configured detectors a replay does not run.
func detectorsNote(cfg component.Config) string {
	c, ok := cfg.(*resourceDetectionConfig)
	if !ok {
		return ""
	}
	var skipped []string
	for _, d := range c.Detectors {
		if d != "env" {
			skipped = append(skipped, d)
		}
	}
	if len(skipped) == 0 {
		return "env detector applied from the replay's environment"
	}
	return fmt.Sprintf("env detector applied from the replay's environment; not simulated: %s (what they would detect is not added)", strings.Join(skipped, ", "))
}

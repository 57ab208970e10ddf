package engine

import (
	"fmt"
	"sort"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// section decodes and validates every component of one section, as the
// collector's config unmarshaler (otelcol/internal/configunmarshaler at
// v0.158.0) does: factory by the ID's type (deprecated aliases included),
// CreateDefaultConfig, conf.Sub(id).Unmarshal(&cfg) with confmap's default
// options (unknown keys are errors), then confmap.Validate on the result,
// which calls Validate() on the config and every nested struct. Unlike the
// collector it goes on after an error, so that every component is checked.
func (r *run) section(kind, key string) {
	for _, k := range r.keys(key) {
		var id component.ID
		if err := id.UnmarshalText([]byte(k)); err != nil {
			r.stat(kind, k).Status = exact.StatusInvalidID
			continue
		}
		f := r.e.byKind[kind][id.Type()]
		if f == nil {
			r.stat(kind, k).Status = exact.StatusNotCompiled
			continue
		}
		path := key + confmap.KeyDelimiter + k
		if why, ok := validateReachesOut[f.Type().String()]; ok {
			r.noValidate(kind, key, k, f, why)
			continue
		}
		var cfg component.Config
		var ok bool
		if r.e.keepsProcessState(f) {
			cfg, ok = r.decodeAt(kind, k, path, f.CreateDefaultConfig)
		} else if o := r.memo.decode(r.settingsKey(kind, key, k)); o != nil {
			r.replayDecode(kind, k, id, path, o)
			continue
		} else {
			cfg, ok = r.decodeRemembered(kind, k, path, []string{key, k}, f.CreateDefaultConfig)
		}
		if ok {
			if r.valid[kind] == nil {
				r.valid[kind] = map[component.ID]component.Config{}
			}
			r.valid[kind][id] = cfg
		}
	}
}

// keys lists the component IDs of a section, sorted. They are read from
// the request (resolving never changes keys) rather than the Conf, whose
// every read copies what it returns; a section that was itself a
// reference is read from the Conf.
func (r *run) keys(section string) []string {
	m, ok := r.raw[section].(map[string]any)
	if !ok {
		sec, err := r.sub(section)
		if err != nil {
			// Not a map: the structural checks report it.
			r.res.Skipped = append(r.res.Skipped, section+": not a map")
			return nil
		}
		m = sec.ToStringMap()
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validateReachesOut lists, by factory type, the components whose
// Validate() leaves the process (read in their code at the pinned
// release): otelcfg works offline, so their settings are decoded but not
// validated, and they are not created.
var validateReachesOut = map[string]string{
	"sigv4auth": "Validate asks AWS for credentials (EC2 instance metadata, STS)",
}

// noValidate decodes a component whose Validate is not run.
func (r *run) noValidate(kind, section, key string, f component.Factory, why string) {
	r.ran(kind, key, exact.StageDecode)
	panicked, err := guard(func() error {
		sub, err := r.sub(section + confmap.KeyDelimiter + key)
		if err != nil {
			return err
		}
		cfg := f.CreateDefaultConfig()
		return sub.Unmarshal(&cfg)
	})
	if err != nil {
		r.fail(exact.StageDecode, kind, key, "", err, panicked)
		return
	}
	r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("%s: %s %q: %s", exact.StageValidate, kind, key, why))
	// Said as a finding too, so that nothing passes unseen: what Validate
	// would find depends on where the collector runs.
	r.res.Errors = append(r.res.Errors, exact.Error{Stage: exact.StageValidate, Kind: kind, ID: key,
		Message: "not validated here: " + why, Host: "the deploy host's network and credentials"})
}

// decodeRemembered decodes and validates the settings at path and
// remembers the outcome under the settings at keyPath in the request; ok
// is false when either stage failed (the component is then not created,
// as the collector never gets that far).
func (r *run) decodeRemembered(kind, key, path string, keyPath []string, newConfig func() component.Config) (component.Config, bool) {
	n := len(r.res.Errors)
	cfg, ok := r.decodeAt(kind, key, path, newConfig)
	r.memo.putDecode(r.settingsKey(kind, keyPath...), &decodeOutcome{
		stages: append([]string(nil), r.stat(kind, key).Stages...),
		errs:   append([]exact.Error(nil), r.res.Errors[n:]...),
		valid:  ok,
	})
	return cfg, ok
}

// decodeAt decodes the settings at path into a default config as the
// collector does (Sub, then Unmarshal with the default options: unknown
// keys are errors), then validates the result with confmap.Validate, which
// calls Validate() on it and every nested struct.
func (r *run) decodeAt(kind, key, path string, newConfig func() component.Config) (component.Config, bool) {
	r.ran(kind, key, exact.StageDecode)
	var cfg component.Config
	panicked, err := guard(func() error {
		sub, err := r.sub(path)
		if err != nil {
			return err
		}
		cfg = newConfig()
		return sub.Unmarshal(&cfg)
	})
	if err != nil {
		r.fail(exact.StageDecode, kind, key, "", err, panicked)
		return nil, false
	}
	r.ran(kind, key, exact.StageValidate)
	if panicked, err := guard(func() error { return confmap.Validate(cfg) }); err != nil {
		r.fail(exact.StageValidate, kind, key, "", err, panicked)
		return nil, false
	}
	return cfg, true
}

// telemetry decodes and validates service::telemetry with the telemetry
// factory the collector uses (otelconftelemetry in a standard build), as
// otelcol's unmarshal and confmap.Validate do.
func (r *run) telemetry() {
	f := r.e.factories.Telemetry
	if f == nil {
		r.res.Skipped = append(r.res.Skipped, "service::telemetry: no telemetry factory")
		return
	}
	if svc, ok := r.raw["service"]; ok && svc != nil {
		if _, ok := svc.(map[string]any); !ok {
			r.res.Skipped = append(r.res.Skipped, "service: not a map")
			return
		}
	}
	const kind, key = exact.KindService, "telemetry"
	path := "service" + confmap.KeyDelimiter + key
	if o := r.memo.decode(r.settingsKey(kind, "service", key)); o != nil {
		r.stat(kind, key).Stages = append([]string(nil), o.stages...)
		r.res.Errors = append(r.res.Errors, o.errs...)
		return
	}
	r.decodeRemembered(kind, key, path, []string{"service", key}, f.CreateDefaultConfig)
}

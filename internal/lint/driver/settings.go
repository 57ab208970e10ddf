package driver

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// SettingsFile is the project settings file otelcfg looks for, walking up
// from each input's directory.
const SettingsFile = config.SettingsFile

// Settings is the content of .otelcfg.yaml.
type Settings struct {
	// Disable lists rule IDs not to run.
	Disable []string `yaml:"disable"`
	// Severity overrides rule severities: {rule-id: error|warning|info}.
	Severity map[string]string `yaml:"severity"`
	// IgnorePaths are globs (relative to the settings file) of inputs to skip.
	IgnorePaths []string `yaml:"ignore-paths"`
	// FailLevel is the lowest severity that fails the run: error, warning,
	// info or none.
	FailLevel string `yaml:"fail-level"`
	// FeatureGates the collector runs with.
	FeatureGates []string `yaml:"feature-gates"`
	// Fast skips the exact layer (the collector's own component code) for
	// the inputs it governs, as --fast does: for editors.
	Fast bool `yaml:"fast"`

	path string // where it was read from; "" for defaults
}

// LoadSettings reads a settings file strictly: unknown keys and unknown rule
// IDs are errors, so a typo does not silently disable nothing.
func LoadSettings(path string) (*Settings, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	var s Settings
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: %v (keys are disable, severity, ignore-paths, fail-level, feature-gates, fast)", path, err)
	}
	for _, id := range s.Disable {
		if rules.ByID(id) == nil {
			return nil, fmt.Errorf("%s: disable: %w", path, UnknownRuleError(id))
		}
	}
	for _, id := range sortedKeys(s.Severity) {
		if rules.ByID(id) == nil {
			return nil, fmt.Errorf("%s: severity: %w", path, UnknownRuleError(id))
		}
		if _, err := lint.ParseSeverity(s.Severity[id]); err != nil {
			return nil, fmt.Errorf("%s: severity of %s: %v", path, id, err)
		}
	}
	if s.FailLevel != "" {
		if _, err := ParseFailLevel(s.FailLevel); err != nil {
			return nil, fmt.Errorf("%s: fail-level: %v", path, err)
		}
	}
	s.path = path
	return &s, nil
}

func (r *run) settingsFor(file string) (*Settings, error) {
	if s, ok := r.settingsCache[""]; ok {
		return s, nil
	}
	if r.opts.NoSettings {
		return &Settings{}, nil
	}
	dir := "."
	if file != "-" {
		dir = filepath.Dir(file)
	}
	return r.findSettings(dir)
}

// ruleSet is the effective rule configuration for inputs governed by one
// settings file: the engine with the enabled rules, and the settings that
// apply to its findings and to the findings about otelcfg:ignore
// directives (made outside the engine).
type ruleSet struct {
	engine       *lint.Engine
	disabled     map[string]bool
	severity     map[string]lint.Severity
	featureGates map[string]bool
	fast         bool // no exact layer
}

// ruleSet returns the rule configuration of settings s merged with the
// run's options (which were checked by newRun, as s was by LoadSettings).
func (r *run) ruleSet(s *Settings) *ruleSet {
	if rs, ok := r.ruleSets[s]; ok {
		return rs
	}
	rs := &ruleSet{disabled: map[string]bool{}, severity: map[string]lint.Severity{}, featureGates: map[string]bool{}, fast: s.Fast}
	for _, id := range append(append([]string(nil), s.Disable...), r.opts.Disable...) {
		rs.disabled[id] = true
	}
	for id, sev := range s.Severity {
		rs.severity[id], _ = lint.ParseSeverity(sev)
	}
	for id, sev := range r.opts.Severity {
		rs.severity[id] = sev
	}
	for _, g := range append(append([]string(nil), s.FeatureGates...), r.opts.FeatureGates...) {
		rs.featureGates[g] = true
	}
	var enabled []*lint.Rule
	for _, rule := range rules.All() {
		if !rs.disabled[rule.ID] {
			enabled = append(enabled, rule)
		}
	}
	rs.engine = lint.NewEngine(lint.Options{Rules: enabled, Catalog: catalog.Default()})
	r.ruleSets[s] = rs
	return rs
}

// finish applies suppression directives to fs and then the rule
// configuration to every finding, once: directives naming only disabled
// rules are dropped (they cannot be "unused"), and disable and severity
// settings apply to all findings, the directives' own included.
func (rs *ruleSet) finish(fs []lint.Finding, dirs []*lint.Directive, bad []lint.Finding) []lint.Finding {
	kept := dirs[:0:0]
	for _, d := range dirs {
		var ids []string
		for _, id := range d.Rules {
			if !rs.disabled[id] {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			d.Rules = ids
			kept = append(kept, d)
		}
	}
	all := append(lint.Suppress(fs, kept), bad...)
	out := all[:0]
	for _, f := range all {
		if rs.disabled[f.Rule] {
			continue
		}
		if sev, ok := rs.severity[f.Rule]; ok {
			f.Severity = sev
		}
		out = append(out, f)
	}
	return out
}

// checkRuleIDs fails on rule IDs in the options that name no rule.
func (o *Options) checkRuleIDs() error {
	for _, id := range o.Disable {
		if rules.ByID(id) == nil {
			return UnknownRuleError(id)
		}
	}
	for _, id := range sortedKeys(o.Severity) {
		if rules.ByID(id) == nil {
			return UnknownRuleError(id)
		}
	}
	return nil
}

// findSettings walks up from dir to the filesystem root looking for
// SettingsFile; results are cached per directory.
func (r *run) findSettings(dir string) (*Settings, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &Settings{}, nil
	}
	var visited []string
	for d := abs; ; d = filepath.Dir(d) {
		if s, ok := r.settingsCache[d]; ok {
			for _, v := range visited {
				r.settingsCache[v] = s
			}
			return s, nil
		}
		visited = append(visited, d)
		p := filepath.Join(d, SettingsFile)
		if _, err := os.Stat(p); err == nil {
			s, err := LoadSettings(p)
			if err != nil {
				return nil, err
			}
			for _, v := range visited {
				r.settingsCache[v] = s
			}
			return s, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	s := &Settings{}
	for _, v := range visited {
		r.settingsCache[v] = s
	}
	return s, nil
}

// ignored reports whether path matches one of the settings' ignore-paths.
func (s *Settings) ignored(path string) bool {
	if len(s.IgnorePaths) == 0 || s.path == "" {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(filepath.Dir(s.path), abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range s.IgnorePaths {
		if config.GlobMatch(g, rel) {
			return true
		}
	}
	return false
}

// UnknownRuleError is the error for a rule ID that names no rule.
func UnknownRuleError(id string) error {
	return fmt.Errorf("unknown rule ID %q (see `otelcfg rules`)", id)
}

// FailNone is the fail level that no finding reaches.
const FailNone = lint.Severity(1 << 30)

// ParseFailLevel reads a fail level: a severity, or "none" (FailNone).
func ParseFailLevel(s string) (lint.Severity, error) {
	if s == "none" {
		return FailNone, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown fail level %q (want error, warning, info or none)", s)
	}
	return sev, nil
}

// stricter returns the fail level of a and b that fails on more findings;
// "" means unset.
func stricter(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	la, _ := ParseFailLevel(a)
	lb, _ := ParseFailLevel(b)
	if lb < la {
		return b
	}
	return a
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

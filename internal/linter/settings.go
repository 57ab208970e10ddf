package linter

import (
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// SettingsFile is the project settings file otelcfg looks for, walking up
// from each input's directory.
const SettingsFile = ".otelcfg.yaml"

// Settings is the content of .otelcfg.yaml.
type Settings struct {
	// Disable lists rule IDs not to run.
	Disable []string `yaml:"disable"`
	// Severity overrides rule severities: {rule-id: error|warning|info}.
	Severity map[string]string `yaml:"severity"`
	// IgnorePaths are globs (relative to the settings file) of inputs to skip.
	IgnorePaths []string `yaml:"ignore-paths"`
	// FailLevel is the lowest severity that fails the run.
	FailLevel string `yaml:"fail-level"`
	// FeatureGates the collector runs with.
	FeatureGates []string `yaml:"feature-gates"`

	path string // where it was read from; "" for defaults
}

// LoadSettings reads a settings file strictly: unknown keys are errors, so a
// typo does not silently disable nothing.
func LoadSettings(path string) (*Settings, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	var s Settings
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: %v (keys are disable, severity, ignore-paths, fail-level, feature-gates)", path, err)
	}
	for id, sev := range s.Severity {
		if _, err := lint.ParseSeverity(sev); err != nil {
			return nil, fmt.Errorf("%s: severity of %s: %v", path, id, err)
		}
	}
	if s.FailLevel != "" {
		if _, err := lint.ParseSeverity(s.FailLevel); err != nil {
			return nil, fmt.Errorf("%s: fail-level: %v", path, err)
		}
	}
	s.path = path
	return &s, nil
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
		if globMatch(g, rel) {
			return true
		}
	}
	return false
}

// Command defaults generates internal/defaults/zz_generated.go: the default
// config of every component compiled into otelcfg's plugin programs
// (internal/components), from its factory's CreateDefaultConfig(),
// marshaled as the collector marshals a config (confmap.New, Conf.Marshal,
// ToStringMap). Run it with `go generate ./internal/defaults`. It needs no
// network: the factories are compiled in. It links the whole component set,
// so building it takes a while (~40 s warm).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/xconfmap"

	"github.com/otelcfg/otelcfg/internal/components"
)

func main() {
	out := flag.String("out", "zz_generated.go", "file to write")
	flag.Parse()
	src, err := Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen/defaults:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen/defaults:", err)
		os.Exit(1)
	}
}

// setting is one leaf of a default config.
type setting struct{ path, value string }

// comp is one component's defaults.
type comp struct {
	components.Module
	settings []setting
}

// Generate returns the generated Go source.
func Generate() ([]byte, error) {
	facs, err := components.Factories()
	if err != nil {
		return nil, err
	}
	var list []comp
	for _, m := range components.Modules() {
		f := components.Lookup(facs, m.Class, m.Type)
		if f == nil {
			return nil, fmt.Errorf("%s %s: no factory", m.Class, m.Type)
		}
		ss, err := defaultsOf(f)
		if err != nil {
			return nil, fmt.Errorf("%s %s (%s): %w", m.Class, m.Type, m.Path, err)
		}
		list = append(list, comp{m, ss})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Class != list[j].Class {
			return list[i].Class < list[j].Class
		}
		return list[i].Type < list[j].Type
	})
	return render(list)
}

// maxSections bounds the optional sections tried per component.
const maxSections = 200

// defaultsOf returns the leaves of f's default config. A section that is
// null by default (an optional one: the otlp receiver's protocols.grpc) is
// listed as null, followed by the defaults it gets when it is written empty
// (`grpc:`), as the collector decodes it — when those hold more than zero
// values.
func defaultsOf(f component.Factory) ([]setting, error) {
	m, err := marshal(f.CreateDefaultConfig())
	if err != nil {
		return nil, err
	}
	var enabled [][]string
	tried := map[string]bool{}
	for n := 0; n < maxSections; n++ {
		var next []string
		for _, p := range nullPaths(m, nil) {
			if k := strings.Join(p, "\x00"); !tried[k] {
				tried[k] = true
				next = p
				break
			}
		}
		if next == nil {
			break
		}
		cfg := f.CreateDefaultConfig()
		if err := confmap.NewFromStringMap(emptyAt(append(append([][]string(nil), enabled...), next))).Unmarshal(cfg); err != nil {
			continue // the section cannot be written empty
		}
		m2, err := marshal(cfg)
		if err != nil {
			continue
		}
		if sub, ok := at(m2, next).(map[string]any); ok && hasNonZero(sub) {
			enabled, m = append(enabled, next), m2
		}
	}
	var ss []setting
	if err := flatten(m, "", &ss); err != nil {
		return nil, err
	}
	for _, p := range enabled {
		ss = append(ss, setting{strings.Join(p, "."), "null"})
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].path < ss[j].path })
	return ss, nil
}

// marshal is the config as the collector marshals it, opaque strings
// (configopaque) unredacted: a default is never a secret, and an empty one
// would otherwise read "[REDACTED]".
func marshal(cfg component.Config) (map[string]any, error) {
	conf := confmap.New()
	if err := conf.Marshal(cfg, xconfmap.WithUnredacted()); err != nil {
		return nil, fmt.Errorf("marshal the default config: %w", err)
	}
	return conf.ToStringMap(), nil
}

// nullPaths lists the paths of null values under m, sorted.
func nullPaths(m map[string]any, prefix []string) [][]string {
	var out [][]string
	for _, k := range sortedKeys(m) {
		if k == "" {
			continue
		}
		p := append(append([]string(nil), prefix...), k)
		switch v := m[k].(type) {
		case nil:
			out = append(out, p)
		case map[string]any:
			out = append(out, nullPaths(v, p)...)
		}
	}
	return out
}

// emptyAt is a config with an empty map at each path.
func emptyAt(paths [][]string) map[string]any {
	root := map[string]any{}
	for _, p := range paths {
		m := root
		for _, k := range p[:len(p)-1] {
			sub, ok := m[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[k] = sub
			}
			m = sub
		}
		if _, ok := m[p[len(p)-1]]; !ok {
			m[p[len(p)-1]] = map[string]any{}
		}
	}
	return root
}

func at(m map[string]any, p []string) any {
	var v any = m
	for _, k := range p {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[k]
	}
	return v
}

// hasNonZero reports whether v holds a value other than a zero one.
func hasNonZero(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case map[string]any:
		for _, e := range t {
			if hasNonZero(e) {
				return true
			}
		}
		return false
	case []any:
		return len(t) > 0
	}
	return !reflect.ValueOf(v).IsZero()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// flatten records the leaves of m: scalars, lists (one value each) and
// empty maps; null values (unset optional settings) are left out, and so
// is what sits under an empty key (the encoder's name for a field tagged
// `mapstructure:""`, which a config cannot spell).
func flatten(m map[string]any, prefix string, out *[]setting) error {
	for k, v := range m {
		if k == "" {
			continue
		}
		p := prefix + k
		if sub, ok := v.(map[string]any); ok && len(sub) > 0 {
			if err := flatten(sub, p+".", out); err != nil {
				return err
			}
			continue
		}
		if v == nil {
			continue
		}
		text, err := jsonText(plain(v))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		*out = append(*out, setting{p, text})
	}
	return nil
}

// plain turns the Go values confmap leaves in the map into what a user
// writes: a duration as the collector parses it ("200ms", "1m"), nested
// values likewise.
func plain(v any) any {
	switch t := v.(type) {
	case time.Duration:
		return durationText(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = plain(e)
		}
		return out
	}
	return v
}

// durationText is d as Go prints it, without zero trailing units
// ("1m0s" → "1m", "1h0m0s" → "1h").
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// jsonText is v as compact JSON with sorted keys and no HTML escaping.
func jsonText(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func render(list []comp) ([]byte, error) {
	var b bytes.Buffer
	n := 0
	for _, c := range list {
		n += len(c.settings)
	}
	fmt.Fprintf(&b, "// Code generated by go run ./internal/gen/defaults; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package defaults\n\n")
	fmt.Fprintf(&b, "// Source: CreateDefaultConfig() of the %d factories compiled into the plugin\n", len(list))
	fmt.Fprintf(&b, "// programs (internal/components/zz_factories.go), marshaled with confmap\n")
	fmt.Fprintf(&b, "// as the collector marshals a config; %d settings.\n\n", n)
	b.WriteString("var components = []Component{\n")
	for _, c := range list {
		fmt.Fprintf(&b, "\t{Class: %q, Type: %q, Module: %q, Version: %q, Settings: []Setting{\n", c.Class, c.Type, c.Path, c.Version)
		for _, s := range c.settings {
			fmt.Fprintf(&b, "\t\t{%s, %s},\n", strconv.Quote(s.path), strconv.Quote(s.value))
		}
		b.WriteString("\t}},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

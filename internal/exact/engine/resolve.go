package engine

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.opentelemetry.io/collector/confmap"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// Schemes of the providers the engine resolves a request config with.
// Everything otelcfg could resolve is already in the config; what it could
// not (unset variables, remote providers) was made null or empty by it, as
// the collector does with an unset variable.
const (
	configScheme   = "otelcfgconfig"   // the request config itself
	expandedScheme = "otelcfgexpanded" // ${otelcfgexpanded:N}: ConfigInput.Expanded[N]
)

// resolve turns a request config into the confmap.Conf the collector would
// have after resolving its providers: the config goes through the
// collector's own resolver, so $$ escapes and whole-value references
// (ExpandedValue: YAML-typed, original text for string fields) are exactly
// the collector's.
//
// The resolver copies the whole config several times, a quarter of a
// check's cost. So only the values around whole-value references (up to
// the first list, which a merge replaces whole) go through it when no $
// is elsewhere, and its result is merged over the rest: maps merge key by
// key, so the Conf is the same (resolve_test.go checks the shortcuts
// against the resolver).
func resolve(ctx context.Context, in exact.ConfigInput) (*confmap.Conf, error) {
	raw, _ := exact.CopyValue(in.Config).(map[string]any)
	if raw == nil {
		raw = map[string]any{}
	}
	for i, ev := range in.Expanded {
		if !exact.SetPath(raw, ev.Path, placeholder(i)) {
			return nil, fmt.Errorf("expanded value %d: no value at path %q", i, ev.Path)
		}
	}
	rest, _ := exact.CopyValue(raw).(map[string]any)
	var units [][]string
	for _, ev := range in.Expanded {
		units = append(units, mapPrefix(raw, ev.Path))
	}
	sort.Slice(units, func(i, j int) bool { return len(units[i]) < len(units[j]) })
	overlay := map[string]any{}
	for _, u := range units {
		if v, ok := lookupMaps(rest, u); ok {
			setNested(overlay, u, v)
			deletePath(rest, u)
		}
	}
	if hasDollar(rest) {
		return resolveAll(ctx, raw, in.Expanded)
	}
	conf := confmap.NewFromStringMap(rest)
	if len(overlay) == 0 {
		return conf, nil
	}
	over, err := resolveAll(ctx, overlay, in.Expanded)
	if err != nil {
		return nil, err
	}
	if err := conf.Merge(over); err != nil {
		return nil, err
	}
	return conf, nil
}

// mapPrefix is the part of path that runs through maps only: up to and
// including the key of the first list on it.
func mapPrefix(raw map[string]any, path []string) []string {
	var v any = raw
	for i, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return path[:i]
		}
		v = m[k]
	}
	return path
}

// lookupMaps returns the value at a path of map keys.
func lookupMaps(m map[string]any, path []string) (any, bool) {
	var v any = m
	for _, k := range path {
		c, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = c[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func placeholder(i int) string { return "${" + expandedScheme + ":" + strconv.Itoa(i) + "}" }

// resolveAll runs the collector's resolver over raw, with the expanded
// values' texts behind their placeholders.
func resolveAll(ctx context.Context, raw map[string]any, expanded []exact.ExpandedValue) (*confmap.Conf, error) {
	res, err := confmap.NewResolver(confmap.ResolverSettings{
		URIs: []string{configScheme + ":request"},
		ProviderFactories: []confmap.ProviderFactory{
			providerFactory(configScheme, func(string) (*confmap.Retrieved, error) { return confmap.NewRetrieved(raw) }),
			providerFactory(expandedScheme, func(uri string) (*confmap.Retrieved, error) {
				i, err := strconv.Atoi(uri[len(expandedScheme)+1:])
				if err != nil || i < 0 || i >= len(expanded) {
					return nil, fmt.Errorf("no expanded value %q", uri)
				}
				return confmap.NewRetrievedFromYAML([]byte(expanded[i].Text))
			}),
		},
	})
	if err != nil {
		return nil, err
	}
	return res.Resolve(ctx)
}

func deletePath(m map[string]any, path []string) {
	for _, k := range path[:len(path)-1] {
		m, _ = m[k].(map[string]any)
	}
	delete(m, path[len(path)-1])
}

func setNested(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		c, ok := m[k].(map[string]any)
		if !ok {
			c = map[string]any{}
			m[k] = c
		}
		m = c
	}
	m[path[len(path)-1]] = v
}

// funcProvider is a confmap.Provider answering from a function.
type funcProvider struct {
	scheme string
	get    func(uri string) (*confmap.Retrieved, error)
}

func providerFactory(scheme string, get func(uri string) (*confmap.Retrieved, error)) confmap.ProviderFactory {
	return confmap.NewProviderFactory(func(confmap.ProviderSettings) confmap.Provider {
		return &funcProvider{scheme: scheme, get: get}
	})
}

func (p *funcProvider) Retrieve(_ context.Context, uri string, _ confmap.WatcherFunc) (*confmap.Retrieved, error) {
	return p.get(uri)
}

func (p *funcProvider) Scheme() string                 { return p.scheme }
func (p *funcProvider) Shutdown(context.Context) error { return nil }

// hasDollar reports whether a string anywhere in v holds a $.
func hasDollar(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, "$")
	case map[string]any:
		for _, x := range v {
			if hasDollar(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasDollar(x) {
				return true
			}
		}
	}
	return false
}

// pathExists reports whether path (map keys, list indexes) is in v.
func pathExists(v any, path []string) bool {
	if len(path) == 0 {
		return false
	}
	for _, k := range path {
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[k]
			if !ok {
				return false
			}
			v = x
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j < 0 || j >= len(c) {
				return false
			}
			v = c[j]
		default:
			return false
		}
	}
	return true
}

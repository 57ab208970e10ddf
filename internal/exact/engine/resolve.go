package engine

import (
	"context"
	"fmt"
	"strconv"

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
func resolve(ctx context.Context, in exact.ConfigInput) (*confmap.Conf, error) {
	raw, _ := exact.CopyValue(in.Config).(map[string]any)
	if raw == nil {
		raw = map[string]any{}
	}
	for i, ev := range in.Expanded {
		if !exact.SetPath(raw, ev.Path, "${"+expandedScheme+":"+strconv.Itoa(i)+"}") {
			return nil, fmt.Errorf("expanded value %d: no value at path %q", i, ev.Path)
		}
	}
	texts := make([]string, len(in.Expanded))
	for i, ev := range in.Expanded {
		texts[i] = ev.Text
	}
	res, err := confmap.NewResolver(confmap.ResolverSettings{
		URIs: []string{configScheme + ":request"},
		ProviderFactories: []confmap.ProviderFactory{
			providerFactory(configScheme, func(string) (*confmap.Retrieved, error) { return confmap.NewRetrieved(raw) }),
			providerFactory(expandedScheme, func(uri string) (*confmap.Retrieved, error) {
				i, err := strconv.Atoi(uri[len(expandedScheme)+1:])
				if err != nil || i < 0 || i >= len(texts) {
					return nil, fmt.Errorf("no expanded value %q", uri)
				}
				return confmap.NewRetrievedFromYAML([]byte(texts[i]))
			}),
		},
	})
	if err != nil {
		return nil, err
	}
	return res.Resolve(ctx)
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

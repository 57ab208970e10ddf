package engine

import (
	"context"
	"reflect"
	"testing"

	"go.opentelemetry.io/collector/confmap"
	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// TestResolveShortcut checks that a config without references or $ gives
// the Conf the collector's resolver gives (the shortcut skips it).
func TestResolveShortcut(t *testing.T) {
	for _, src := range []string{
		"receivers:\n  otlp:\n    protocols:\n      grpc:\n      http: {}\n",
		"exporters:\n  otlp_grpc:\n    endpoint: a:4317\n    headers: {x: y}\n    list: [1, 2.5, true, null, {a: []}]\nprocessors:\n  batch:\nservice:\n  pipelines:\n    traces: {receivers: [otlp], exporters: [otlp_grpc]}\n",
		"a::b: 1\nempty: {}\nnull: ~\n",
	} {
		var raw map[string]any
		if err := yaml.Unmarshal([]byte(src), &raw); err != nil {
			t.Fatal(err)
		}
		short, err := resolve(context.Background(), exact.ConfigInput{Config: raw})
		if err != nil {
			t.Fatal(err)
		}
		res, err := confmap.NewResolver(confmap.ResolverSettings{
			URIs:              []string{configScheme + ":x"},
			ProviderFactories: []confmap.ProviderFactory{providerFactory(configScheme, func(string) (*confmap.Retrieved, error) { return confmap.NewRetrieved(raw) })},
		})
		if err != nil {
			t.Fatal(err)
		}
		full, err := res.Resolve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(short.ToStringMap(), full.ToStringMap()) {
			t.Errorf("%s:\nshortcut %#v\nresolver %#v", src, short.ToStringMap(), full.ToStringMap())
		}
	}
	if !hasDollar(map[string]any{"a": []any{map[string]any{"b": "x$$y"}}}) || hasDollar(map[string]any{"a": []any{1, "x"}}) {
		t.Error("hasDollar")
	}
}

type expandedTarget struct {
	A struct {
		S    string         `mapstructure:"s"`
		I    int            `mapstructure:"i"`
		P    *string        `mapstructure:"p"`
		M    map[string]any `mapstructure:"m"`
		Keep string         `mapstructure:"keep"`
	} `mapstructure:"a"`
	B string `mapstructure:"b"`
	L []any  `mapstructure:"l"`
}

// TestResolveExpandedShortcut checks that whole-value references resolved
// alone and merged over the config decode exactly as through the resolver
// with the whole config (original text for strings, typed otherwise).
func TestResolveExpandedShortcut(t *testing.T) {
	raw := map[string]any{
		"a": map[string]any{"s": "", "i": "", "p": "", "m": "", "keep": "k"},
		"b": "",
		"l": []any{"x", "y"},
	}
	exp := []exact.ExpandedValue{
		{Path: []string{"a", "s"}, Text: "0123"},
		{Path: []string{"a", "i"}, Text: "5"},
		{Path: []string{"a", "p"}, Text: ""},
		{Path: []string{"a", "m"}, Text: "{x: 1}"},
		{Path: []string{"b"}, Text: "true"},
	}
	decode := func(conf *confmap.Conf, err error) expandedTarget {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out expandedTarget
		if err := conf.Unmarshal(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// A reference inside a list: the whole list goes through the resolver.
	exp = append(exp, exact.ExpandedValue{Path: []string{"l", "1"}, Text: "y"})
	short := decode(resolve(context.Background(), exact.ConfigInput{Config: raw, Expanded: exp}))
	withPlaceholders := exact.CopyValue(raw).(map[string]any)
	for i, ev := range exp {
		exact.SetPath(withPlaceholders, ev.Path, placeholder(i))
	}
	full := decode(resolveAll(context.Background(), withPlaceholders, exp))
	if !reflect.DeepEqual(short, full) {
		t.Errorf("shortcut %+v\nresolver %+v", short, full)
	}
	// A $ outside the references takes the resolver for everything.
	raw["b2"] = "a$$b"
	var withDollar struct {
		expandedTarget `mapstructure:",squash"`
		B2             string `mapstructure:"b2"`
	}
	conf, err := resolve(context.Background(), exact.ConfigInput{Config: raw, Expanded: exp})
	if err != nil {
		t.Fatal(err)
	}
	if err := conf.Unmarshal(&withDollar); err != nil || withDollar.B2 != "a$b" || !reflect.DeepEqual(withDollar.expandedTarget, full) {
		t.Errorf("with a $: %v %+v", err, withDollar)
	}
	if short.A.S != "0123" || short.A.I != 5 || short.A.P != nil || short.A.M["x"] != 1 || short.A.Keep != "k" || short.B != "true" || short.L[1] != "y" {
		t.Errorf("decoded %+v", short)
	}
	if _, err := resolve(context.Background(), exact.ConfigInput{Config: raw, Expanded: []exact.ExpandedValue{{Path: []string{"nope", "x"}}}}); err == nil {
		t.Error("a path not in the config must fail")
	}
}

package render

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/config"
)

// applySet applies --set key.path=value overrides to values, the way
// `helm --set` reads them for plain keys: dots separate keys (`\.` is a
// literal dot), the value is a YAML scalar (true, 3 and null are typed).
// List indexes are not supported.
func applySet(values *config.Node, sets []string) error {
	for _, s := range sets {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return Optionf("set", "%q: want key.path=value", s)
		}
		if strings.ContainsAny(k, "[]") {
			return Optionf("set", "%q: list indexes are not supported; edit the output instead", s)
		}
		path := splitKey(k)
		n := values
		for _, p := range path[:len(path)-1] {
			c := n.Get(p)
			if c == nil || c.Kind != config.MapNode {
				c = newMap()
				n.Set(p, config.Pos{}, c)
			}
			n = c
		}
		n.Set(path[len(path)-1], config.Pos{}, setValue(v))
	}
	return nil
}

func splitKey(k string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(k); i++ {
		switch {
		case k[i] == '\\' && i+1 < len(k) && k[i+1] == '.':
			cur.WriteByte('.')
			i++
		case k[i] == '.':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(k[i])
		}
	}
	return append(out, cur.String())
}

func setValue(v string) *config.Node {
	var y yaml.Node
	if err := yaml.Unmarshal([]byte(v), &y); err == nil && len(y.Content) == 1 && y.Content[0].Kind == yaml.ScalarNode {
		t := y.Content[0].Tag
		if t == "!!null" {
			return null()
		}
		if t == "!!bool" || t == "!!int" || t == "!!float" {
			return scalar(t, y.Content[0].Value)
		}
	}
	return str(v)
}

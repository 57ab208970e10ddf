package render

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Canonical returns the semantic value of a collector config, for comparing
// what a deployment renders with what was asked for. It encodes the
// collector's own equivalences and nothing more:
//   - a top-level section that is null is the same as an absent one;
//   - any other null is an empty map (`debug:` ≡ `debug: {}`);
//   - numbers compare by value (80 ≡ 80.0), whatever tag or type carries them;
//   - the order of receivers and exporters in a pipeline does not matter
//     (processors keep their order), and an empty list of a pipeline is
//     the same as an absent one.
func Canonical(v any) any {
	return canon(v, 0, "")
}

func canon(v any, depth int, path string) any {
	switch t := v.(type) {
	case nil:
		return map[string]any{}
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			p := path + "." + k
			if e == nil && depth == 0 {
				continue
			}
			if l, ok := e.([]any); ok && len(l) == 0 && strings.HasPrefix(path, ".service.pipelines.") {
				continue
			}
			c := canon(e, depth+1, p)
			if l, ok := c.([]any); ok && strings.HasPrefix(path, ".service.pipelines.") && (k == "receivers" || k == "exporters") {
				sort.Slice(l, func(i, j int) bool { return fmt.Sprint(l[i]) < fmt.Sprint(l[j]) })
			}
			out[k] = c
		}
		return out
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = e
		}
		return canon(m, depth, path)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = canon(e, depth+1, fmt.Sprintf("%s[%d]", path, i))
		}
		return out
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case uint64:
		return float64(t)
	case float64:
		return t
	case interface{ Float64() (float64, error) }: // json.Number
		f, err := t.Float64()
		if err != nil {
			return fmt.Sprint(t)
		}
		return f
	}
	return v
}

// Diff compares two configs semantically (see Canonical) and returns the
// paths where they differ, sorted; nil means equal.
func Diff(want, got any) []string {
	var out []string
	diff(Canonical(want), Canonical(got), "", &out)
	sort.Strings(out)
	return out
}

func diff(a, b any, path string, out *[]string) {
	if reflect.DeepEqual(a, b) {
		return
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			p := strings.TrimPrefix(path+"."+k, ".")
			av, ain := am[k]
			bv, bin := bm[k]
			switch {
			case !ain:
				*out = append(*out, p+": not in the input, but rendered")
			case !bin:
				*out = append(*out, p+": in the input, but not rendered")
			default:
				diff(av, bv, p, out)
			}
		}
		return
	}
	*out = append(*out, fmt.Sprintf("%s: input %v, rendered %v", path, a, b))
}

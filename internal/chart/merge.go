package chart

import (
	"strconv"

	"github.com/otelcfg/otelcfg/internal/config"
)

// The chart combines maps in three different ways; each is modelled here.

// coalesce merges user values over chart defaults the way Helm's
// CoalesceValues does on install: maps merge key by key, any other user value
// (lists included) wins, and a user null deletes the key when the chart has a
// default for it. A null the chart has no default for stays (config.Merge
// would drop it, which is why it is not used here). def is modified.
func coalesce(def, user *config.Node) *config.Node {
	if user == nil {
		return def
	}
	if def == nil || def.Kind != config.MapNode || user.Kind != config.MapNode {
		return user
	}
	// The map is the user's: it takes the user's position and origin.
	def.Pos, def.Origin = user.Pos, user.Origin
	for _, ue := range user.Entries {
		de := def.Entry(ue.Key)
		switch {
		case de == nil:
			def.Entries = append(def.Entries, &config.Entry{Key: ue.Key, KeyPos: ue.KeyPos, Value: ue.Value})
		case ue.Value.IsNull():
			def.Delete(ue.Key)
		default:
			de.KeyPos = ue.KeyPos
			de.Value = coalesce(de.Value, ue.Value)
		}
	}
	return def
}

// overwrite is sprig's mergeOverwrite (mergo WithOverride) as the presets use
// it: maps merge, any other src value replaces, a src null replaces with null.
// dst is modified; src nodes are shared.
func overwrite(dst, src *config.Node) *config.Node {
	if src == nil {
		return dst
	}
	if dst == nil || dst.Kind != config.MapNode || src.Kind != config.MapNode {
		return src
	}
	dst.Pos, dst.Origin = src.Pos, src.Origin
	for _, se := range src.Entries {
		de := dst.Entry(se.Key)
		if de == nil {
			dst.Entries = append(dst.Entries, &config.Entry{Key: se.Key, KeyPos: se.KeyPos, Value: se.Value})
			continue
		}
		de.KeyPos = se.KeyPos
		de.Value = overwrite(de.Value, se.Value)
	}
	return dst
}

// fill is sprig's merge (mergo without override): dst keeps what it has,
// src only fills keys dst lacks or holds empty.
func fill(dst, src *config.Node) *config.Node {
	if src == nil {
		return dst
	}
	if dst.IsNull() {
		return src
	}
	if dst.Kind == config.MapNode && src.Kind == config.MapNode {
		for _, se := range src.Entries {
			de := dst.Entry(se.Key)
			if de == nil {
				dst.Entries = append(dst.Entries, &config.Entry{Key: se.Key, KeyPos: se.KeyPos, Value: se.Value})
				continue
			}
			de.Value = fill(de.Value, se.Value)
		}
		return dst
	}
	if isEmpty(dst) {
		return src
	}
	return dst
}

// truthy is Go template truthiness of a value as Helm sees it.
func truthy(n *config.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case config.MapNode:
		return len(n.Entries) > 0
	case config.SeqNode:
		return len(n.Items) > 0
	case config.ScalarNode:
		switch n.Tag {
		case "!!bool":
			b, _ := strconv.ParseBool(n.Value)
			return b
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				i, err := strconv.ParseInt(n.Value, 0, 64)
				return err != nil || i != 0
			}
			return f != 0
		}
		return n.Value != ""
	}
	return false
}

func isEmpty(n *config.Node) bool { return !truthy(n) }

// get walks map keys from n.
func get(n *config.Node, path ...string) *config.Node {
	for _, k := range path {
		n = n.Get(k)
		if n == nil {
			return nil
		}
	}
	return n
}

// getOrMap returns the map under key in n, creating an empty one (origin/pos
// as given) when absent or null. It returns nil when n is not a map or the
// value is some other kind (the chart's template would fail there).
func getOrMap(n *config.Node, key, origin string, pos config.Pos) *config.Node {
	if n == nil || n.Kind != config.MapNode {
		return nil
	}
	v := n.Get(key)
	if v.IsNull() {
		m := config.NewMap(pos)
		m.Origin = origin
		n.Set(key, pos, m)
		return m
	}
	if v.Kind != config.MapNode {
		return nil
	}
	return v
}

func str(n *config.Node) string {
	if n == nil || n.Kind != config.ScalarNode {
		return ""
	}
	return n.Value
}

func scalarIndex(list *config.Node, s string) int {
	if list == nil {
		return -1
	}
	for i, it := range list.Items {
		if it != nil && it.Kind == config.ScalarNode && it.Value == s {
			return i
		}
	}
	return -1
}

// uniq drops repeated scalars from a list, keeping the first (sprig uniq).
func uniq(list *config.Node) {
	seen := map[string]bool{}
	out := list.Items[:0]
	for _, it := range list.Items {
		if it != nil && it.Kind == config.ScalarNode {
			if seen[it.Value] {
				continue
			}
			seen[it.Value] = true
		}
		out = append(out, it)
	}
	list.Items = out
}

func items(n *config.Node) []*config.Node {
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	return n.Items
}

func entries(n *config.Node) []*config.Entry {
	if n == nil || n.Kind != config.MapNode {
		return nil
	}
	return n.Entries
}

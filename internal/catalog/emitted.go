package catalog

import "sort"

// emitter is one row of the generated emitted table: an attribute key and a
// component ("receiver/awsecscontainermetrics") that names it as its own.
type emitter struct{ key, component string }

// EmittedBy returns the components ("class/type") whose own module names
// attribute key as one they produce or read (see the generated emitted
// table), sorted; nil when none does. Only components whose module the
// generator could read are known.
func EmittedBy(key string) []string {
	i := sort.Search(len(emitted), func(i int) bool { return emitted[i].key >= key })
	var out []string
	for ; i < len(emitted) && emitted[i].key == key; i++ {
		out = append(out, emitted[i].component)
	}
	return out
}

// EmittedKeys returns every key of the emitted table, sorted, once each.
func EmittedKeys() []string {
	var out []string
	for i, e := range emitted {
		if i == 0 || e.key != emitted[i-1].key {
			out = append(out, e.key)
		}
	}
	return out
}

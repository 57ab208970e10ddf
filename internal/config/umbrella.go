package config

import (
	"fmt"
	"strings"
)

// collectorChart is the name of the opentelemetry-collector chart: an
// umbrella chart's values hold the collector chart's values under it (the
// dependency's name, or an alias that keeps it, e.g.
// opentelemetry-collector-agent).
const collectorChart = "opentelemetry-collector"

// umbrellaKeys returns the top-level keys of an umbrella chart's values
// that hold values for the collector chart: a key naming the chart whose
// value is itself a collector Helm values map.
func umbrellaKeys(n *Node) []string {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	var keys []string
	for _, e := range n.Entries {
		if !strings.Contains(strings.ToLower(e.Key), collectorChart) {
			continue
		}
		if k, ok := DetectKind(e.Value); ok && k == KindHelmValues {
			keys = append(keys, e.Key)
		}
	}
	return keys
}

// extractUmbrella makes one Helm values document per collector subchart of
// an umbrella chart's values. Each document's Source is the subchart's
// values (positions stay those of the file) and its ConfigPath starts with
// the subchart's key, so findings point into the file at the nested place.
// Helm v3.22 coalesces a parent's values for a subchart over the
// subchart's defaults like top-level values (pkg/chartutil coalesceDeps):
// a null deletes a chart default there too, which the chart model does.
func extractUmbrella(doc *Document, keys []string, opts Options) []*Document {
	var out []*Document
	for _, key := range keys {
		e := doc.Source.Entry(key)
		d := *doc
		d.Problems = append([]Problem(nil), doc.Problems...)
		d.Source = e.Value
		d.Name = fmt.Sprintf("Helm values of subchart %s", key)
		if en := e.Value.Get("enabled"); en != nil && en.Kind == ScalarNode && strings.EqualFold(en.Value, "false") {
			d.Problems = append(d.Problems, Problem{Code: CodeInputSkipped, Pos: e.KeyPos, Path: key,
				Message: fmt.Sprintf("subchart %s is disabled (%s.enabled: false): not checked", key, key)})
			out = append(out, &d)
			continue
		}
		extractHelm(&d, opts)
		d.Name = fmt.Sprintf("Helm values of subchart %s", key)
		d.ConfigPath = key + ".config"
		for i, p := range d.Problems[len(doc.Problems):] {
			if p.Path != "" && !strings.HasPrefix(p.Path, key+".") {
				d.Problems[len(doc.Problems)+i].Path = key + "." + p.Path
			}
		}
		out = append(out, &d)
	}
	return out
}

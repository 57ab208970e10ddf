package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// lokiHints are the attributes the loki exporter read as instructions
// (pkg/translator/loki of collector-contrib: hintAttributes, hintResources,
// hintTenant, hintFormat), with what each one did.
var lokiHints = map[string]string{
	"loki.attribute.labels": "turned the log attributes it names into Loki labels",
	"loki.resource.labels":  "turned the resource attributes it names into Loki labels",
	"loki.format":           "wrote the log line in the format it names (json, logfmt or raw)",
	"loki.tenant":           "sent the value of the attribute it names as the tenant (X-Scope-OrgID)",
}

// lokiHintInstead says what takes each hint's place with Loki's OTLP
// ingestion.
var lokiHintInstead = map[string]string{
	"loki.attribute.labels": "Loki's OTLP endpoint picks index labels itself from resource attributes (service.name and the like) and keeps log attributes as structured metadata; change that on Loki's side, with limits_config.otlp_config",
	"loki.resource.labels":  "Loki's OTLP endpoint picks index labels itself from resource attributes (service.name, service.namespace, k8s.* and the like); choose others on Loki's side, with limits_config.otlp_config (index_label)",
	"loki.format":           "Loki's OTLP endpoint stores the log body as the line and attributes as structured metadata, with no format to choose",
	"loki.tenant":           "send the tenant as an X-Scope-OrgID header: headers on the otlp_http exporter for a fixed tenant, the headers_setter extension for one taken from the request",
}

// hintActionLists are the processors that insert attributes with a list
// of actions, and the key of that list.
var hintActionLists = map[string]string{"attributes": "actions", "resource": "attributes"}

// hintAction is one action that sets a loki.* hint.
type hintAction struct {
	c     *config.Component
	index int
	item  *config.Node
	key   *config.Node // the action's key: value
}

// LokiHintAttributes reports loki.* hint attributes inserted by the
// attributes and resource processors, which nothing reads since the loki
// exporter was removed.
var LokiHintAttributes = register(&lint.Rule{
	ID:       "loki-hint-attributes",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A processor inserts loki.* hint attributes that nothing reads any more",
		Text: "The removed loki exporter took instructions from attributes: `loki.attribute.labels` and `loki.resource.labels` named the attributes to turn into Loki labels, `loki.format` chose the line format, `loki.tenant` the attribute holding the tenant. " +
			"Guides had the attributes and resource processors insert them. Nothing reads them since the loki exporter was removed (v0.131.0): with Loki's OTLP endpoint (`otlp_http` to `http://LOKI:3100/otlp`, what removed-component's fix migrates to), they arrive as plain attributes and are stored as structured metadata, and the labels they asked for are not created. " +
			"Loki's OTLP ingestion picks index labels itself from resource attributes (service.name, service.namespace, k8s.* and the like); to change which, configure `limits_config.otlp_config` on Loki's side. For the tenant, set an `X-Scope-OrgID` header (`headers` on the exporter, or the headers_setter extension).\n\n" +
			"`otelcfg lint --fix` deletes the actions that set hints; a processor left with no other action is deleted with its pipeline references (an attributes or resource processor without actions is refused by the collector).",
		Bad:  "processors:\n  resource:\n    attributes:\n      - action: insert\n        key: loki.resource.labels\n        value: service.name\n      - action: upsert\n        key: deployment.environment.name\n        value: prod\n",
		Good: "processors:\n  resource:\n    attributes:\n      - action: upsert\n        key: deployment.environment.name\n        value: prod\n",
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil || lokiExporterRead(pass) {
			return nil
		}
		hints := lokiHintActions(pass)
		// A processor whose every action sets a hint goes entirely.
		total := map[*config.Component]int{}
		count := map[*config.Component]int{}
		for _, h := range hints {
			count[h.c]++
			total[h.c] = len(h.c.Node.Get(hintActionLists[h.c.Type]).Items)
		}
		gone := func(c *config.Component) bool { return count[c] > 0 && count[c] == total[c] && editable(pass, c) }
		removed := ""
		if r, ok := pass.Catalog.Removed(catalog.Exporter, "loki"); ok {
			removed = " (removed in " + r.RemovedIn + ")"
		}
		for _, h := range hints {
			name := h.key.Value
			msg := fmt.Sprintf("%s %q inserts %s, a hint for the loki exporter%s, which %s; nothing reads it now: %s", h.c.Type, h.c.ID, name, removed, lokiHints[name], lokiHintInstead[name])
			f := lint.Finding{Pos: h.key.Pos, Path: fmt.Sprintf("%s.%s[%d].key", h.c.Path, hintActionLists[h.c.Type], h.index), Message: msg}
			if editable(pass, h.c) {
				if gone(h.c) {
					f.Fix = &lint.Fix{Message: fmt.Sprintf("delete %s %q: it only sets loki.* hints", h.c.Section[:len(h.c.Section)-1], h.c.ID),
						Edits: removeEdits(pass, h.c, gone)}
				} else if len(h.item.Entries) > 0 {
					f.Fix = &lint.Fix{Message: "delete the action that inserts " + name,
						Edits: []lint.Edit{lint.DeleteItemEdit(h.item.Pos, h.item.Entries[0].Key)}}
				}
			}
			if f.Fix != nil {
				f.Message += "; --fix will " + f.Fix.Message
			}
			pass.Report(f)
		}
		return nil
	},
})

// lokiExporterRead reports whether a loki exporter the collector still has
// reads the hints (never, since the catalog's release removed it).
func lokiExporterRead(pass *lint.Pass) bool {
	if _, ok := pass.Catalog.Lookup(catalog.Exporter, "loki"); !ok {
		return false
	}
	for _, c := range pass.Collector.Components["exporters"] {
		if c.Type == "loki" {
			return true
		}
	}
	return false
}

// lokiHintActions finds the actions of attributes and resource processors
// that set a loki.* hint (insert, update or upsert).
func lokiHintActions(pass *lint.Pass) []hintAction {
	var out []hintAction
	for _, c := range pass.Collector.Components["processors"] {
		listKey, ok := hintActionLists[c.Type]
		if !ok {
			continue
		}
		list := c.Node.Get(listKey)
		if list == nil || list.Kind != config.SeqNode {
			continue
		}
		for i, item := range list.Items {
			key := item.Get("key")
			if key == nil || key.Kind != config.ScalarNode || lokiHints[key.Value] == "" {
				continue
			}
			switch action := item.Get("action"); {
			case action == nil || action.Kind != config.ScalarNode:
			case action.Value == "insert", action.Value == "update", action.Value == "upsert":
				out = append(out, hintAction{c: c, index: i, item: item, key: key})
			}
		}
	}
	return out
}

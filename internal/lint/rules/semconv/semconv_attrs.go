package semconv

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// attrUse is an attribute key a processor sets, reads, matches or deletes;
// the semconv-* rules check them against the semantic-conventions registry.
type attrUse struct {
	Comp  *config.Component
	Key   string
	Pos   config.Pos
	Path  string
	Write bool         // the processor sets the key
	Del   bool         // the processor deletes the key
	Value *config.Node // the value an attributes/resource action writes
	// Closed marks keys the component validates itself (k8s_attributes
	// metadata): a typo there is the component's error, not a semconv one.
	Closed bool
}

// attrUses collects the attribute keys of attributes, resource, filter,
// transform, groupbyattrs, k8s_attributes and redaction processors, in
// file order, the user's only (chart defaults and presets are skipped).
func attrUses(pass *lint.Pass) []attrUse {
	if pass.Collector == nil {
		return nil
	}
	var out []attrUse
	add := func(c *config.Component, n *config.Node, path string, u attrUse) {
		if n == nil || n.Kind != config.ScalarNode || !ruleutil.UserNode(n) || n.Value == "" {
			return
		}
		u.Comp, u.Key, u.Pos, u.Path = c, n.Value, n.Pos, path
		out = append(out, u)
	}
	for _, c := range pass.Collector.Components["processors"] {
		switch ruleutil.CanonType(pass, c, catalog.Processor) {
		case "attributes", "resource":
			key := "actions"
			if ruleutil.CanonType(pass, c, catalog.Processor) == "resource" {
				key = "attributes"
			}
			for i, a := range items(c.Node.Get(key)) {
				p := fmt.Sprintf("%s.%s[%d]", c.Path, key, i)
				action := strings.ToLower(valueOf(a.Get("action")))
				u := attrUse{Write: action == "insert" || action == "update" || action == "upsert", Del: action == "delete"}
				if u.Write {
					u.Value = a.Get("value")
				}
				add(c, a.Get("key"), p+".key", u)
				add(c, a.Get("from_attribute"), p+".from_attribute", attrUse{})
			}
			for _, ie := range []string{"include", "exclude"} {
				for _, list := range []string{"attributes", "resources"} {
					for i, a := range items(c.Node.Get(ie).Get(list)) {
						add(c, a.Get("key"), fmt.Sprintf("%s.%s.%s[%d].key", c.Path, ie, list, i), attrUse{})
					}
				}
			}
		case "groupbyattrs":
			for i, k := range items(c.Node.Get("keys")) {
				add(c, k, fmt.Sprintf("%s.keys[%d]", c.Path, i), attrUse{})
			}
		case "k8s_attributes":
			ex := c.Node.Get("extract")
			for i, k := range items(ex.Get("metadata")) {
				add(c, k, fmt.Sprintf("%s.extract.metadata[%d]", c.Path, i), attrUse{Write: true, Closed: true})
			}
			for _, l := range []string{"labels", "annotations"} {
				for i, f := range items(ex.Get(l)) {
					add(c, f.Get("tag_name"), fmt.Sprintf("%s.extract.%s[%d].tag_name", c.Path, l, i), attrUse{Write: true})
				}
			}
		case "redaction":
			for _, l := range []string{"allowed_keys", "ignored_keys"} {
				for i, k := range items(c.Node.Get(l)) {
					add(c, k, fmt.Sprintf("%s.%s[%d]", c.Path, l, i), attrUse{})
				}
			}
		}
	}
	for _, s := range ruleutil.OTTLStrings(pass) {
		if s.Res.Err != nil {
			continue
		}
		for _, a := range s.Res.Attrs {
			out = append(out, attrUse{Comp: s.Comp, Key: a.Key, Pos: ruleutil.OTTLPos(s.Node, a.Offset), Path: s.Path, Write: a.Target})
		}
	}
	return out
}

func items(n *config.Node) []*config.Node {
	if n == nil || n.Kind != config.SeqNode {
		return nil
	}
	return n.Items
}

// valueOf is a scalar's text, "" for anything else.
func valueOf(n *config.Node) string {
	if n == nil || n.Kind != config.ScalarNode {
		return ""
	}
	return n.Value
}

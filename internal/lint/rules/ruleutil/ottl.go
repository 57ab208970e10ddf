package ruleutil

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/ottl"
)

// OTTLString is one OTTL statement or condition of a filter or transform
// processor.
type OTTLString struct {
	Comp *config.Component
	Node *config.Node
	Path string
	Kind ottl.Kind
	Res  ottl.Result
}

// ottlLists are where the filter and transform processors of v0.158.0 take
// OTTL (processor/{filter,transform}processor config.go): the key of a list,
// the kind of its strings, and whether its items may be context groups
// ({context, statements, conditions}).
var ottlLists = map[string][]struct {
	path   string
	kind   ottl.Kind
	groups bool
}{
	"transform": {
		{"trace_statements", ottl.Statement, true}, {"metric_statements", ottl.Statement, true},
		{"log_statements", ottl.Statement, true}, {"profile_statements", ottl.Statement, true},
	},
	"filter": {
		{"trace_conditions", ottl.Condition, true}, {"metric_conditions", ottl.Condition, true},
		{"log_conditions", ottl.Condition, true}, {"profile_conditions", ottl.Condition, true},
		{"traces.span", ottl.Condition, false}, {"traces.spanevent", ottl.Condition, false}, {"traces.resource", ottl.Condition, false},
		{"metrics.metric", ottl.Condition, false}, {"metrics.datapoint", ottl.Condition, false}, {"metrics.resource", ottl.Condition, false},
		{"logs.log_record", ottl.Condition, false}, {"logs.resource", ottl.Condition, false},
		{"profiles.profile", ottl.Condition, false}, {"profiles.resource", ottl.Condition, false},
	},
}

// OTTLStrings returns every OTTL string the user wrote in filter and
// transform processors, lexed. Strings holding an unresolved ${...}
// reference are skipped: the collector expands it first.
func OTTLStrings(pass *lint.Pass) []OTTLString {
	var out []OTTLString
	if pass.Collector == nil {
		return nil
	}
	for _, c := range pass.Collector.Components["processors"] {
		lists := ottlLists[CanonType(pass, c, catalog.Processor)]
		for _, l := range lists {
			n, path := c.Node, c.Path
			for _, k := range strings.Split(l.path, ".") {
				n, path = n.Get(k), path+"."+k
			}
			if n == nil || n.Kind != config.SeqNode {
				continue
			}
			for i, it := range n.Items {
				ip := config.IndexPath(path, i)
				switch {
				case it.Kind == config.ScalarNode:
					out = appendOTTL(out, c, it, ip, l.kind)
				case it.Kind == config.MapNode && l.groups:
					for _, sub := range []struct {
						key  string
						kind ottl.Kind
					}{{"statements", ottl.Statement}, {"conditions", ottl.Condition}} {
						if c.Section != "processors" || CanonType(pass, c, catalog.Processor) == "filter" && sub.key == "statements" {
							continue
						}
						list := it.Get(sub.key)
						if list == nil || list.Kind != config.SeqNode {
							continue
						}
						for j, s := range list.Items {
							if s.Kind == config.ScalarNode {
								out = appendOTTL(out, c, s, fmt.Sprintf("%s.%s[%d]", ip, sub.key, j), sub.kind)
							}
						}
					}
				}
			}
		}
	}
	return out
}

func appendOTTL(out []OTTLString, c *config.Component, n *config.Node, path string, kind ottl.Kind) []OTTLString {
	if !UserNode(n) || n.Tag != "!!str" {
		return out
	}
	return append(out, OTTLString{Comp: c, Node: n, Path: path, Kind: kind, Res: ottl.Parse(n.Value, kind)})
}

// OTTLPos is the position of byte off of the OTTL string in n: for a block
// scalar (`|`), the line within it; otherwise the string's own position
// (the message gives the character).
func OTTLPos(n *config.Node, off int) config.Pos {
	p := n.Pos
	if n.Literal && n.Pos.IsValid() && off <= len(n.Value) {
		p.Line += 1 + strings.Count(n.Value[:off], "\n")
	}
	return p
}

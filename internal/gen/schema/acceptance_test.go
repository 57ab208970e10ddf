package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/gen/modzip"
	"github.com/otelcfg/otelcfg/internal/schemacheck"
	"github.com/otelcfg/otelcfg/schema"
)

// knownInvalid lists testdata entries that upstream tests use as
// deliberately invalid (the collector rejects them too: at decode time, in
// Validate(), or when it builds a pipeline that uses the component),
// keyed "class/type testdata-key". Reviewed by hand; the test fails when an
// entry here is accepted or no longer exists.
var knownInvalid = map[string]string{
	// Used by upstream TestFailedLoadConfig, which expects
	// "'protocols' has invalid keys: thrift_htttp".
	"receiver/jaeger jaeger/typo_default_proto_config": "upstream test expects 'protocols' has invalid keys: thrift_htttp",
	"receiver/jaeger jaeger/bad_proto_config":          "upstream test expects 'protocols' has invalid keys: thrift_htttp",
	// Entries no upstream test reads at v0.158.0 (stale testdata); the
	// collector's decoding rejects them as well.
	"exporter/coralogix coralogix/trace":                  "unused upstream; endpoint is not a key at the top level of the exporter's Config (it lives under domain_settings, traces, metrics, logs)",
	"exporter/load_balancing load_balancing/3":            "unused upstream; resolver.dns.port is a string field and 55690 is an int ('port' expected type 'string', got unconvertible type 'int')",
	"processor/transform transform/with_shared_cache_key": "unused upstream; shared_cache is not a key of the statements config",
	"receiver/kafka kafka/legacy_topic":                   "unused upstream; the singular topic key was removed in favour of topics",
	// Rejected by a hand-kept overlay (schema/overlays): the component's
	// Validate() rejects them, and upstream tests expect exactly that error.
	"exporter/file file":                             "upstream TestLoadConfig expects Validate() to fail with \"path must be non-empty\"",
	"exporter/file file/format_error":                "upstream TestLoadConfig expects \"format type is not supported\"",
	"exporter/file file/compression_error":           "upstream TestLoadConfig expects \"compression is not supported\"",
	"extension/headers_setter headers_setter":        "upstream TestLoadConfig expects errMissingHeadersConfig (\"missing headers configuration\")",
	"extension/oauth2client oauth2client/missingurl": "upstream TestLoadConfig expects errNoTokenURLProvided",
	// Rejected by an overlay for a check the collector makes when it builds
	// a pipeline that uses the component (Validate() passes; upstream only
	// tests decoding with them).
	"exporter/prometheus prometheus":           "the default config (null): the factory refuses its blank endpoint (\"expecting a non-blank address\")",
	"exporter/load_balancing load_balancing/5": "no resolver: newLoadBalancer refuses it (errNoResolver); upstream reads it only for sending_queue",
}

var (
	cacheOnce sync.Once
	cache     *modzip.Cache
)

func modules() *modzip.Cache {
	cacheOnce.Do(func() { cache = modzip.NewCache(nil) })
	return cache
}

// compile builds the definition of one component from the embedded files.
func compile(ctx *cue.Context, c schema.Component) (cue.Value, error) {
	var b strings.Builder
	b.WriteString("package schema\n")
	for _, f := range append(append([]string(nil), c.Deps...), c.File) {
		data, err := fs.ReadFile(schema.FS, f)
		if err != nil {
			return cue.Value{}, err
		}
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, "package ") {
				b.WriteString(l + "\n")
			}
		}
	}
	v := ctx.CompileString(b.String())
	if v.Err() != nil {
		return v, v.Err()
	}
	return v.LookupPath(cue.ParsePath(c.Def)), nil
}

// toNode converts a YAML node to the config tree the linter validates, so
// that the data reaches CUE through schemacheck.Expr exactly as in a lint
// run (a null is _: it keeps the default; a whole-value ${...} is _). repl,
// when set, replaces the node at path.
func toNode(n *yaml.Node, path []string, at []string, repl *config.Node) *config.Node {
	if repl != nil && equalPath(path, at) {
		return repl
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.DocumentNode:
		return toNode(n.Content[0], path, at, repl)
	case yaml.MappingNode:
		m := &config.Node{Kind: config.MapNode, Tag: "!!map"}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			m.Entries = append(m.Entries, &config.Entry{Key: k, Value: toNode(n.Content[i+1], append(path, k), at, repl)})
		}
		return m
	case yaml.SequenceNode:
		l := &config.Node{Kind: config.SeqNode, Tag: "!!seq"}
		for i, c := range n.Content {
			l.Items = append(l.Items, toNode(c, append(path, strconv.Itoa(i)), at, repl))
		}
		return l
	}
	if n.Tag == "!!null" {
		return &config.Node{Kind: config.NullNode, Tag: "!!null", Value: n.Value}
	}
	return &config.Node{Kind: config.ScalarNode, Tag: n.Tag, Value: n.Value}
}

// scalar is a config scalar of the given YAML tag.
func scalar(tag, value string) *config.Node {
	return &config.Node{Kind: config.ScalarNode, Tag: tag, Value: value}
}

// hole stands for any value (a whole-value placeholder, which
// schemacheck.Expr reads as _).
var hole = scalar("!!str", "${env:OTELCFG_HOLE}")

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// leaves lists the paths of scalar, sequence and empty-map values of n.
func leaves(n *yaml.Node, path []string, out *[][]string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case n.Kind == yaml.MappingNode && len(n.Content) > 0:
		for i := 0; i+1 < len(n.Content); i += 2 {
			leaves(n.Content[i+1], append(append([]string(nil), path...), n.Content[i].Value), out)
		}
	case n.Kind == yaml.SequenceNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode:
		for i, c := range n.Content {
			leaves(c, append(append([]string(nil), path...), strconv.Itoa(i)), out)
		}
	default:
		*out = append(*out, path)
	}
}

func cuePath(p []string) cue.Path {
	var sels []cue.Selector
	for _, s := range p {
		if i, err := strconv.Atoi(s); err == nil {
			sels = append(sels, cue.Index(i))
		} else {
			sels = append(sels, cue.Str(s))
		}
	}
	return cue.MakePath(sels...)
}

// wrongValue picks a value of a kind the schema does not allow at a place
// whose allowed kinds are k, and says what it is; nil when every kind is
// allowed.
func wrongValue(k cue.Kind) (*config.Node, string) {
	wrongMap := func() *config.Node {
		return &config.Node{Kind: config.MapNode, Tag: "!!map", Entries: []*config.Entry{{Key: "otelcfg_wrong_type", Value: scalar("!!int", "1")}}}
	}
	switch {
	case k&cue.StructKind == 0:
		return wrongMap(), "{otelcfg_wrong_type: 1}"
	case k&cue.ListKind == 0:
		return &config.Node{Kind: config.SeqNode, Tag: "!!seq", Items: []*config.Node{wrongMap()}}, "[{otelcfg_wrong_type: 1}]"
	case k&cue.BoolKind == 0:
		return scalar("!!bool", "true"), "true"
	case k&cue.StringKind == 0:
		return scalar("!!str", "otelcfg-wrong-type"), `"otelcfg-wrong-type"`
	case k&cue.NumberKind == 0:
		return scalar("!!int", "1"), "1"
	}
	return nil, ""
}

type entry struct {
	key  string // "class/type testdata-key"
	node *yaml.Node
}

// testdataEntries returns the entries of a component in its module's
// testdata/config.yaml: under the class section when there is one, else at
// the top level, whose type part is the component's type or an alias.
func testdataEntries(t *testing.T, c *catalog.Component, dir string) ([]entry, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "testdata", "config.yaml"))
	if err != nil {
		return nil, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		t.Logf("%s: testdata/config.yaml: %v", c.Module, err)
		return nil, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, false
	}
	find := func(m *yaml.Node, k string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				return m.Content[i+1]
			}
		}
		return nil
	}
	if s := find(root, c.Class.Section()); s != nil && s.Kind == yaml.MappingNode {
		root = s
	}
	names := map[string]bool{c.Type: true}
	for _, a := range c.DeprecatedTypes {
		names[a] = true
	}
	var out []entry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i].Value
		typ, _, _ := strings.Cut(k, "/")
		if names[strings.TrimSpace(typ)] {
			out = append(out, entry{key: string(c.Class) + "/" + c.Type + " " + k, node: root.Content[i+1]})
		}
	}
	return out, true
}

// TestUpstreamExamples is the acceptance test: every generated
// definition accepts the upstream component's own testdata/config.yaml
// entries (except the reviewed knownInvalid ones), and rejects each accepted
// entry with an unknown key added and with a typed field given a wrong type.
func TestUpstreamExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the module zips (Go module proxy)")
	}
	cat := catalog.Default()
	keys := make([]string, 0, len(schema.Components))
	for k := range schema.Components {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ctx := cuecontext.New()
	seenInvalid := map[string]bool{}
	var nComp, nFiles, nAccepted, nInvalid, nTyped, nUntyped int
	for _, key := range keys {
		sc := schema.Components[key]
		class, typ, _ := strings.Cut(key, "/")
		c, ok := cat.Lookup(catalog.Class(class), typ)
		if !ok || c.Type != typ {
			t.Errorf("%s: not a current type in the catalog", key)
			continue
		}
		nComp++
		d, err := modules().Get(context.Background(), sc.Module, sc.Version)
		if err != nil || d.Error != "" {
			t.Errorf("%s: download %s@%s: %v %s", key, sc.Module, sc.Version, err, d.Error)
			continue
		}
		entries, ok := testdataEntries(t, c, d.Dir)
		if !ok {
			continue
		}
		nFiles++
		def, err := compile(ctx, sc)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		data := func(n *config.Node) cue.Value {
			e, err := schemacheck.Expr(n)
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			return ctx.BuildExpr(e)
		}
		check := func(n *config.Node) error {
			v := data(n)
			if v.Err() != nil {
				return v.Err()
			}
			return concreteErrors(def.Unify(v).Validate(cue.Concrete(true)))
		}
		for _, e := range entries {
			n := e.node
			if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
				n = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			}
			err := check(toNode(n, nil, nil, nil))
			if reason, listed := knownInvalid[e.key]; listed {
				seenInvalid[e.key] = true
				if err == nil {
					t.Errorf("%s: listed as invalid (%s) but accepted: remove it from knownInvalid", e.key, reason)
				} else {
					nInvalid++
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: rejected: %s", e.key, cueerrors.Details(err, nil))
				continue
			}
			nAccepted++
			// Mutation 1: an unknown key.
			if n.Kind == yaml.MappingNode {
				unknown := toNode(n, nil, nil, nil)
				unknown.Entries = append(unknown.Entries, &config.Entry{Key: "otelcfg_unknown_key", Value: scalar("!!int", "1")})
				if check(unknown) == nil {
					t.Errorf("%s: accepted with an unknown key", e.key)
				}
			}
			// Mutation 2: the first typed leaf gets a value of a wrong kind.
			var ls [][]string
			leaves(n, nil, &ls)
			mutated := false
			for _, p := range ls {
				if len(p) == 0 {
					continue
				}
				k := def.Unify(data(toNode(n, nil, p, hole))).LookupPath(cuePath(p)).IncompleteKind()
				wn, w := wrongValue(k)
				if wn == nil || k == cue.BottomKind {
					continue
				}
				if check(toNode(n, nil, p, wn)) == nil {
					t.Errorf("%s: accepted with %s = %s (schema allows %v)", e.key, strings.Join(p, "."), w, k)
				}
				mutated = true
				break
			}
			if mutated {
				nTyped++
			} else {
				nUntyped++
			}
		}
	}
	for k := range knownInvalid {
		if !seenInvalid[k] {
			t.Errorf("knownInvalid entry %q is stale: no such testdata entry", k)
		}
	}
	t.Logf("%d components with a schema, %d with testdata/config.yaml: %d entries accepted, %d known invalid; wrong-type mutation on %d entries (%d have no typed leaf)",
		nComp, nFiles, nAccepted, nInvalid, nTyped, nUntyped)
}

// concreteErrors drops "incomplete value" errors: a whole-value ${...}
// reference is _ and may stand for any value of the field.
func concreteErrors(err error) error {
	if err == nil {
		return nil
	}
	var keep []cueerrors.Error
	for _, e := range cueerrors.Errors(err) {
		if !strings.Contains(e.Error(), "incomplete value") {
			keep = append(keep, e)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	var l cueerrors.Error
	for _, e := range keep {
		l = cueerrors.Append(l, e)
	}
	return l
}

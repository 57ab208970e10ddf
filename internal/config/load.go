package config

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Options control how inputs are read.
type Options struct {
	// Kind forces the input kind; empty means detect it per document.
	Kind Kind
	// Env gives values to ${env:VAR} references (from --env/--env-file).
	// Variables not in Env stay symbolic: a config is not wrong because the
	// linting machine lacks a variable.
	Env    map[string]string
	Limits Limits
	// Stdin is what the input "-" reads.
	Stdin io.Reader
	// FeatureGates the collector runs with (its --feature-gates), recorded
	// on every document.
	FeatureGates map[string]bool
	// HelmRender turns a Helm values document into the collector config the
	// chart renders. Nil means Helm values are read without chart defaults.
	HelmRender HelmRenderer
}

// HelmRenderer models the opentelemetry-collector chart (see package chart).
type HelmRenderer func(values *Node, file string) (*HelmResult, error)

// HelmResult is what a HelmRenderer produces.
type HelmResult struct {
	Config *Node
	Mode   string
	Env    []string // variables the chart defines in the pod
	Notes  []Problem
}

// LoadFile reads path ("-" for opts.Stdin) with ReadInput and returns one
// Document per collector configuration found in it. An error means the file
// could not be read at all; problems inside it are recorded on the documents.
func LoadFile(path string, opts Options) ([]*Document, error) {
	in, err := ReadInput(path, opts.Stdin, opts.Limits)
	if err != nil {
		return nil, err
	}
	return LoadBytes(in.Name, in.Data, opts)
}

// LoadBytes is LoadFile on data already read.
func LoadBytes(file string, data []byte, opts Options) ([]*Document, error) {
	if err := checkText(file, data); err != nil {
		return nil, err
	}
	lim := opts.Limits.withDefaults()
	raws := parseYAML(data, converter{file: file, lim: lim})
	var docs []*Document
	lines := splitLines(data)
	for _, rd := range raws {
		if rd.limit != nil {
			return nil, rd.limit
		}
		doc := &Document{File: file, Index: rd.index, Source: rd.node, Problems: rd.problems, FeatureGates: opts.FeatureGates}
		if rd.node == nil { // syntax error: nothing more can be read
			doc.Kind = opts.Kind
			if doc.Kind == "" {
				doc.Kind = KindConfig
			}
			docs = append(docs, doc)
			continue
		}
		if rd.node.Kind == NullNode {
			// An empty document (between `---` separators, or a file of
			// only `---`): yaml.v3 places it past the end of the text, so
			// it is dropped here and an all-empty file is reported below.
			continue
		}
		docs = append(docs, extract(doc, lines, opts, lim)...)
	}
	if len(docs) == 0 {
		docs = append(docs, &Document{File: file, Kind: KindConfig, Problems: []Problem{{
			Code: CodeInputSkipped, Pos: Pos{File: file, Line: 1, Col: 1},
			Message: "file is empty: nothing to check"}}})
	}
	for _, d := range docs {
		if d.limit != nil {
			return nil, d.limit
		}
		if d.Config != nil {
			expand(d, opts, lim)
		}
	}
	return docs, nil
}

// splitLines splits data at YAML line breaks (CRLF, CR, LF, NEL, LS, PS),
// so that line i+1 is the line yaml.v3 calls i+1.
func splitLines(data []byte) []string {
	// By hand rather than with a regexp Split: the regexp keeps every match's
	// indexes, hundreds of MiB for a file of millions of short lines.
	text := string(data)
	lines := make([]string, 0, bytes.Count(data, []byte("\n"))+1)
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\r' && i+1 < len(text) && text[i+1] == '\n':
			size = 2
		case r == '\r' || r == '\n' || r == '\u0085' || r == '\u2028' || r == '\u2029':
		default:
			i += size
			continue
		}
		lines = append(lines, text[start:i])
		i += size
		start = i
	}
	return append(lines, text[start:])
}

// DetectKind tells what a YAML document is from its top-level keys.
func DetectKind(n *Node) (Kind, bool) {
	if n == nil || n.Kind != MapNode {
		return "", false
	}
	api, kind := scalar(n.Get("apiVersion")), scalar(n.Get("kind"))
	switch {
	case kind == "OpenTelemetryCollector" && strings.HasPrefix(api, "opentelemetry.io/"):
		return KindOperatorCR, true
	case kind == "ConfigMap" && api == "v1":
		return KindConfigMap, true
	case kind == "Instrumentation" && strings.HasPrefix(api, "opentelemetry.io/"):
		return KindInstrumentation, true
	case api != "" && kind != "":
		return "", false // some other Kubernetes resource
	}
	// An umbrella chart's values: the collector chart's under its key.
	if len(umbrellaKeys(n)) > 0 {
		return KindHelmValues, true
	}
	// Component sections only occur in collector configs. `service` occurs
	// in both (the chart's Kubernetes Service settings), so Helm keys are
	// looked at before it.
	for _, k := range []string{"receivers", "exporters", "processors", "connectors", "extensions"} {
		if n.Get(k) != nil {
			return KindConfig, true
		}
	}
	for _, k := range []string{"mode", "config", "alternateConfig", "image", "presets", "ports", "useGOMEMLIMIT"} {
		if n.Entry(k) != nil {
			return KindHelmValues, true
		}
	}
	if n.Get("service") != nil {
		return KindConfig, true
	}
	return "", false
}

func scalar(n *Node) string {
	if n == nil || n.Kind != ScalarNode {
		return ""
	}
	return n.Value
}

// extract finds the collector config(s) in a document of any kind.
func extract(doc *Document, lines []string, opts Options, lim Limits) []*Document {
	src := doc.Source
	kind := opts.Kind
	if kind == "" {
		k, ok := DetectKind(src)
		if !ok {
			doc.Kind = KindConfig
			msg := "not a collector config, Helm values file, OpenTelemetryCollector or ConfigMap: not checked"
			if k8s := scalar(src.Get("kind")); k8s != "" {
				msg = fmt.Sprintf("Kubernetes %s %s: not checked (otelcfg checks collector configs, Helm values, OpenTelemetryCollector resources and ConfigMaps)", scalar(src.Get("apiVersion")), k8s)
			} else if src.Kind != MapNode {
				msg = fmt.Sprintf("document is a %s, not a map: not a collector config; use --kind to say what it is", src.Kind)
			}
			doc.Problems = append(doc.Problems, Problem{Code: CodeInputSkipped, Pos: src.Pos, Message: msg})
			return []*Document{doc}
		}
		kind = k
	}
	doc.Kind = kind
	switch kind {
	case KindConfig:
		doc.Config = src
	case KindOperatorCR:
		extractCR(doc, lines, lim)
	case KindConfigMap:
		return extractConfigMap(doc, lines, lim)
	case KindHelmValues:
		if keys := umbrellaKeys(src); len(keys) > 0 {
			return extractUmbrella(doc, keys, opts)
		}
		extractHelm(doc, opts)
	case KindInstrumentation:
		// Checked by the instrumentation rules on Source; Config stays nil.
		doc.Name = "Instrumentation " + qualifiedName(src.Get("metadata"))
		doc.Facts = map[string]string{"apiVersion": scalar(src.Get("apiVersion"))}
	default:
		doc.Problems = append(doc.Problems, Problem{Code: CodeInputSkipped, Pos: src.Pos, Message: fmt.Sprintf("unknown kind %q", kind)})
	}
	return []*Document{doc}
}

func extractCR(doc *Document, lines []string, lim Limits) {
	src := doc.Source
	api := scalar(src.Get("apiVersion"))
	doc.Facts = map[string]string{"apiVersion": api}
	meta := src.Get("metadata")
	doc.Name = "OpenTelemetryCollector " + qualifiedName(meta)
	spec := src.Get("spec")
	doc.Facts["mode"] = scalar(spec.Get("mode"))
	doc.ConfigPath = "spec.config"
	cfg := spec.Get("config")
	if cfg == nil {
		doc.Problems = append(doc.Problems, Problem{Code: CodeInvalidStructure, Pos: src.Pos, Path: "spec.config",
			Message: "OpenTelemetryCollector has no spec.config: add the collector configuration"})
		return
	}
	if cfg.Kind == ScalarNode {
		doc.Config = parseEmbedded(doc, cfg, lines, lim)
	} else {
		doc.Config = cfg
	}
	doc.DefinedEnv = envNames(spec.Get("env"))
}

func qualifiedName(meta *Node) string {
	name, ns := scalar(meta.Get("name")), scalar(meta.Get("namespace"))
	if name == "" {
		name = "(unnamed)"
	}
	if ns != "" {
		return ns + "/" + name
	}
	return name
}

// envNames lists the names of a container env list ([{name: X, value: ...}]).
func envNames(list *Node) []string {
	var out []string
	if list == nil {
		return nil
	}
	for _, it := range list.Items {
		if n := scalar(it.Get("name")); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// configMapKeys are the data keys under which the chart (`relay`) and the
// operator (`collector.yaml`) store the config: they are checked even when
// they do not parse, other keys only when they hold a collector config.
var configMapKeys = map[string]bool{"relay": true, "collector.yaml": true}

func extractConfigMap(doc *Document, lines []string, lim Limits) []*Document {
	data := doc.Source.Get("data")
	name := "ConfigMap " + qualifiedName(doc.Source.Get("metadata"))
	var out []*Document
	for _, e := range entriesOf(data) {
		if e.Value.Kind != ScalarNode {
			continue
		}
		d := *doc
		d.Name = name + " data." + e.Key
		d.ConfigPath = "data." + e.Key
		d.Problems = append([]Problem(nil), doc.Problems...)
		cfg := parseEmbedded(&d, e.Value, lines, lim)
		if d.limit != nil {
			return []*Document{&d}
		}
		if k, ok := DetectKind(cfg); !configMapKeys[e.Key] && (!ok || k != KindConfig) {
			continue // not every ConfigMap key holds a collector config
		}
		d.Config = cfg
		out = append(out, &d)
	}
	if len(out) == 0 {
		doc.Name = name
		doc.Problems = append(doc.Problems, Problem{Code: CodeInputSkipped, Pos: doc.Source.Pos,
			Message: name + " holds no collector config (no data key whose value has receivers/exporters/service): not checked"})
		return []*Document{doc}
	}
	return out
}

func entriesOf(n *Node) []*Entry {
	if n == nil || n.Kind != MapNode {
		return nil
	}
	return n.Entries
}

func extractHelm(doc *Document, opts Options) {
	doc.Name = "Helm values"
	doc.ConfigPath = "config"
	if opts.HelmRender == nil {
		doc.Config = doc.Source.Get("config")
		return
	}
	res, err := opts.HelmRender(doc.Source, doc.File)
	if err != nil {
		doc.Problems = append(doc.Problems, Problem{Code: CodeInvalidStructure, Pos: doc.Source.Pos, Path: "config", Message: err.Error()})
		return
	}
	doc.Config = res.Config
	doc.Facts = map[string]string{"mode": res.Mode}
	doc.DefinedEnv = append(doc.DefinedEnv, res.Env...)
	doc.Problems = append(doc.Problems, res.Notes...)
}

// parseEmbedded parses a config held in a string (v1alpha1 spec.config,
// ConfigMap data). For a block scalar (`|`) each line of the string is a
// line of the file, so positions are mapped exactly; for other styles every
// position is the string's own.
func parseEmbedded(doc *Document, s *Node, lines []string, lim Limits) *Node {
	base := converter{file: doc.File, lim: lim}
	if s.Literal {
		base.line, base.colShift = blockOffset(s, lines)
	}
	base.unmapped = base.line == 0
	raws := parseYAML([]byte(s.Value), base)
	if len(raws) == 0 {
		return &Node{Kind: NullNode, Pos: s.Pos}
	}
	rd := raws[0]
	if rd.limit != nil {
		doc.limit = rd.limit
		return nil
	}
	for _, p := range rd.problems {
		if base.unmapped {
			p.Pos = s.Pos
		}
		doc.Problems = append(doc.Problems, p)
	}
	if rd.node != nil && base.unmapped {
		rd.node.SetOrigin("", s.Pos)
	}
	return rd.node
}

// blockOffset returns the file line of the first line of block scalar s
// and the indentation the block strips, or 0, 0 when the text cannot be
// matched to the file. The indentation is measured on the first non-blank
// line as the file's leading spaces minus the string's: with an indentation
// indicator (`|2`) the string keeps some of the spaces.
func blockOffset(s *Node, lines []string) (line, shift int) {
	first := s.Pos.Line + 1
	for i, sl := range strings.Split(s.Value, "\n") {
		if strings.TrimLeft(sl, " ") == "" {
			continue
		}
		l := first + i
		if l > len(lines) || !strings.HasSuffix(lines[l-1], sl) {
			return 0, 0
		}
		return first, leadingSpaces(lines[l-1]) - leadingSpaces(sl)
	}
	return first, 0 // blank text: no position inside it is ever reported
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

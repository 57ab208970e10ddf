package simtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/simulate"
	"github.com/otelcfg/otelcfg/internal/simulate/recording"

	"cuelang.org/go/cue"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"gopkg.in/yaml.v3"
)

// A test file (otelcfg test) is YAML: a list of tests, each
//
//	- name: health checks are dropped
//	  config: ../gateway.yaml          # relative to the test file
//	  signal: traces                   # optional: replay only this signal; reads protobuf inputs
//	  env: {MY_POD_IP: 10.0.0.1}       # ${env:VAR} values (nothing else is taken from the environment)
//	  inputs:
//	    - traces.jsonl                 # a file: OTLP JSON lines or documents, protobuf, gzip
//	    - file: traces.pb
//	      signal: traces
//	    - otlp: {resourceSpans: [...]} # inline OTLP JSON (YAML mapping or a JSON string)
//	  expect:
//	    - exporter: otlp/trace         # signal: optional
//	      count: 2
//	      present: [http.route]        # on every item (its attributes or its resource's)
//	      absent: [user.email]         # on no item
//	      items:                       # CUE constraints on every item (testcue.go)
//	        attributes["user.email"]: _|_
//	        name: =~"^POST "
//	      any_item:                    # … all held by some item
//	        status.code: '"Error"'
//	    - pipeline: traces
//	      stage: filter/health         # optional: without it, what the pipeline sends on
//	      count: 2                     # items out of the stage
//	      dropped: 1
//	      absent: [user.email]         # present, absent, items, any_item: on what
//	                                   # the stage hands on (captured for the test)
//	    - no_output_from: [debug]
//
// A *.cue file holds the same tests in `tests: [...]` (testcuefile.go).

// FileError is a test file that cannot be used; it names the file and
// line.
type FileError struct {
	File string
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Case is one test of a test file.
type Case struct {
	File    string
	Line    int
	Name    string
	Config  string
	Signal  string
	Env     map[string]string
	Inputs  []testInput
	Expect  []*Expectation
	batches []recording.Batch // inline inputs
}

type testInput struct {
	path, signal string
	line         int
}

// Expectation is one entry of a test's expect list.
type Expectation struct {
	Line     int
	Exporter string
	Signal   string
	Pipeline string
	Stage    string
	Count    *int64
	In       *int64
	Dropped  *int64
	Present  []string
	Absent   []string
	// Items holds CUE constraints every item received satisfies; AnyItem,
	// constraints some item satisfies (all of them).
	Items        *ItemConstraints
	AnyItem      *ItemConstraints
	NoOutputFrom []string
}

// Load reads and checks a test file; every problem found is
// returned (joined TestFileErrors).
func Load(path string) ([]*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: path, Msg: err.Error()}
	}
	return Parse(path, data)
}

type tparser struct {
	file string
	dir  string
	errs []error
	ctx  *cue.Context // compiles item constraints; one per file
	// cueValues are the items and any_item structs of a .cue test file,
	// by the placeholder node that stands for them.
	cueValues map[*yaml.Node]cueItems
	cueOrder  []*yaml.Node
}

func (p *tparser) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, &FileError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Parse parses a test file held in data; path names it and
// anchors its relative paths. A path ending in .cue is a CUE test file
// (see parseCUETestFile), anything else YAML.
func Parse(path string, data []byte) ([]*Case, error) {
	p := &tparser{file: path, dir: filepath.Dir(path)}
	if strings.HasSuffix(path, ".cue") {
		return p.parseCUE(data)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		line := 0
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			// "yaml: line 3: ..." → file:3
			if _, err := fmt.Sscanf(msg, "yaml: line %d:", &line); err == nil {
				msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
				msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			}
		}
		return nil, &FileError{File: path, Line: line, Msg: "not YAML: " + msg}
	}
	if len(doc.Content) == 0 {
		return nil, &FileError{File: path, Msg: "no tests in the file"}
	}
	root := doc.Content[0]
	var items []*yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		items = root.Content
	case yaml.MappingNode:
		items = []*yaml.Node{root}
	default:
		return nil, &FileError{File: path, Line: root.Line, Msg: "want a list of tests"}
	}
	return p.tests(root, items)
}

// tests reads the tests of a file (the items of root).
func (p *tparser) tests(root *yaml.Node, items []*yaml.Node) ([]*Case, error) {
	var tests []*Case
	names := map[string]int{}
	for _, n := range items {
		tc := p.test(n)
		if tc == nil {
			continue
		}
		if prev, ok := names[tc.Name]; ok {
			p.errorf(n, "a second test named %q (the first is at line %d)", tc.Name, prev)
		}
		names[tc.Name] = tc.Line
		tests = append(tests, tc)
	}
	if len(items) == 0 {
		p.errorf(root, "no tests in the file")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return tests, nil
}

// err joins the errors found, in line order.
func (p *tparser) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	sort.SliceStable(p.errs, func(i, j int) bool {
		return p.errs[i].(*FileError).Line < p.errs[j].(*FileError).Line
	})
	return errors.Join(p.errs...)
}

func (p *tparser) mapping(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s: want a mapping", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, a := range allowed {
			ok = ok || a == k.Value
		}
		if !ok {
			p.errorf(k, "%s: unknown key %q (want %s)", what, k.Value, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.errorf(k, "%s: %q given twice", what, k.Value)
		}
		out[k.Value] = v
	}
	return out
}

// keyNode is the key node of k in mapping n.
func keyNode(n *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i]
		}
	}
	return n
}

func (p *tparser) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s: want a string", what)
		return ""
	}
	return n.Value
}

func (p *tparser) strs(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{p.str(n, what)}
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s: want a list of strings", what)
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if s := p.str(c, what); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *tparser) int(n *yaml.Node, what string) *int64 {
	if n == nil {
		return nil
	}
	var v int64
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || v < 0 {
		p.errorf(n, "%s: want a number, 0 or more", what)
		return nil
	}
	return &v
}

func (p *tparser) signal(n *yaml.Node) string {
	s := p.str(n, "signal")
	if s != "" && s != "traces" && s != "metrics" && s != "logs" {
		p.errorf(n, "signal %q: want traces, metrics or logs", s)
		return ""
	}
	return s
}

func (p *tparser) path(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(p.dir, rel)
}

func (p *tparser) test(n *yaml.Node) *Case {
	m := p.mapping(n, "test", "name", "config", "signal", "env", "inputs", "expect")
	if m == nil {
		return nil
	}
	tc := &Case{File: p.file, Line: n.Line, Name: p.str(m["name"], "name"), Env: map[string]string{}}
	if tc.Name == "" {
		p.errorf(n, "test: missing name")
	}
	if c := p.str(m["config"], "config"); c != "" {
		tc.Config = p.path(c)
		if _, err := os.Stat(tc.Config); err != nil {
			p.errorf(m["config"], "config: %v", err)
		}
	} else {
		p.errorf(n, "test %q: missing config", tc.Name)
	}
	tc.Signal = p.signal(m["signal"])
	if e := m["env"]; e != nil {
		if e.Kind != yaml.MappingNode {
			p.errorf(e, "env: want a mapping of variable names to values")
		} else {
			for i := 0; i+1 < len(e.Content); i += 2 {
				tc.Env[e.Content[i].Value] = p.str(e.Content[i+1], "env "+e.Content[i].Value)
			}
		}
	}
	if in := m["inputs"]; in == nil || in.Kind != yaml.SequenceNode || len(in.Content) == 0 {
		at := n
		if in != nil {
			at = in
		}
		p.errorf(at, "test %q: inputs: want a list of files or inline otlp", tc.Name)
	} else {
		for _, c := range in.Content {
			p.input(tc, c)
		}
	}
	if ex := m["expect"]; ex == nil || ex.Kind != yaml.SequenceNode || len(ex.Content) == 0 {
		at := n
		if ex != nil {
			at = ex
		}
		p.errorf(at, "test %q: expect: want a list of expectations", tc.Name)
	} else {
		for _, c := range ex.Content {
			if e := p.expectation(c); e != nil {
				tc.Expect = append(tc.Expect, e)
			}
		}
	}
	return tc
}

func (p *tparser) input(tc *Case, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		if f := p.str(n, "input"); f != "" {
			p.inputFile(tc, n, f, "")
		}
		return
	}
	m := p.mapping(n, "input", "file", "signal", "otlp")
	if m == nil {
		return
	}
	sig := p.signal(m["signal"])
	if sig == "" {
		sig = tc.Signal
	}
	switch {
	case m["file"] != nil && m["otlp"] != nil:
		p.errorf(n, "input: give file or otlp, not both")
	case m["file"] != nil:
		if f := p.str(m["file"], "file"); f != "" {
			p.inputFile(tc, m["file"], f, sig)
		}
	case m["otlp"] != nil:
		o := m["otlp"]
		var data []byte
		if o.Kind == yaml.ScalarNode {
			data = []byte(o.Value)
		} else {
			var v any
			if err := o.Decode(&v); err != nil {
				p.errorf(o, "otlp: %v", err)
				return
			}
			var err error
			if data, err = json.Marshal(jsonable(v)); err != nil {
				p.errorf(o, "otlp: %v", err)
				return
			}
		}
		b, err := recording.ReadAs(fmt.Sprintf("%s:%d", p.file, o.Line), data, "")
		if err != nil {
			msg := err.Error()
			var ie *recording.InputError
			if errors.As(err, &ie) {
				msg = ie.Err.Error()
			}
			p.errorf(o, "otlp: %s", msg)
			return
		}
		tc.batches = append(tc.batches, b...)
	default:
		p.errorf(n, "input: want file or otlp")
	}
}

// jsonable turns what yaml.v3 decodes into values encoding/json accepts.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	}
	return v
}

func (p *tparser) inputFile(tc *Case, n *yaml.Node, f, sig string) {
	path := p.path(f)
	if st, err := os.Stat(path); err != nil {
		p.errorf(n, "input: %v", err)
		return
	} else if st.IsDir() {
		p.errorf(n, "input %s: is a directory", path)
		return
	}
	if sig == "" {
		sig = tc.Signal
	}
	tc.Inputs = append(tc.Inputs, testInput{path: path, signal: sig, line: n.Line})
}

func (p *tparser) expectation(n *yaml.Node) *Expectation {
	m := p.mapping(n, "expect", "exporter", "signal", "pipeline", "stage", "count", "in", "dropped", "present", "absent", "items", "any_item", "no_output_from")
	if m == nil {
		return nil
	}
	e := &Expectation{
		Line:         n.Line,
		Exporter:     p.str(m["exporter"], "exporter"),
		Signal:       p.signal(m["signal"]),
		Pipeline:     p.str(m["pipeline"], "pipeline"),
		Stage:        p.str(m["stage"], "stage"),
		Count:        p.int(m["count"], "count"),
		In:           p.int(m["in"], "in"),
		Dropped:      p.int(m["dropped"], "dropped"),
		Present:      p.strs(m["present"], "present"),
		Absent:       p.strs(m["absent"], "absent"),
		NoOutputFrom: p.strs(m["no_output_from"], "no_output_from"),
	}
	if m["exporter"] != nil || m["pipeline"] != nil {
		if v := m["items"]; v != nil {
			e.Items = p.itemConstraints("items", keyNode(n, "items"), v)
		}
		if v := m["any_item"]; v != nil {
			e.AnyItem = p.itemConstraints("any_item", keyNode(n, "any_item"), v)
		}
	}
	kinds := 0
	for _, k := range []string{"exporter", "pipeline", "no_output_from"} {
		if m[k] != nil {
			kinds++
		}
	}
	switch {
	case kinds != 1:
		p.errorf(n, "expect: give one of exporter, pipeline or no_output_from")
	case m["exporter"] != nil:
		if m["stage"] != nil || m["in"] != nil || m["dropped"] != nil {
			p.errorf(n, "expect: stage, in and dropped go with pipeline, not exporter")
		}
		if e.Count == nil && len(e.Present) == 0 && len(e.Absent) == 0 && m["items"] == nil && m["any_item"] == nil {
			p.errorf(n, "expect exporter %s: give count, present, absent, items or any_item", e.Exporter)
		}
	case m["pipeline"] != nil:
		if m["signal"] != nil {
			p.errorf(n, "expect: signal goes with exporter (a pipeline has one signal)")
		}
		if e.Count == nil && e.In == nil && e.Dropped == nil && len(e.Present) == 0 && len(e.Absent) == 0 && m["items"] == nil && m["any_item"] == nil {
			p.errorf(n, "expect pipeline %s: give count, in, dropped, present, absent, items or any_item", e.Pipeline)
		}
	default:
		for k := range m {
			if k != "no_output_from" && k != "signal" {
				p.errorf(m[k], "expect: %s does not go with no_output_from", k)
			}
		}
	}
	return e
}

// Result is the outcome of one test.
type Result struct {
	File     string     `json:"file"`
	Line     int        `json:"line"`
	Name     string     `json:"name"`
	Passed   bool       `json:"passed"`
	Failures []*Failure `json:"failures,omitempty"`
	// Error is a test that could not run: its config cannot be replayed
	// (BadTest false) or it names something the config does not have
	// (BadTest true).
	Error   string `json:"error,omitempty"`
	BadTest bool   `json:"bad_test,omitempty"`
}

// Failure is an expectation that did not hold.
type Failure struct {
	Line     int    `json:"line"`
	What     string `json:"what"`
	Expected string `json:"expected"`
	Received string `json:"received"`
	// For items and any_item: the constraint (expression: constraint, or
	// all of them joined with "; " for any_item), how many items failed of
	// how many, and the first few failing items.
	Constraint string `json:"constraint,omitempty"`
	// ConstraintLine is the line of the constraint (items) or of any_item.
	ConstraintLine int            `json:"constraint_line,omitempty"`
	FailedItems    int            `json:"failed_items,omitempty"`
	TotalItems     int            `json:"total_items,omitempty"`
	Items          []*ItemFailure `json:"items,omitempty"`
}

// RunTest replays tc and checks its expectations.
func Run(ctx context.Context, tc *Case) *Result {
	tr := &Result{File: tc.File, Line: tc.Line, Name: tc.Name}
	batches := append([]recording.Batch(nil), tc.batches...)
	for _, in := range tc.Inputs {
		b, err := recording.ReadFileAs(in.path, in.signal)
		if err != nil {
			tr.Error, tr.BadTest = (&FileError{File: tc.File, Line: in.line, Msg: "input: " + err.Error()}).Error(), true
			return tr
		}
		batches = append(batches, b...)
	}
	// Stages with expectations on their items are captured.
	var capture []simulate.StageRef
	for _, e := range tc.Expect {
		if e.Pipeline != "" && (len(e.Present) > 0 || len(e.Absent) > 0 || e.Items != nil || e.AnyItem != nil) {
			capture = append(capture, simulate.StageRef{Pipeline: e.Pipeline, Stage: e.Stage})
		}
	}
	res, err := simulate.Run(ctx, simulate.Options{Config: tc.Config, Batches: batches, Signal: tc.Signal, Env: tc.Env, Capture: capture})
	if err != nil {
		tr.Error = err.Error()
		return tr
	}
	if len(res.Failures) > 0 {
		// What the exporters received is incomplete: nothing to check.
		msgs := make([]string, len(res.Failures))
		for i, f := range res.Failures {
			msgs[i] = f.String()
		}
		tr.Error = "the replay failed: " + strings.Join(msgs, "; ")
		return tr
	}
	for _, e := range tc.Expect {
		fs, err := check(res, e)
		if err != nil {
			tr.Error, tr.BadTest = (&FileError{File: tc.File, Line: e.Line, Msg: err.Error()}).Error(), true
			return tr
		}
		tr.Failures = append(tr.Failures, fs...)
	}
	tr.Passed = len(tr.Failures) == 0
	return tr
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unitSingular(unit)
	}
	return fmt.Sprintf("%d %s", n, unit)
}

func exporterIDs(res *simulate.Result) string {
	seen := map[string]bool{}
	var ids []string
	for _, x := range res.Exporters {
		if !seen[x.ID] {
			seen[x.ID] = true
			ids = append(ids, x.ID)
		}
	}
	return strings.Join(ids, ", ")
}

func check(res *simulate.Result, e *Expectation) ([]*Failure, error) {
	switch {
	case len(e.NoOutputFrom) > 0:
		return checkNoOutput(res, e)
	case e.Pipeline != "":
		return checkPipeline(res, e)
	}
	return checkExporter(res, e)
}

// checkNoOutput checks a no_output_from expectation.
func checkNoOutput(res *simulate.Result, e *Expectation) ([]*Failure, error) {
	var out []*Failure
	for _, id := range e.NoOutputFrom {
		found := false
		for _, x := range res.Exporters {
			if x.ID != id || (e.Signal != "" && x.Signal != e.Signal) {
				continue
			}
			found = true
			if x.Items > 0 {
				out = append(out, e.failure("no_output_from "+id, "nothing", fmt.Sprintf("%s (%s) in %d batches", plural(int64(x.Items), x.Unit), x.Signal, x.Batches)))
			}
		}
		if !found {
			return nil, fmt.Errorf("no_output_from: the config has no exporter %s (exporters: %s)", id, exporterIDs(res))
		}
	}
	return out, nil
}

// checkPipeline checks an expectation on a pipeline or one of its stages.
func checkPipeline(res *simulate.Result, e *Expectation) ([]*Failure, error) {
	var p *simulate.PipelineResult
	var ids []string
	for _, c := range res.Pipelines {
		ids = append(ids, c.ID)
		if c.ID == e.Pipeline {
			p = c
		}
	}
	if p == nil {
		return nil, fmt.Errorf("the config has no pipeline %s (pipelines: %s)", e.Pipeline, strings.Join(ids, ", "))
	}
	if len(p.Stages) == 0 {
		return nil, fmt.Errorf("pipeline %s is not simulated", e.Pipeline)
	}
	what := "pipeline " + p.ID
	in, out, dropped := p.Stages[0].In, p.Out, p.Stages[0].In-p.Out
	var st *simulate.Stage
	if e.Stage != "" {
		var names []string
		for _, s := range p.Stages {
			if s.Kind == "processor" {
				names = append(names, s.Component)
			}
			if s.Component == e.Stage && s.Kind == "processor" {
				st = s
			}
		}
		if st == nil {
			return nil, fmt.Errorf("pipeline %s has no processor %s (processors: %s)", p.ID, e.Stage, strings.Join(names, ", "))
		}
		what += " stage " + st.Component
		in, out, dropped = st.In, st.Out, st.Dropped
	}
	var fs []*Failure
	for _, c := range []struct {
		name string
		want *int64
		got  int64
	}{{"in", e.In, in}, {"count", e.Count, out}, {"dropped", e.Dropped, dropped}} {
		if c.want != nil && *c.want != c.got {
			fs = append(fs, e.failure(what+" "+c.name, plural(*c.want, p.Unit), plural(c.got, p.Unit)))
		}
	}
	lines := p.Lines
	if st != nil {
		lines = st.Lines
	}
	items, err := linesItems(what, lines, e.Items != nil || e.AnyItem != nil)
	if err != nil {
		return nil, err
	}
	return append(fs, checkAttrs(e, items, what, p.Unit)...), nil
}

// checkExporter checks an expectation on what an exporter received.
func checkExporter(res *simulate.Result, e *Expectation) ([]*Failure, error) {
	var xs []*simulate.ExporterResult
	for _, x := range res.Exporters {
		if x.ID == e.Exporter && (e.Signal == "" || x.Signal == e.Signal) {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		if e.Signal != "" {
			return nil, fmt.Errorf("exporter %s is in no %s pipeline (exporters: %s)", e.Exporter, e.Signal, exporterIDs(res))
		}
		return nil, fmt.Errorf("the config has no exporter %s (exporters: %s)", e.Exporter, exporterIDs(res))
	}
	what := "exporter " + e.Exporter
	unitOf := xs[0].Unit
	if len(xs) > 1 {
		unitOf = "items"
	} else {
		what += " (" + xs[0].Signal + ")"
	}
	var fs []*Failure
	if e.Count != nil {
		var got int64
		var per []string
		for _, x := range xs {
			got += int64(x.Items)
			per = append(per, fmt.Sprintf("%s %d", x.Signal, x.Items))
		}
		if got != *e.Count {
			r := plural(got, unitOf)
			if len(xs) > 1 {
				r += " (" + strings.Join(per, ", ") + ")"
			}
			fs = append(fs, e.failure(what+" count", plural(*e.Count, unitOf), r))
		}
	}
	models := e.Items != nil || e.AnyItem != nil
	if len(e.Present) == 0 && len(e.Absent) == 0 && !models {
		return fs, nil
	}
	var items []item
	for _, x := range xs {
		its, err := linesItems("exporter "+x.ID, x.Lines, models)
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
	}
	return append(fs, checkAttrs(e, items, what, unitOf)...), nil
}

// failure is a failed expectation: what was expected and what was received.
func (e *Expectation) failure(what, exp, got string) *Failure {
	return &Failure{Line: e.Line, What: what, Expected: exp, Received: got}
}

// checkAttrs checks present, absent, items and any_item on items.
func checkAttrs(e *Expectation, items []item, what, unitOf string) []*Failure {
	var fs []*Failure
	for _, k := range e.Present {
		var missing []item
		for _, it := range items {
			if !it.has(k) {
				missing = append(missing, it)
			}
		}
		switch {
		case len(items) == 0:
			fs = append(fs, e.failure(what+" present "+k, "on every item", "no items"))
		case len(missing) > 0:
			fs = append(fs, e.failure(what+" present "+k, fmt.Sprintf("on every %s", unitSingular(unitOf)),
				fmt.Sprintf("missing on %d of %d, e.g. %s", len(missing), len(items), missing[0].desc)))
		}
	}
	for _, k := range e.Absent {
		var with []item
		for _, it := range items {
			if it.has(k) {
				with = append(with, it)
			}
		}
		if len(with) > 0 {
			v := with[0].value(k)
			fs = append(fs, e.failure(what+" absent "+k, fmt.Sprintf("on no %s", unitSingular(unitOf)),
				fmt.Sprintf("on %d of %d, e.g. %s with %s=%s", len(with), len(items), with[0].desc, k, v)))
		}
	}
	for _, ics := range []*ItemConstraints{e.Items, e.AnyItem} {
		if ics != nil {
			fs = append(fs, checkItems(ics, items, e.Line, what, unitOf)...)
		}
	}
	return fs
}

func unitSingular(u string) string {
	switch u {
	case "spans":
		return "span"
	case "log records":
		return "log record"
	case "data points":
		return "data point"
	}
	return "item"
}

// item is one span, data point or log record with its resource; fields is
// its model for item constraints (set when asked for).
type item struct {
	attrs, res pcommon.Map
	desc       string
	fields     map[string]any
}

func (it *item) model() map[string]any { return it.fields }

func (it item) has(k string) bool {
	_, ok := it.attrs.Get(k)
	if !ok {
		_, ok = it.res.Get(k)
	}
	return ok
}

func (it item) value(k string) string {
	v, ok := it.attrs.Get(k)
	if !ok {
		v, _ = it.res.Get(k)
	}
	s := v.AsString()
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func service(res pcommon.Map) string {
	if v, ok := res.Get("service.name"); ok {
		return " of service " + v.AsString()
	}
	return ""
}

// linesItems reads back captured OTLP JSON lines (an exporter's, a
// stage's); with models, each
// item carries its model for item constraints.
func linesItems(name string, lines [][]byte, models bool) ([]item, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	bs, err := recording.Read(name, bytes.Join(lines, []byte("\n")))
	if err != nil {
		return nil, err
	}
	var out []item
	for _, b := range bs {
		switch b.Signal {
		case "traces":
			for _, rs := range b.Traces.ResourceSpans().All() {
				r := rs.Resource().Attributes()
				for _, ss := range rs.ScopeSpans().All() {
					for _, sp := range ss.Spans().All() {
						it := item{attrs: sp.Attributes(), res: r, desc: fmt.Sprintf("span %q%s", sp.Name(), service(r))}
						if models {
							it.fields = spanModel(sp, r, ss.Scope())
						}
						out = append(out, it)
					}
				}
			}
		case "logs":
			for _, rl := range b.Logs.ResourceLogs().All() {
				r := rl.Resource().Attributes()
				for _, sl := range rl.ScopeLogs().All() {
					for _, lr := range sl.LogRecords().All() {
						body := lr.Body().AsString()
						if len(body) > 40 {
							body = body[:37] + "..."
						}
						it := item{attrs: lr.Attributes(), res: r, desc: fmt.Sprintf("log record %q%s", body, service(r))}
						if models {
							it.fields = logModel(lr, r, sl.Scope())
						}
						out = append(out, it)
					}
				}
			}
		case "metrics":
			for _, rm := range b.Metrics.ResourceMetrics().All() {
				r := rm.Resource().Attributes()
				for _, sm := range rm.ScopeMetrics().All() {
					for _, m := range sm.Metrics().All() {
						var fields []map[string]any
						if models {
							fields = pointModels(m, r, sm.Scope())
						}
						for i, a := range pointAttrs(m) {
							it := item{attrs: a, res: r, desc: fmt.Sprintf("data point of %s%s", m.Name(), service(r))}
							if i < len(fields) {
								it.fields = fields[i]
							}
							out = append(out, it)
						}
					}
				}
			}
		}
	}
	return out, nil
}

func pointAttrs(m pmetric.Metric) []pcommon.Map {
	var out []pcommon.Map
	for _, dp := range recording.DataPoints(m) {
		out = append(out, dp.Attributes())
	}
	return out
}

// Sort orders results by file, then line.
func Sort(rs []*Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].File != rs[j].File {
			return rs[i].File < rs[j].File
		}
		return rs[i].Line < rs[j].Line
	})
}

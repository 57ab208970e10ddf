package simtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/otelcfg/otelcfg/internal/simulate"
	"github.com/otelcfg/otelcfg/internal/simulate/recording"
	"github.com/otelcfg/otelcfg/internal/simulate/synth"
)

// testYAML is a test file with one test whose expectation is expect (YAML,
// indented as an item of expect).
func testYAML(expect string) string {
	return `- name: t
  config: ../../../testdata/simulate/redaction.yaml
  inputs: [../../../testdata/simulate/logs.jsonl]
  expect:
` + expect
}

func parseExpect(t *testing.T, expect string) *Expectation {
	t.Helper()
	tcs, err := Parse("t.yaml", []byte(testYAML(expect)))
	if err != nil {
		t.Fatalf("%v", err)
	}
	return tcs[0].Expect[0]
}

// Item constraints in YAML: the example literally, the other
// forms, and what each compiles to.
func TestItemConstraintsParse(t *testing.T) {
	e := parseExpect(t, `    - exporter: otlp/backend
      items:
        attributes["user.email"]: _|_
        resource["service.name"]: '"checkout"'
        name: =~"^POST "
        attributes["http.response.status_code"]?: '>=200 & <300'
        status.code: '"Ok" | "Error"'
        len(events): '>0'
        events[0].name: string
      any_item: |
        attributes: "user.email"?: _|_
        resource: "service.name": "checkout"
        scope: name: "demo"
`)
	var got []string
	for _, c := range e.Items.Constraints {
		got = append(got, fmt.Sprintf("%d %s absent=%v optional=%v plain=%v", c.Line, c, c.Absent, c.Optional, c.path != nil))
	}
	want := []string{
		`7 attributes["user.email"]: _|_ absent=true optional=false plain=true`,
		`8 resource["service.name"]: "checkout" absent=false optional=false plain=true`,
		`9 name: =~"^POST " absent=false optional=false plain=true`,
		`10 attributes["http.response.status_code"]?: >=200 & <300 absent=false optional=true plain=true`,
		`11 status.code: "Ok" | "Error" absent=false optional=false plain=true`,
		`12 len(events): >0 absent=false optional=false plain=false`,
		`13 events[0].name: string absent=false optional=false plain=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = nil
	for _, c := range e.AnyItem.Constraints {
		got = append(got, fmt.Sprintf("%d %s absent=%v", c.Line, c, c.Absent))
	}
	want = []string{
		`15 attributes["user.email"]: _|_ absent=true`,
		`16 resource["service.name"]: "checkout" absent=false`,
		`17 scope.name: "demo" absent=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || !e.AnyItem.Any || e.Items.Any {
		t.Errorf("any_item:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A bad constraint is a bad test file: file:line at the key, with what is
// wrong.
func TestItemConstraintsParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, expect, want string
	}{
		{"expression syntax", "    - exporter: debug\n      items:\n        attributes[\"user.email\": _|_\n",
			`t.yaml:7: items: attributes\["user.email": not a CUE expression: expected ']'`},
		{"unknown field", "    - exporter: debug\n      items:\n        atributes[\"x\"]: string\n",
			`t.yaml:7: items: atributes\["x"\]: an item has no field "atributes" \(fields: attributes, body,`},
		{"unknown reference", "    - exporter: debug\n      items:\n        len(atrs): '>0'\n",
			`t.yaml:7: items: len\(atrs\): reference "atrs" not found`},
		{"constraint syntax", "    - exporter: debug\n      items:\n        name: '=~\"^x'\n",
			`t.yaml:7: items: name: constraint =~"\^x: not CUE: string literal not terminated`},
		{"string without CUE quotes", "    - exporter: debug\n      items:\n        name: \"checkout\"\n",
			`t.yaml:7: items: name: constraint checkout: reference "checkout" not found \(a CUE string needs its own quotes inside YAML's: '"checkout"'\)`},
		{"constraint always fails", "    - exporter: debug\n      items:\n        severity_number: 1 & 2\n",
			`t.yaml:7: items: severity_number: constraint 1 & 2: conflicting values 2 and 1`},
		{"no constraint", "    - exporter: debug\n      items:\n        kind:\n",
			`t.yaml:7: items: kind: want a CUE constraint`},
		{"empty", "    - exporter: debug\n      items: {}\n",
			`t.yaml:6: items: no constraints`},
		{"list", "    - exporter: debug\n      items: [name]\n",
			`t.yaml:6: items: want a mapping of CUE expressions`},
		{"struct text syntax", "    - exporter: debug\n      items: |\n        attributes: {\n          b: =~\n        }\n",
			`t.yaml:9: items: not CUE: expected operand, found '}'`},
		{"struct text field", "    - exporter: debug\n      any_item: |\n        name: string\n        atributes: x: 1\n",
			`t.yaml:8: any_item: an item has no field "atributes"`},
		{"struct text conflict", "    - exporter: debug\n      items: 'name: \"x\" & \"y\"'\n",
			`t.yaml:6: items: name: conflicting values "y" and "x"`},
		{"signal on a pipeline", "    - pipeline: traces\n      signal: traces\n      items: {name: string}\n",
			`t.yaml:5: expect: signal goes with exporter \(a pipeline has one signal\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(testYAML(tc.expect)))
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("got %v\nwant /%s/", err, tc.want)
			}
		})
	}
}

const spansJSON = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"payment"}}]},"scopeSpans":[{"scope":{"name":"demo","version":"1.2"},"spans":[` +
	`{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"POST /charge","kind":2,"startTimeUnixNano":"1000","endTimeUnixNano":"3500","status":{"code":2,"message":"declined"},` +
	`"attributes":[{"key":"user.email","value":{"stringValue":"ann@example.com"}},{"key":"http.response.status_code","value":{"intValue":"402"}},{"key":"retry","value":{"boolValue":true}},{"key":"ratio","value":{"doubleValue":0.5}},{"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"2"}]}}},{"key":"obj","value":{"kvlistValue":{"values":[{"key":"k","value":{"intValue":"1"}}]}}}],` +
	`"events":[{"name":"exception","timeUnixNano":"2000","attributes":[{"key":"exception.type","value":{"stringValue":"Declined"}}]}]},` +
	`{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174","name":"GET /cards","kind":3,"startTimeUnixNano":"1100","endTimeUnixNano":"1200",` +
	`"attributes":[{"key":"http.response.status_code","value":{"intValue":"200"}}]}]}]}]}`

const logsJSON = `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},"scopeLogs":[{"scope":{"name":"demo"},"logRecords":[` +
	`{"timeUnixNano":"10","severityNumber":9,"severityText":"INFO","body":{"stringValue":"order placed"},"attributes":[{"key":"user.email","value":{"stringValue":"bob@example.com"}}]},` +
	`{"timeUnixNano":"20","severityNumber":17,"severityText":"ERROR","body":{"kvlistValue":{"values":[{"key":"msg","value":{"stringValue":"payment failed"}}]}},"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}`

const metricsJSON = `{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},"scopeMetrics":[{"scope":{"name":"demo"},"metrics":[` +
	`{"name":"queue.depth","unit":"{item}","gauge":{"dataPoints":[{"timeUnixNano":"1","asInt":"3"},{"timeUnixNano":"2","asDouble":4.5}]}},` +
	`{"name":"requests","sum":{"isMonotonic":true,"aggregationTemporality":2,"dataPoints":[{"asInt":"7","attributes":[{"key":"route","value":{"stringValue":"/cart"}}]}]}},` +
	`{"name":"latency","unit":"s","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"4","sum":1.5,"bucketCounts":["1","3"],"explicitBounds":[0.5]}]}}]}]}]}`

func exporterResult(id, signal, unit string, lines ...string) *simulate.Result {
	x := &simulate.ExporterResult{ID: id, Signal: signal, Unit: unit}
	for _, l := range lines {
		x.Lines = append(x.Lines, []byte(l))
	}
	if len(lines) == 0 {
		return &simulate.Result{Exporters: []*simulate.ExporterResult{x}}
	}
	bs, err := recording.Read("test", []byte(strings.Join(lines, "\n")))
	if err != nil {
		panic(err)
	}
	for _, b := range bs {
		x.Items += b.Items()
	}
	return &simulate.Result{Exporters: []*simulate.ExporterResult{x}}
}

// The item model of each signal, as CUE expressions see it.
func TestItemModel(t *testing.T) {
	for _, tc := range []struct {
		res  *simulate.Result
		exp  string
		want []string // constraint: failing items (none: every item passes)
	}{
		{exporterResult("otlp/x", "traces", "spans", spansJSON), "otlp/x", []string{
			`name: "POST /charge" | "GET /cards"`,
			`kind: "Server" | "Client"`,
			`resource: {"service.name": "payment"}`,
			`scope: {name: "demo"}`,
			`trace_id: "5b8efff798038103d269b633813fc60c"`,
			`span_id: =~"^eee19b7ec3c1b17[45]$"`,
			`parent_span_id: "" | "eee19b7ec3c1b174"`,
			`start_time: >=1000`,
			`duration: 2500 | 100`,
			`events: [...{name: "exception", time: 2000, attributes: "exception.type": "Declined"}]`,
			`links: []`,
			`attributes: "http.response.status_code": int`,
			`attributes: "ratio"?: 0.5`,
			`attributes: "retry"?: true`,
			`attributes: "tags"?: ["a", 2]`,
			`status: {code: "Error" | "Unset", message: "declined" | ""}`,
		}},
		{exporterResult("debug", "logs", "log records", logsJSON), "debug", []string{
			`body: "order placed" | {msg: "payment failed"}`,
			`severity_text: "INFO" | "ERROR"`,
			`severity_number: 9 | 17`,
			`time: 10 | 20`,
			`trace_id: "" | "5b8efff798038103d269b633813fc60c"`,
			`resource: "service.name": "checkout"`,
			`event_name: ""`,
		}},
		{exporterResult("prom", "metrics", "data points", metricsJSON), "prom", []string{
			`metric: name: "queue.depth" | "requests" | "latency"`,
			`metric: type: "Gauge" | "Sum" | "Histogram"`,
			`value?: 3 | 4.5 | 7`,
			`count?: 4`,
			`sum?: 1.5`,
			`bucket_counts?: [1, 3]`,
			`explicit_bounds?: [0.5]`,
			`metric: temporality?: "Cumulative" | "Delta"`,
			`metric: monotonic?: true`,
			`resource: "service.name": "checkout"`,
		}},
	} {
		for _, c := range tc.want {
			t.Run(tc.exp+" "+c, func(t *testing.T) {
				e := parseExpect(t, fmt.Sprintf("    - exporter: %s\n      items: %q\n", tc.exp, c))
				fs, err := check(tc.res, e)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					t.Errorf("%s", f.text(""))
				}
			})
		}
	}
}

func failuresText(fs []*Failure) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.text(""))
	}
	return b.String()
}

// Each kind of constraint, passing and failing, with the report of a
// failure: the constraint, how many items failed of how many, and the
// first failing items with what they have.
func TestItemConstraintsCheck(t *testing.T) {
	spans := exporterResult("otlp/x", "traces", "spans", spansJSON)
	for _, tc := range []struct {
		name, expect string
		want         string // "" passes
	}{
		{"absent passes", "items:\n  attributes[\"no.such\"]: _|_", ""},
		{"absent fails", "items:\n  attributes[\"user.email\"]: _|_",
			"exporter otlp/x (traces) items attributes[\"user.email\"] (line 5, constraint at line 7)\n" +
				"  expected: every span: attributes[\"user.email\"]: _|_ (no value)\n" +
				"  received: failed on 1 of 2 spans\n" +
				"    - span \"POST /charge\" of service payment: got \"ann@example.com\"\n"},
		{"bounds fail", "items:\n  attributes[\"http.response.status_code\"]: '>=200 & <300'",
			"  received: failed on 1 of 2 spans\n" +
				"    - span \"POST /charge\" of service payment: got 402 (invalid value 402 (out of bound <300))\n"},
		{"required fails where missing", "items:\n  attributes[\"user.email\"]: string",
			"    - span \"GET /cards\" of service payment: no value\n"},
		{"optional passes where missing", "items:\n  attributes[\"user.email\"]?: =~\"@example.com$\"", ""},
		{"optional fails where set", "items:\n  attributes[\"user.email\"]?: =~\"@corp$\"",
			"    - span \"POST /charge\" of service payment: got \"ann@example.com\" (invalid value \"ann@example.com\" (out of bound =~\"@corp$\"))\n"},
		{"disjunction fails", "items:\n  kind: '\"Server\"'",
			"    - span \"GET /cards\" of service payment: got \"Client\" (conflicting values \"Server\" and \"Client\")\n"},
		{"type fails", "items:\n  attributes[\"http.response.status_code\"]: string",
			"  received: failed on 2 of 2 spans\n    - span \"POST /charge\" of service payment: got 402 (conflicting values 402 and string (mismatched types int and string))\n"},
		{"expression passes", "items:\n  len(attributes): '>0'\n  end_time - start_time: '>=100'", ""},
		{"expression fails", "items:\n  len(events): '>0'",
			"    - span \"GET /cards\" of service payment: got 0 (invalid value 0 (out of bound >0))\n"},
		{"expression without value", "items:\n  events[0].name: string\n  len(links[0].attributes): int",
			"    - span \"GET /cards\" of service payment: no value\n" +
				"exporter otlp/x (traces) items len(links[0].attributes) (line 5, constraint at line 8)\n" +
				"  expected: every span: len(links[0].attributes): int\n" +
				"  received: failed on 2 of 2 spans\n" +
				"    - span \"POST /charge\" of service payment: no value (index out of range [0] with length 0)\n"},
		{"struct text passes", "items: 'attributes: \"secret\"?: _|_, scope: name: =~\"^de\"'", ""},
		{"optional struct passes", "items: 'attributes: obj?: {k: 1}'", ""},
		{"optional struct fails where set", "items: 'attributes: obj?: {k: 2}'",
			"  expected: every span: attributes.obj.k: 2 (where attributes.obj has a value)\n" +
				"  received: failed on 1 of 2 spans\n" +
				"    - span \"POST /charge\" of service payment: got 1 (conflicting values 2 and 1)\n"},
		{"nested struct is required", "items: 'attributes: obj: k: 1'",
			"  expected: every span: attributes.obj.k: 1\n" +
				"  received: failed on 1 of 2 spans\n" +
				"    - span \"GET /cards\" of service payment: no value\n"},
		{"any_item passes", "any_item:\n  kind: '\"Client\"'\n  parent_span_id: '!=\"\"'", ""},
		{"any_item fails", "any_item:\n  kind: '\"Client\"'\n  status.code: '\"Error\"'",
			"exporter otlp/x (traces) any_item (line 5, constraint at line 6)\n" +
				"  expected: some span with kind: \"Client\"; status.code: \"Error\"\n" +
				"  received: none of 2 spans\n" +
				"    - span \"POST /charge\" of service payment fails kind: \"Client\": got \"Server\" (conflicting values \"Client\" and \"Server\")\n" +
				"    - span \"GET /cards\" of service payment fails status.code: \"Error\": got \"Unset\" (conflicting values \"Error\" and \"Unset\")\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := parseExpect(t, "    - exporter: otlp/x\n      "+strings.ReplaceAll(tc.expect, "\n", "\n      ")+"\n")
			fs, err := check(spans, e)
			if err != nil {
				t.Fatal(err)
			}
			got := failuresText(fs)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// items needs something to check; a failure lists at most three items and
// says how many more failed; the order is the exporter's (sorted lines).
func TestItemConstraintsManyAndNone(t *testing.T) {
	empty := exporterResult("otlp/x", "traces", "spans")
	e := parseExpect(t, "    - exporter: otlp/x\n      items: {name: string}\n      any_item: {name: string}\n")
	fs, err := check(empty, e)
	if err != nil {
		t.Fatal(err)
	}
	if got := failuresText(fs); !strings.Contains(got, "items (line 5, constraint at line 6)\n  expected: every span: name: string\n  received: no spans\n") ||
		!strings.Contains(got, "any_item (line 5, constraint at line 7)\n  expected: some span with name: string\n  received: no spans\n") {
		t.Errorf("no items:\n%s", got)
	}

	var b bytes.Buffer
	if err := synth.Write(&b, synth.Options{Signal: "traces", Count: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	res := exporterResult("otlp/x", "traces", "spans", lines...)
	e = parseExpect(t, "    - exporter: otlp/x\n      items: {name: '=~\"^GET \"'}\n")
	var outs [2]string
	for i := range outs {
		fs, err := check(res, e)
		if err != nil || len(fs) != 1 {
			t.Fatalf("%v %v", fs, err)
		}
		outs[i] = fs[0].text("")
		if len(fs[0].Items) != 3 || fs[0].TotalItems != 200 || fs[0].FailedItems <= 3 {
			t.Errorf("items %d, failed %d of %d", len(fs[0].Items), fs[0].FailedItems, fs[0].TotalItems)
		}
	}
	if outs[0] != outs[1] || !regexp.MustCompile(`received: failed on \d+ of 200 spans\n(    - span .*\n){3}    - and \d+ more\n$`).MatchString(outs[0]) {
		t.Errorf("runs differ or report is off:\n%s\n%s", outs[0], outs[1])
	}
}

// The reporters carry the item failures: text (above), JSON (structured)
// and JUnit (the text).
func TestItemFailureReports(t *testing.T) {
	spans := exporterResult("otlp/x", "traces", "spans", spansJSON)
	e := parseExpect(t, "    - exporter: otlp/x\n      items:\n        attributes[\"user.email\"]: _|_\n")
	fs, err := check(spans, e)
	if err != nil {
		t.Fatal(err)
	}
	rs := []*Result{{File: "t.yaml", Line: 1, Name: "t", Failures: fs}}
	var j bytes.Buffer
	if err := WriteJSON(&j, rs); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests []struct {
			Failures []Failure `json:"failures"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Tests[0].Failures[0]
	if f.Constraint != `attributes["user.email"]: _|_` || f.ConstraintLine != 7 || f.FailedItems != 1 || f.TotalItems != 2 ||
		len(f.Items) != 1 || f.Items[0].Item != `span "POST /charge" of service payment` || f.Items[0].Got != `"ann@example.com"` {
		t.Errorf("json: %s", j.String())
	}
	var x bytes.Buffer
	if err := WriteJUnit(&x, rs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(x.String(), `- span "POST /charge" of service payment: got "ann@example.com"`) {
		t.Errorf("junit: %s", x.String())
	}
}

const cueTests = `package tests

_noPII: attributes: "user.email": _|_

tests: [{
	name:   "redaction"
	config: "../../../testdata/simulate/redaction.yaml"
	env: {A: "1"}
	inputs: [
		"../../../testdata/simulate/logs.jsonl",
		{file: "../../../testdata/simulate/traces.jsonl", signal: "traces"},
		{otlp: {resourceSpans: [{scopeSpans: [{spans: [{traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", name: "x", kind: 2}]}]}]}},
	]
	expect: [{
		exporter: "otlp/backend"
		signal:   "traces"
		count:    4
		present: ["http.route"]
		items: _noPII & {
			name: =~"^[A-Z]"
			attributes: "http.route"?: =~"^/"
		}
		any_item: kind: "Server"
	}, {
		pipeline: "traces"
		in:       4
	}, {
		no_output_from: ["debug"]
	}]
}]
`

// A CUE test file gives the same tests as YAML; constraints are CUE.
func TestCUETestFile(t *testing.T) {
	tcs, err := Parse("t.cue", []byte(cueTests))
	if err != nil {
		t.Fatal(err)
	}
	tc := tcs[0]
	if tc.Name != "redaction" || tc.Line != 5 || tc.Env["A"] != "1" || len(tc.Inputs) != 2 || tc.Inputs[1].signal != "traces" || len(tc.batches) != 1 || len(tc.Expect) != 3 {
		t.Fatalf("%+v", tc)
	}
	e := tc.Expect[0]
	if e.Exporter != "otlp/backend" || e.Signal != "traces" || *e.Count != 4 || e.Line != 14 || len(e.Present) != 1 {
		t.Errorf("%+v", e)
	}
	var got []string
	for _, c := range append(e.Items.Constraints, e.AnyItem.Constraints...) {
		got = append(got, fmt.Sprintf("%d %s", c.Line, c))
	}
	want := `3 attributes["user.email"]: _|_|20 name: =~"^[A-Z]"|21 attributes["http.route"]?: =~"^/"|23 kind: "Server"`
	if strings.Join(got, "|") != want {
		t.Errorf("constraints: %s\nwant %s", strings.Join(got, "|"), want)
	}
	if tc.Expect[1].Pipeline != "traces" || *tc.Expect[1].In != 4 || tc.Expect[2].NoOutputFrom[0] != "debug" {
		t.Errorf("%+v %+v", tc.Expect[1], tc.Expect[2])
	}
	spans := exporterResult("otlp/backend", "traces", "spans", spansJSON)
	fs, err := check(spans, e)
	if err != nil {
		t.Fatal(err)
	}
	// count 4, present http.route on 2 and user.email fail; the rest hold.
	if got := failuresText(fs); len(fs) != 3 || !strings.Contains(got, `items attributes["user.email"] (line 14, constraint at line 3)`) {
		t.Errorf("%s", got)
	}
}

func TestCUETestFileErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"syntax", "tests: [{\n\tname: \"x\"\n", []string{`t.cue:2: not CUE: expected '}', found 'EOF'`}},
		{"no tests", "test: []\n", []string{`t.cue: no tests: want a top-level field tests: [...]`, `t.cue:1: unknown top-level field test`}},
		{"not a list", "tests: {}\n", []string{`t.cue:1: tests: want a list of tests`}},
		{"conflict and more", `tests: [{
	name: "x"
	config: "../../../testdata/simulate/redaction.yaml"
	inputs: ["../../../testdata/simulate/logs.jsonl"]
	expect: [{
		exporter: "debug"
		count: int
		items: {atributes: x: 1, name: "a" & "b", body: =~"x"}
	}, {
		exporter: "debug"
		count: 1 & 2
	}]
}]
`, []string{
			`t.cue:7: tests[0].expect[0].count: want a concrete value, not int`,
			`t.cue:8: items: an item has no field "atributes"`,
			`t.cue:8: items: name: conflicting values "b" and "a"`,
			`t.cue:11: tests[0].expect[1].count: conflicting values 2 and 1`,
		}},
		{"yaml checks apply", `tests: [{
	name: "x"
	config: "../../../testdata/simulate/redaction.yaml"
	inputs: ["../../../testdata/simulate/nope.jsonl"]
	expect: [{
		exporter: "debug"
		cuont: 1
	}]
}]
`, []string{`t.cue:4: input: stat`, `t.cue:5: expect exporter debug: give count, present, absent, items or any_item`, `t.cue:7: expect: unknown key "cuont"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.cue", []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tc.want) {
				t.Fatalf("got %d errors:\n%v\nwant %d", len(got), err, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("error %d: %s\nwant prefix %s", i, got[i], w)
				}
			}
		})
	}
}

// End to end: redaction removes user.email, so the constraint
// holds; without redaction the same constraint fails.
func TestItemConstraintsRun(t *testing.T) {
	src := `- name: with redaction
  config: ../../../testdata/simulate/redaction.yaml
  inputs:
    - otlp: ` + spansJSON + `
  expect:
    - exporter: otlp/backend
      items:
        attributes["user.email"]: _|_
- name: without redaction
  config: ../../../testdata/simulate/pipeline.yaml
  inputs:
    - otlp: ` + spansJSON + `
  expect:
    - exporter: otlp/other
      items:
        attributes["user.email"]: _|_
`
	tcs, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r := Run(t.Context(), tcs[0]); !r.Passed || r.Error != "" {
		t.Errorf("with redaction: %+v", r)
	}
	r := Run(t.Context(), tcs[1])
	if r.Passed || len(r.Failures) != 1 || !strings.Contains(r.Failures[0].text(""), `- span "POST /charge" of service payment: got "ann@example.com"`) {
		t.Errorf("without redaction: %+v", r)
	}
}

// A few thousand items take well under a second; the timing is logged
// (go test -v) and only a gross regression fails (the race detector slows
// it down several times).
func TestItemConstraintsSpeed(t *testing.T) {
	res, e := speedFixture(t, 1000, "")
	start := time.Now()
	fs, err := check(res, e)
	d := time.Since(start)
	if err != nil || len(fs) != 0 {
		t.Fatalf("%v %s", err, failuresText(fs))
	}
	t.Logf("%d constraints on 1000 spans: %v", len(e.Items.Constraints)+len(e.AnyItem.Constraints), d)
	if d > 10*time.Second {
		t.Errorf("too slow: %v", d)
	}
}

func BenchmarkItemConstraints1000(b *testing.B) {
	res, e := speedFixture(b, 1000, "")
	for b.Loop() {
		if fs, err := check(res, e); err != nil || len(fs) != 0 {
			b.Fatal(err, fs)
		}
	}
}

// BenchmarkItemExpressions1000: expressions that are not plain paths
// unify the whole item with a compiled program.
func BenchmarkItemExpressions1000(b *testing.B) {
	res, e := speedFixture(b, 1000, "        len(attributes): '>0'\n        end_time - start_time: '>=0'\n")
	for b.Loop() {
		if fs, err := check(res, e); err != nil || len(fs) != 0 {
			b.Fatal(err, fs)
		}
	}
}

// speedFixture is n synthetic spans and an expectation with plain-path
// constraints plus extra (YAML lines of items).
func speedFixture(tb testing.TB, n int, extra string) (*simulate.Result, *Expectation) {
	tb.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Signal: "traces", Count: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	res := exporterResult("otlp/x", "traces", "spans", strings.Split(strings.TrimSpace(buf.String()), "\n")...)
	tcs, err := Parse("t.yaml", []byte(testYAML(`    - exporter: otlp/x
      items:
        attributes["user.email"]: _|_
        resource["service.name"]: '"frontend" | "cart" | "checkout" | "payment" | "catalog"'
        attributes["http.response.status_code"]?: '>=100 & <600'
        kind: '"Server" | "Client" | "Internal"'
        duration: '>=0'
`+extra+`      any_item:
        status.code: '"Error"'
`)))
	if err != nil {
		tb.Fatal(err)
	}
	return res, tcs[0].Expect[0]
}

package ottl

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		kind      Kind
		err       string // substring of the error, "" for none
		errOff    int
		calls     []string
		attrs     []string // key, with "!" prefix for targets
	}{
		{name: "set", src: `set(attributes["http.method"], "GET") where resource.attributes["service.name"] == "x"`, kind: Statement,
			calls: []string{"set"}, attrs: []string{"!http.method", "service.name"}},
		{name: "converter", src: `IsMatch(span.attributes["url.full"], ".*health.*")`, kind: Condition,
			calls: []string{"IsMatch"}, attrs: []string{"url.full"}},
		{name: "nested", src: `set(attributes["a"], Concat([attributes["b"], "x"], "-"))`, kind: Statement,
			calls: []string{"set", "Concat"}, attrs: []string{"!a", "b"}},
		{name: "escaped quote", src: `set(attributes["a"], "say \"hi\")")`, kind: Statement, calls: []string{"set"}, attrs: []string{"!a"}},
		{name: "unclosed paren", src: `set(attributes["a"], "b"`, kind: Statement, err: `"(" is never closed`, errOff: 3},
		{name: "mismatch", src: `set(attributes["a"), "b")`, kind: Statement, err: `")" closes "["`, errOff: 18},
		{name: "single quotes", src: `attributes['a'] == "b"`, kind: Condition, err: "double quotes", errOff: 11},
		{name: "unterminated", src: `name == "x`, kind: Condition, err: "unterminated string", errOff: 8},
		{name: "not an editor", src: `attributes["a"] = "b"`, kind: Statement, err: "must start with an editor"},
		{name: "triple equals", src: `attributes["http.route"] === "/health"`, kind: Condition, err: `unexpected "=" after "=="`, errOff: 27},
		{name: "dangling operator", src: `value_int >`, kind: Condition, err: `nothing after ">"`, errOff: 10},
		{name: "negative number", src: `value_int > -1 and value_double <= +2.5`, kind: Condition},
		{name: "empty", src: "  ", kind: Condition, err: "empty condition"},
		{name: "lambda and map", src: `set(attributes["m"], {"a": 1, "b": [1.5, 0x0a]}) where not IsString(body)`, kind: Statement,
			calls: []string{"set", "IsString"}, attrs: []string{"!m"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.src, tt.kind)
			if tt.err != "" {
				if r.Err == nil || !strings.Contains(r.Err.Msg, tt.err) {
					t.Fatalf("err = %v, want %q", r.Err, tt.err)
				}
				if tt.errOff != 0 && r.Err.Offset != tt.errOff {
					t.Errorf("offset = %d, want %d", r.Err.Offset, tt.errOff)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("unexpected error %v", r.Err)
			}
			var calls, attrs []string
			for _, c := range r.Calls {
				calls = append(calls, c.Name)
			}
			for _, a := range r.Attrs {
				k := a.Key
				if a.Target {
					k = "!" + k
				}
				attrs = append(attrs, k)
			}
			if strings.Join(calls, ",") != strings.Join(tt.calls, ",") {
				t.Errorf("calls = %v, want %v", calls, tt.calls)
			}
			if strings.Join(attrs, ",") != strings.Join(tt.attrs, ",") {
				t.Errorf("attrs = %v, want %v", attrs, tt.attrs)
			}
		})
	}
}

func TestFunctions(t *testing.T) {
	for _, f := range []string{"set", "delete_key", "IsMatch", "Concat", "convert_sum_to_gauge", "HasAttrOnDatapoint", "SpanID"} {
		if !Known(f) {
			t.Errorf("Known(%q) = false", f)
		}
	}
	if Known("concat") || Known("Set") {
		t.Error("case must matter")
	}
}

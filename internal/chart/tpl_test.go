package chart

import (
	"sort"
	"strings"
	"testing"

	"github.com/Masterminds/sprig/v3"
)

func TestTpl(t *testing.T) {
	tests := []struct {
		in     string
		kind   TplKind
		detail string
	}{
		{`set(span.name, "x")`, TplNone, ""},
		{`${env:BACKEND}`, TplNone, ""},
		{`set(log.body, "{{"{{"}} user }} logged in")`, TplNone, ""},
		{"set(log.body, \"{{`{{`}} user {{`}}`}}\")", TplNone, ""},
		// Not Helm's: an unknown function fails the install...
		{`set(log.body, "{{ user }} logged in")`, TplFails, `function "user" not defined`},
		{`{{tenant}}`, TplFails, `function "tenant" not defined`},
		// ...an unknown field of the context renders as "" (missingkey=zero,
		// then Helm drops "<no value>")...
		{`set(attributes["svc"], "{{ .service }}")`, TplRewrites, `set(attributes["svc"], "")`},
		{`{{ .service }}-{{ .env }}`, TplRewrites, `-`},
		{`{{ 5 }}`, TplRewrites, `5`},
		// ...a field of a missing field is a nil pointer: the install fails.
		{`{{ .service.name }}`, TplFails, `nil pointer evaluating interface {}.name`},
		{`{{ "unterminated }}`, TplFails, `unterminated quoted string`},
		// Helm's own objects, functions, variables and trim markers.
		{`{{ .Values.cluster }}`, TplHelm, ""},
		{`{{ .Release.Name }}-collector`, TplHelm, ""},
		{`{{ include "otel.fullname" . }}`, TplHelm, ""},
		{`{{ $.Values.x }}`, TplHelm, ""},
		{`{{- .service }}`, TplHelm, ""},
		{`{{ printf "%s" "x" }}`, TplHelm, ""},
		{`{{ if .Values.x }}a{{ end }}`, TplHelm, ""},
	}
	for _, tt := range tests {
		got := Tpl(tt.in)
		if got.Kind != tt.kind || !strings.Contains(got.Detail, tt.detail) || tt.detail == "" && got.Detail != "" && tt.kind != TplRewrites {
			t.Errorf("Tpl(%q) = %+v, want kind %d detail %q", tt.in, got, tt.kind, tt.detail)
		}
		if tt.kind == TplRewrites && got.Detail != tt.detail {
			t.Errorf("Tpl(%q) renders %q, want %q", tt.in, got.Detail, tt.detail)
		}
	}
}

// TestHelmFuncs keeps helmFuncs equal to Helm's function map: sprig's
// without env and expandenv, plus Helm's own (pkg/engine/funcs.go).
func TestHelmFuncs(t *testing.T) {
	want := map[string]bool{}
	for name := range sprig.TxtFuncMap() {
		want[name] = true
	}
	delete(want, "env")
	delete(want, "expandenv")
	for _, name := range []string{"toToml", "fromToml", "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray", "toJson", "fromJson", "fromJsonArray", "include", "tpl", "required", "lookup"} {
		want[name] = true
	}
	var missing, extra []string
	for name := range want {
		if !helmFuncs[name] {
			missing = append(missing, name)
		}
	}
	for name := range helmFuncs {
		if !want[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("helmFuncs differs from Helm's: missing %v, extra %v", missing, extra)
	}
}

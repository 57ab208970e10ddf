package schemacheck

import (
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

func TestEnumOf(t *testing.T) {
	v := cuecontext.New().CompileString(`
#level: number | string
#size: "requests" | "items" | "bytes"
#d: close({
	literals?: "gzip" | "zstd"
	pattern?:  =~"^(?i)(insert|update|delete)$"
	overlaid?: #level & (number | =~"^(?i)(basic|normal)$")
	narrowed?: string & ("x" | "y")
	ref?:      #size
	both?:     #size & ("items" | "bytes" | "pages")
	free?:     string
	notlist?:  =~"."
	numbers?:  number | string
	nested?:   {a?: string}
	boolor?:   "auto" | bool
})
`)
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	def := v.LookupPath(cue.ParsePath("#d"))
	tests := []struct {
		field, want string
		ok          bool
	}{
		{"literals", `one of "gzip", "zstd"`, true},
		{"pattern", `one of "insert", "update", "delete" (in any case)`, true},
		{"overlaid", `one of "basic", "normal" (in any case), or a number`, true},
		{"narrowed", `one of "x", "y"`, true},
		{"ref", `one of "requests", "items", "bytes"`, true},
		{"both", `one of "items", "bytes"`, true},
		{"boolor", `"auto", or true or false`, true},
		{"free", "", false},
		{"notlist", "", false},
		{"numbers", "", false},
		{"nested", "", false},
	}
	for _, tt := range tests {
		a, ok := enumOf(schemaAt(def, []string{tt.field}))
		if ok != tt.ok || ok && a.text() != tt.want {
			t.Errorf("%s: enumOf = %q, %v; want %q, %v", tt.field, a.text(), ok, tt.want, tt.ok)
		}
	}
}

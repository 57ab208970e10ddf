package lint

import (
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

func at(line, col int) config.Pos { return config.Pos{File: "c.yaml", Line: line, Col: col} }

func fix(edits ...Edit) Finding { return Finding{Fix: &Fix{Edits: edits}} }

func TestApplyFixes(t *testing.T) {
	src := "exporters:\n  otlp/a: {}\n  logging: {}\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp/a, logging]\n"
	fs := []Finding{
		fix(Edit{Pos: at(2, 3), Old: "otlp", New: "otlp_grpc"}, Edit{Pos: at(7, 19), Old: "otlp", New: "otlp_grpc"}),
		fix(Edit{Pos: at(3, 3), Old: "logging", New: "debug"}, Edit{Pos: at(7, 27), Old: "logging", New: "debug"}),
		// Stale: the text is not there, so the whole fix is skipped.
		fix(Edit{Pos: at(1, 1), Old: "receivers", New: "x"}),
		// Another file's edits are not applied here.
		fix(Edit{Pos: config.Pos{File: "other.yaml", Line: 1, Col: 1}, Old: "exporters", New: "x"}),
	}
	got, applied := ApplyFixes("c.yaml", []byte(src), fs)
	want := "exporters:\n  otlp_grpc/a: {}\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp_grpc/a, debug]\n"
	if string(got) != want || len(applied) != 2 {
		t.Errorf("ApplyFixes = %d fixes\n%s\nwant 2\n%s", len(applied), got, want)
	}
	// A second fix touching an edited spot is skipped whole.
	dup := append(fs[:1:1], fix(Edit{Pos: at(2, 3), Old: "otlp", New: "x"}))
	if _, applied := ApplyFixes("c.yaml", []byte(src), dup); len(applied) != 1 {
		t.Errorf("overlapping fixes: applied %d, want 1", len(applied))
	}
}

// TestEditOps applies one fix per case to a text and compares the result.
func TestEditOps(t *testing.T) {
	cfg := `exporters:
  debug: {}
  logging: # old
    loglevel: debug
    # a comment inside

    sampling_initial: 5
  # about otlp
  otlp:
    endpoint: "http://a:4317"
    tls: {insecure: true}
processors:
  attributes:
    actions:
      - action: insert
        key: loki.format
        value: json
      - action: upsert
        key: env
        value: prod
service:
  extensions: [health_check, memory_ballast]
  pipelines:
    logs:
      exporters: [debug, logging, otlp]
      processors:
        - batch
        - attributes
`
	for _, tc := range []struct {
		name  string
		edits []Edit
		want  string // the changed lines, as a diff of sorts: "-old" / "+new"
	}{
		{"delete entry with nested comment and blank line", []Edit{DeleteEntryEdit(at(3, 3), "logging")},
			"-  logging: # old\n-    loglevel: debug\n-    # a comment inside\n-\n-    sampling_initial: 5\n"},
		{"delete entry keeps the comment before the next one", []Edit{DeleteEntryEdit(at(9, 3), "otlp")},
			"-  otlp:\n-    endpoint: \"http://a:4317\"\n-    tls: {insecure: true}\n"},
		{"delete block item", []Edit{DeleteItemEdit(at(15, 9), "action")},
			"-      - action: insert\n-        key: loki.format\n-        value: json\n"},
		{"delete scalar block item", []Edit{DeleteItemEdit(at(28, 11), "attributes")}, "-        - attributes\n"},
		{"delete middle flow item", []Edit{DeleteItemEdit(at(25, 26), "logging")},
			"-      exporters: [debug, logging, otlp]\n+      exporters: [debug, otlp]\n"},
		{"delete first flow item", []Edit{DeleteItemEdit(at(25, 19), "debug")},
			"-      exporters: [debug, logging, otlp]\n+      exporters: [logging, otlp]\n"},
		{"delete last flow item", []Edit{DeleteItemEdit(at(22, 30), "memory_ballast")},
			"-  extensions: [health_check, memory_ballast]\n+  extensions: [health_check]\n"},
		{"delete two adjacent flow items", []Edit{DeleteItemEdit(at(25, 26), "logging"), DeleteItemEdit(at(25, 35), "otlp")},
			"-      exporters: [debug, logging, otlp]\n+      exporters: [debug]\n"},
		{"delete every flow item", []Edit{DeleteItemEdit(at(22, 16), "health_check"), DeleteItemEdit(at(22, 30), "memory_ballast")},
			"-  extensions: [health_check, memory_ballast]\n+  extensions: []\n"},
		{"replace quoted scalar keeps the quotes", []Edit{ScalarEdit(at(10, 15), "http://a:4317", "http://b:4317")},
			"-    endpoint: \"http://a:4317\"\n+    endpoint: \"http://b:4317\"\n"},
		{"replace plain scalar", []Edit{ScalarEdit(at(4, 15), "debug", "detailed")},
			"-    loglevel: debug\n+    loglevel: detailed\n"},
		{"add entries to an empty flow map", []Edit{AddEntriesEdit(at(2, 3), "debug", "verbosity: detailed\nsampling_initial: 5")},
			"-  debug: {}\n+  debug:\n+    verbosity: detailed\n+    sampling_initial: 5\n"},
		{"add entries after the last entry of a block map", []Edit{AddEntriesEdit(at(9, 3), "otlp", "compression: none")},
			"+    compression: none\n"},
		{"insert after an entry", []Edit{InsertAfterEdit(at(12, 1), "processors", "connectors:\n  forward: {}")},
			"+connectors:\n+  forward: {}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, applied := ApplyFixes("c.yaml", []byte(cfg), []Finding{fix(tc.edits...)})
			if len(applied) != 1 {
				t.Fatalf("fix not applied")
			}
			if d := lineDiff(cfg, string(got)); d != tc.want {
				t.Errorf("changed lines:\n%s\nwant:\n%s\nwhole text:\n%s", d, tc.want, got)
			}
		})
	}
}

// lineDiff lists removed and added lines of a change that replaces one
// run of lines (enough for these tests).
func lineDiff(a, b string) string {
	al, bl := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j, k := len(al), len(bl)
	for j > i && k > i && al[j-1] == bl[k-1] {
		j, k = j-1, k-1
	}
	var out strings.Builder
	for _, l := range al[i:j] {
		out.WriteString("-" + l)
	}
	for _, l := range bl[i:k] {
		out.WriteString("+" + l)
	}
	return out.String()
}

// TestEditsVerified: an edit whose text does not stand where it says, or
// whose node is not of the kind its op needs, makes the whole fix fail.
func TestEditsVerified(t *testing.T) {
	cfg := "exporters:\n  otlp: {endpoint: \"x:1\"}\n  - bad\nlist: [a, 'b,c', {d: e}]\nkey: multi\n  line\n"
	for name, e := range map[string]Edit{
		"key not there":          DeleteEntryEdit(at(2, 3), "debug"),
		"flow map entry":         DeleteEntryEdit(at(2, 10), "endpoint"),
		"scalar value differs":   ScalarEdit(at(2, 20), "y:1", "z:1"),
		"entry is not a key":     DeleteEntryEdit(at(3, 5), "bad"),
		"add to a flow map":      AddEntriesEdit(at(2, 3), "otlp", "a: b"),
		"multi-line plain":       ScalarEdit(at(5, 6), "multi", "x"),
		"item not in the list":   DeleteItemEdit(at(4, 12), "b"),
		"no position":            DeleteEntryEdit(config.Pos{File: "c.yaml"}, "exporters"),
		"position past the end":  DeleteEntryEdit(at(40, 1), "exporters"),
		"column past the line":   ReplaceEdit(at(1, 40), "x", "y"),
		"empty old":              ReplaceEdit(at(1, 1), "", "y"),
		"insert after list item": InsertAfterEdit(at(3, 5), "bad", "x: y"),
	} {
		t.Run(name, func(t *testing.T) {
			good := ReplaceEdit(at(1, 1), "exporters", "exporters")
			got, applied := ApplyFixes("c.yaml", []byte(cfg), []Finding{fix(good, e)})
			if len(applied) != 0 || string(got) != cfg {
				t.Errorf("applied %d fixes:\n%s", len(applied), got)
			}
		})
	}
	// A quoted item with a comma is one item.
	got, _ := ApplyFixes("c.yaml", []byte(cfg), []Finding{fix(DeleteItemEdit(at(4, 11), "'b,c'"))})
	if !strings.Contains(string(got), "list: [a, {d: e}]\n") {
		t.Errorf("quoted flow item:\n%s", got)
	}
}

// TestSameEditTwice: two fixes that make the same edit (both delete one
// processor) are both applied and the edit is made once; fixes deleting
// neighbouring flow items keep the list well formed.
func TestSameEditTwice(t *testing.T) {
	cfg := "processors:\n  a: {}\n  b: {}\nservice:\n  pipelines:\n    logs:\n      processors: [x, a, b]\n"
	del := DeleteEntryEdit(at(1, 1), "processors")
	fs := []Finding{
		fix(del, DeleteItemEdit(at(7, 23), "a")),
		fix(del, DeleteItemEdit(at(7, 26), "b")),
		fix(del, DeleteItemEdit(at(7, 26), "b")),
	}
	got, applied := ApplyFixes("c.yaml", []byte(cfg), fs)
	want := "service:\n  pipelines:\n    logs:\n      processors: [x]\n"
	if string(got) != want || len(applied) != 3 {
		t.Errorf("got %d fixes:\n%s\nwant 3:\n%s", len(applied), got, want)
	}
}

// TestEmbeddedBlock edits a config held in a block scalar (a v1alpha1
// CR): positions are the file's, indentation and comments stay.
func TestEmbeddedBlock(t *testing.T) {
	cr := "spec:\n  config: |\n    exporters:\n      logging: {} # old\n      debug: {}\n    # 모든 파이프라인\n    service:\n      pipelines:\n        traces:\n          exporters: [logging, debug]\n  mode: sidecar\n"
	got, applied := ApplyFixes("c.yaml", []byte(cr), []Finding{fix(
		DeleteEntryEdit(at(4, 7), "logging"),
		DeleteItemEdit(at(10, 23), "logging"),
		AddEntriesEdit(at(5, 7), "debug", "verbosity: detailed"),
	)})
	want := "spec:\n  config: |\n    exporters:\n      debug:\n        verbosity: detailed\n    # 모든 파이프라인\n    service:\n      pipelines:\n        traces:\n          exporters: [debug]\n  mode: sidecar\n"
	if string(got) != want || len(applied) != 1 {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCRLF keeps Windows line breaks in inserted lines.
func TestCRLF(t *testing.T) {
	src := "mode: deployment\r\nconfig: {}\r\n"
	got, _ := ApplyFixes("c.yaml", []byte(src), []Finding{fix(InsertAfterEdit(at(1, 1), "mode", "useGOMEMLIMIT: true"))})
	if want := "mode: deployment\r\nuseGOMEMLIMIT: true\r\nconfig: {}\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// No final line break: the insertion starts one.
	got, _ = ApplyFixes("c.yaml", []byte("mode: x"), []Finding{fix(InsertAfterEdit(at(1, 1), "mode", "a: b"))})
	if want := "mode: x\na: b\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestScalarText(t *testing.T) {
	for _, tc := range []struct {
		v     string
		style byte
		want  string
	}{
		{"http://x:3100/otlp", 'h', "http://x:3100/otlp"},
		{"true", 'x', `"true"`},
		{"a: b", 'x', `"a: b"`},
		{"it's", '\'', `'it''s'`},
		{`a"b\c`, '"', `"a\"b\\c"`},
		{"", 'x', `""`},
	} {
		if got := scalarText(tc.v, tc.style); got != tc.want {
			t.Errorf("scalarText(%q, %q) = %s, want %s", tc.v, tc.style, got, tc.want)
		}
	}
}

// FuzzApplyFixes: any edit on any text is applied or skipped, never a
// panic, and a skipped fix leaves the text as it was.
func FuzzApplyFixes(f *testing.F) {
	f.Add("a:\n  b: [x, 'y', {z: 1}]\n  - c\n", uint8(DeleteItem), 2, 8, "x", "")
	f.Add("k: \"v\"\r\nm: {}\n", uint8(ReplaceScalar), 1, 4, "v", "w")
	f.Add("k:\n  - a\n  - b\n", uint8(AddEntries), 1, 1, "k", "x: y")
	f.Add("k: [a,\n b]\n", uint8(DeleteItem), 1, 5, "a", "")
	f.Add("k", uint8(InsertAfter), 1, 1, "k", "x")
	f.Fuzz(func(t *testing.T, src string, op uint8, line, col int, old, new string) {
		e := Edit{Op: EditOp(op % 6), Pos: at(line, col), Old: old, New: new}
		got, applied := ApplyFixes("c.yaml", []byte(src), []Finding{fix(e)})
		if len(applied) == 0 && string(got) != src {
			t.Errorf("no fix applied but the text changed")
		}
	})
}

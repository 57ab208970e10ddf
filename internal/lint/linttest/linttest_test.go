package linttest

import (
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

func TestParseWants(t *testing.T) {
	data := []byte("a: 1 # want: \"x\" `y\\.z`\nb: 2\nc: | # want: \"c\"\n  d: 3 # want: \"in the string\"\n")
	ws, err := ParseWants("f.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := []string{`f.yaml:1: want "x"`, `f.yaml:1: want "y\\.z"`, `f.yaml:3: want "c"`, `f.yaml:4: want "in the string"`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ParseWants:\n got %q\nwant %q", got, want)
	}
	for _, bad := range []string{"a: 1 # want:", "a: 1 # want: x", `a: 1 # want: "("`} {
		if _, err := ParseWants("f.yaml", []byte(bad)); err == nil {
			t.Errorf("ParseWants(%q): no error", bad)
		}
	}
}

func TestStripWants(t *testing.T) {
	in := "a: 1 # otelcfg:ignore x # want: \"y\"\r\nb: 2\n"
	got := string(StripWants([]byte(in)))
	want := "a: 1 # otelcfg:ignore x " + strings.Repeat(" ", len(`# want: "y"`)) + "\r\nb: 2\n"
	if got != want {
		t.Errorf("StripWants = %q, want %q", got, want)
	}
}

func TestCheck(t *testing.T) {
	f := func(line int, msg string) lint.Finding {
		return lint.Finding{Rule: "r", Message: msg, Pos: config.Pos{File: "f.yaml", Line: line, Col: 1}}
	}
	ws, err := ParseWants("f.yaml", []byte("a # want: \"one\" \"one\"\nb # want: \"two\"\nc # want: \"three\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := Check([]lint.Finding{f(1, "one"), f(1, "one"), f(2, "two"), f(2, "two"), f(4, "four")}, ws)
	want := []string{
		"f.yaml:2:1: unexpected finding r: two",
		"f.yaml:4:1: unexpected finding r: four",
		`f.yaml:3: no finding matched want "three"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

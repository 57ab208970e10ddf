package config

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// TestSplitLinesMatchesRegexp: the hand-written splitter breaks lines where
// YAML does (\r\n, \r, \n, NEL, LS, PS).
func TestSplitLinesMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile("\r\n|[\r\n\u0085\u2028\u2029]")
	for _, s := range []string{"", "a", "a\n", "\n\n", "a\r\nb\rc\nd", "\r", "\r\r\n", "x\u0085y\u2028z\u2029", "é\n\xff\r\n"} {
		got, want := splitLines([]byte(s)), re.Split(s, -1)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("splitLines(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTooManyNodesRefusedBeforeParsing: a file with more separators than
// the node limit is refused before yaml.v3 builds it (which would take
// gigabytes for 8 MiB of "[1,1,1,...]").
func TestTooManyNodesRefusedBeforeParsing(t *testing.T) {
	for _, src := range []string{
		"receivers: [" + strings.Repeat("1,", 100) + "1]\n",
		"receivers: {" + strings.Repeat("a,", 100) + "a}\n",
		"receivers:\n" + strings.Repeat("- \n", 100),
	} {
		lim := DefaultLimits
		lim.MaxNodes = 50
		_, err := LoadBytes("wide.yaml", []byte(src), Options{Kind: KindConfig, Limits: lim})
		var le *LimitError
		if !errors.As(err, &le) || le.Kind != LimitNodes || le.Limit != 50 {
			t.Errorf("%.30q: err %v, want the node limit", src, err)
		}
	}
}

// TestDuplicateKeysBounded: a million duplicate keys do not become a
// million findings.
func TestDuplicateKeysBounded(t *testing.T) {
	src := "receivers:\n" + strings.Repeat("  a:\n", 3*maxKeyProblems)
	docs, err := LoadBytes("dup.yaml", []byte(src), Options{Kind: KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	ps := docs[0].Problems
	if len(ps) != maxKeyProblems+1 || !strings.Contains(ps[len(ps)-1].Message, "more than 1000 duplicate or non-plain map keys") {
		t.Errorf("%d problems, last %v", len(ps), ps[len(ps)-1])
	}
	if docs[0].Config != nil {
		t.Error("a document stopped at the limit still has a config to check")
	}
}

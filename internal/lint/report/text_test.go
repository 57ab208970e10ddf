package report

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	goldenCases(t, "text")

	t.Run("color", func(t *testing.T) {
		got := render(t, "text", sampleReport(), Options{Color: true})
		golden(t, "sample.text-color.golden", got)
		if !strings.Contains(string(got), "\x1b[") {
			t.Error("Color: true produced no ANSI sequences")
		}
	})
	t.Run("no color by default", func(t *testing.T) {
		if got := render(t, "text", sampleReport(), Options{}); strings.Contains(string(got), "\x1b") {
			t.Errorf("escape sequence without Color:\n%s", got)
		}
	})
}

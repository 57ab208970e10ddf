package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every compiled-in processor and connector has a fidelity case, and every
// case gives byte-identical output (exporter files and report) run after
// run. The list comes from the registry, so a component added to it
// without a case fails here.
func TestEveryComponentIsByteStable(t *testing.T) {
	cases := map[string]*fidelityCase{}
	for _, c := range fidelityCases(t) {
		cases[c.Name] = c
	}
	for _, name := range registryTypes() {
		if cases[name] == nil {
			t.Errorf("no fidelity case for %s: add testdata/simulate/fidelity/cases/%s.yaml exercising it", strings.Replace(name, "-", " ", 1), name)
		}
	}
	dir := t.TempDir()
	for _, c := range fidelityCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			var first map[string][]byte
			for run := range 3 {
				out := filepath.Join(dir, c.Name)
				res := replayCase(t, c, out)
				got := map[string][]byte{}
				var report bytes.Buffer
				if err := WriteJSON(&report, res); err != nil {
					t.Fatal(err)
				}
				got["report"] = report.Bytes()
				files, _ := filepath.Glob(filepath.Join(out, "*"))
				for _, f := range files {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					got[filepath.Base(f)] = b
				}
				if run == 0 {
					first = got
					continue
				}
				if len(got) != len(first) {
					t.Fatalf("run %d wrote %d files, the first %d", run+1, len(got), len(first))
				}
				for name, b := range first {
					if !bytes.Equal(got[name], b) {
						t.Fatalf("run %d: %s differs from the first run's:\n%s", run+1, name, firstDifference(b, got[name]))
					}
				}
			}
		})
	}
}

// firstDifference shows where two outputs first differ.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "first: …" + string(a[from:min(len(a), i+200)]) + "\nthen:  …" + string(b[from:min(len(b), i+200)])
}

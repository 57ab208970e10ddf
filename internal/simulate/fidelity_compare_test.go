package simulate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What simulate writes for each fidelity case is what a real collector at
// the same versions wrote for it (expected/, made by record.sh), item by
// item: the same spans, data points and log records with every field, but
// for the fields cases.yaml normalises and says why.
func TestFidelity(t *testing.T) {
	dir := t.TempDir()
	for _, c := range fidelityCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			want, err := filepath.Glob(fidelityPath("expected", c.Name, "*.jsonl.gz"))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				// Not recorded yet (record.sh needs a collector built with
				// OCB): nothing to compare with.
				t.Skipf("no collector output under expected/%s: run testdata/simulate/fidelity/record.sh with a collector", c.Name)
			}
			out := filepath.Join(dir, c.Name)
			res := replayCase(t, c, out)
			names := map[string]bool{}
			for _, x := range res.Exporters {
				names[filepath.Base(x.File)] = true
			}
			for _, w := range want {
				name := strings.TrimSuffix(filepath.Base(w), ".gz")
				wantItems, err := readItems(w, c.Normalise)
				if err != nil {
					t.Fatal(err)
				}
				var gotItems []string
				if names[name] {
					delete(names, name)
					if gotItems, err = readItems(filepath.Join(out, name), c.Normalise); err != nil {
						t.Fatal(err)
					}
				}
				if d := diffItems(wantItems, gotItems); d != "" {
					t.Errorf("%s: %s", name, d)
				}
			}
			for name := range names {
				got, err := readItems(filepath.Join(out, name), c.Normalise)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) > 0 {
					t.Errorf("%s: simulate wrote %d items, the collector wrote no such file", name, len(got))
				}
			}
		})
	}
}

// The comparison is by item, not by batch: the same spans in other
// requests and resources compare equal, a missing or changed one is
// named, and a normalised field is not compared.
func TestFidelityItems(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines ...string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one, two := spanLine(1, 1, 0), spanLine(2, 1, 5)
	// Both spans in one request, one resource.
	both := strings.Replace(one, `"spans":[{`, `"spans":[`+spanObject(two)+`,{`, 1)
	a, err := readItems(write("a.jsonl", one, two), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := readItems(write("b.jsonl", both), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 2 || diffItems(a, b) != "" {
		t.Fatalf("rebatched: %d items, diff %q", len(a), diffItems(a, b))
	}
	c, err := readItems(write("c.jsonl", one), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffItems(a, c); !strings.Contains(d, "collector 2 items, simulate 1: 1 only in the collector's, 0 only in simulate's") {
		t.Errorf("missing item: %q", d)
	}
	md := func(v int) string {
		return fmt.Sprintf(`{"resourceMetrics":[{"resource":{},"scopeMetrics":[{"metrics":[{"name":"m","sum":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"%d","asInt":"3"}]}}]}]}]}`, v)
	}
	x, _ := readItems(write("x.jsonl", md(1)), []string{"datapoint.time"})
	y, _ := readItems(write("y.jsonl", md(2)), []string{"datapoint.time"})
	z, _ := readItems(write("z.jsonl", md(2)), nil)
	if diffItems(x, y) != "" || diffItems(x, z) == "" {
		t.Errorf("normalised time: %q; not normalised: %q", diffItems(x, y), diffItems(x, z))
	}
	// Limited to one metric: m's time is cleared, n's is not.
	n := func(v int) string { return strings.Replace(md(v), `"name":"m"`, `"name":"n"`, 1) }
	only := []string{"datapoint.time(m)"}
	xm, _ := readItems(write("xm.jsonl", md(1), n(1)), only)
	ym, _ := readItems(write("ym.jsonl", md(2), n(1)), only)
	zm, _ := readItems(write("zm.jsonl", md(1), n(2)), only)
	if len(xm) != 2 || diffItems(xm, ym) != "" || diffItems(xm, zm) == "" {
		t.Errorf("time of m normalised: %q; of n: %q", diffItems(xm, ym), diffItems(xm, zm))
	}
	// An empty request (the file exporter's {}) holds no items.
	e, err := readItems(write("e.jsonl", "{}", one), nil)
	if err != nil || diffItems(c, e) != "" {
		t.Errorf("empty request: %v %q", err, diffItems(c, e))
	}
}

// spanObject is the span of a spanLine request.
func spanObject(line string) string {
	i := strings.Index(line, `"spans":[`) + len(`"spans":[`)
	return line[i:strings.LastIndex(line, "]}]}]}")]
}

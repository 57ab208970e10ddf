package driver

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// agreementDir holds plain collector configs and the verdict a real
// collector build gave each (testdata/agreement/README.md says how the
// table was made).
var agreementDir = filepath.Join("..", "..", "..", "testdata", "agreement")

// knownDisagreements lists configs where otelcfg's verdict differs from the
// collector's today, with the reason. The test fails when one of them starts
// agreeing, so the list stays exact.
var knownDisagreements = map[string]string{
	"structure/006-exporter-type-not-in-build.yaml":    "datadog is in otelcol-contrib, which otelcfg models; the reference build is a custom 57-component collector without it",
	"components/041-attributes-bad-action-unused.yaml": "deliberate: the collector checks attributes actions only when it builds a pipeline that uses the processor, so validate accepts an unused one; otelcfg checks every defined component (schema/overlays/processor_attributes.cue)",
}

// minComponentTypes is how many distinct component types (class/type, with
// deprecated aliases resolved) the corpus must define in configs the
// collector accepted.
const minComponentTypes = 50

type verdict struct {
	file, verdict, message string
}

func readVerdicts(t *testing.T) []verdict {
	t.Helper()
	f, err := os.Open(filepath.Join(agreementDir, "verdicts.tsv"))
	if err != nil {
		t.Fatalf("agreement table: %v", err)
	}
	defer f.Close()
	var out []verdict
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
		if line == 0 || strings.TrimSpace(sc.Text()) == "" {
			continue // header
		}
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) < 2 || (cols[1] != "valid" && cols[1] != "invalid") {
			t.Fatalf("verdicts.tsv line %d: want file<TAB>valid|invalid<TAB>message, got %q", line+1, sc.Text())
		}
		v := verdict{file: cols[0], verdict: cols[1]}
		if len(cols) == 3 {
			v.message = cols[2]
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAgreementWithCollector requires otelcfg's verdict (any error finding
// or none) to equal `otelcol validate`'s on every config of the table.
func TestAgreementWithCollector(t *testing.T) {
	vs := readVerdicts(t)
	if len(vs) < 40 {
		t.Fatalf("agreement table has only %d rows", len(vs))
	}
	listed := map[string]bool{}
	for _, v := range vs {
		listed[v.file] = true
		t.Run(v.file, func(t *testing.T) {
			res, err := LintPaths(ctx, []string{filepath.Join(agreementDir, v.file)}, nil, Options{Kind: config.KindConfig, NoSettings: true})
			if err != nil {
				t.Fatalf("lint: %v", err)
			}
			var errs []string
			for _, f := range res.Findings {
				if f.Severity == lint.Error {
					errs = append(errs, f.String())
				}
			}
			got := "valid"
			if len(errs) > 0 {
				got = "invalid"
			}
			reason, known := knownDisagreements[v.file]
			switch {
			case got != v.verdict && !known:
				t.Errorf("collector says %s (%s); otelcfg says %s: %s", v.verdict, v.message, got, strings.Join(errs, "; "))
			case got == v.verdict && known:
				t.Errorf("otelcfg now agrees with the collector (%s); remove it from knownDisagreements (%s)", v.verdict, reason)
			}
		})
	}
	// Every config in the corpus must have a verdict, so none is unchecked.
	matches, _ := filepath.Glob(filepath.Join(agreementDir, "*", "*.yaml"))
	var missing []string
	for _, m := range matches {
		rel, _ := filepath.Rel(agreementDir, m)
		if !listed[filepath.ToSlash(rel)] {
			missing = append(missing, rel)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("configs without a verdict in verdicts.tsv: %v", missing)
	}
}

// TestAgreementCoverage requires the corpus to define at least
// minComponentTypes component types in configs the collector accepted, so
// each of them was decoded and validated by a real collector.
func TestAgreementCoverage(t *testing.T) {
	cat := catalog.Default()
	types := map[string]bool{}
	for _, v := range readVerdicts(t) {
		if v.verdict != "valid" {
			continue
		}
		docs, err := config.LoadFile(filepath.Join(agreementDir, v.file), config.Options{Kind: config.KindConfig})
		if err != nil || len(docs) == 0 || docs[0].Config == nil {
			t.Fatalf("%s: %v", v.file, err)
		}
		for _, class := range catalog.Classes {
			section := docs[0].Config.Get(string(class) + "s")
			if section == nil {
				continue
			}
			for _, e := range section.Entries {
				typ, _, _ := strings.Cut(e.Key, "/")
				typ = strings.TrimSpace(typ)
				if c, ok := cat.Lookup(class, typ); ok {
					typ = c.Type
				}
				types[string(class)+"/"+typ] = true
			}
		}
	}
	if len(types) < minComponentTypes {
		var list []string
		for k := range types {
			list = append(list, k)
		}
		sort.Strings(list)
		t.Errorf("the corpus defines %d component types in valid configs, want at least %d: %v", len(types), minComponentTypes, list)
	}
}

package linter

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// agreementDir holds plain collector configs and the verdict a real
// collector build gave each (testdata/agreement/README.md says how the
// table was made).
var agreementDir = filepath.Join("..", "..", "testdata", "agreement")

// knownDisagreements lists configs where otelcfg's verdict differs from the
// collector's today, with the reason. They are component-setting checks
// (keys and values inside a component), which otelcfg does not do yet. The
// test fails when one of them starts agreeing, so the list stays exact.
var knownDisagreements = map[string]string{
	"structure/006-exporter-type-not-in-build.yaml":                  "datadog is in otelcol-contrib, which otelcfg models; the reference build is a custom 44-component collector without it",
	"structure/046-null-otlp-receiver.yaml":                          "the otlp receiver's own Validate() requires a protocol; component settings are not checked yet",
	"components/002-debug-verbosity-invalid-enum.yaml":               settingsReason,
	"components/005-otlp-grpc-exporter-missing-endpoint.yaml":        settingsReason,
	"components/006-otlp-http-exporter-missing-endpoint.yaml":        settingsReason,
	"components/007-memory-limiter-no-limits.yaml":                   settingsReason,
	"components/008-memory-limiter-spike-above-limit.yaml":           settingsReason,
	"components/010-filter-bad-ottl.yaml":                            settingsReason,
	"components/011-transform-unknown-function.yaml":                 settingsReason,
	"components/012-attributes-invalid-action.yaml":                  settingsReason,
	"components/013-prometheus-receiver-no-scrape-configs.yaml":      settingsReason,
	"components/014-probabilistic-sampler-negative.yaml":             settingsReason,
	"components/015-otlp-exporter-bad-compression.yaml":              settingsReason,
	"components/017-file-exporter-missing-path.yaml":                 settingsReason,
	"components/018-prometheus-exporter-missing-endpoint.yaml":       settingsReason,
	"components/019-telemetry-logs-bad-level.yaml":                   settingsReason,
	"components/020-resource-processor-missing-action.yaml":          settingsReason,
	"components/021-load-balancing-missing-resolver.yaml":            settingsReason,
	"components/023-health-check-unknown-key.yaml":                   settingsReason,
	"components/024-prometheusremotewrite-empty-external-label.yaml": settingsReason,
}

// settingsReason explains the components/ cases: keys, types and values
// inside a component are checked by the component schemas (CUE), not by
// the structural rules.
const settingsReason = "component settings are not checked yet"

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
			res, err := Run(Options{Paths: []string{filepath.Join(agreementDir, v.file)}, Kind: config.KindConfig, NoSettings: true})
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

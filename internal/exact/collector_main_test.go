package exact_test

import (
	"log"
	"os"
	"testing"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/provider/envprovider"
	"go.opentelemetry.io/collector/confmap/provider/fileprovider"
	"go.opentelemetry.io/collector/confmap/provider/yamlprovider"
	"go.opentelemetry.io/collector/otelcol"

	"github.com/otelcfg/otelcfg/internal/exact/coreset"
)

// TestMain lets the test binary double as a collector built like OCB
// builds one (with OTELCFG_TEST_COLLECTOR=1): `validate`, `components`,
// with the core component set, so that --collector is tested against the
// collector's own command line, texts and exit codes.
func TestMain(m *testing.M) {
	if os.Getenv("OTELCFG_TEST_COLLECTOR") == "1" {
		collectorMain()
		return
	}
	os.Exit(m.Run())
}

func collectorMain() {
	set := otelcol.CollectorSettings{
		BuildInfo: component.BuildInfo{Command: "otelcol-test", Description: "otelcfg test collector", Version: "0.158.0-test"},
		Factories: coreset.Factories,
		ConfigProviderSettings: otelcol.ConfigProviderSettings{ResolverSettings: confmap.ResolverSettings{
			ProviderFactories: []confmap.ProviderFactory{envprovider.NewFactory(), fileprovider.NewFactory(), yamlprovider.NewFactory()},
			DefaultScheme:     "env",
		}},
	}
	// As OCB's generated main does.
	if err := otelcol.NewCommand(set).Execute(); err != nil {
		log.Fatalf("collector server run finished with error: %v", err)
	}
	os.Exit(0)
}

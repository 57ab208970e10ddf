package components

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// TestFactoriesMatchCatalog builds every compiled-in factory and checks that
// it registers the type, and the deprecated alias, that the catalog read
// from the module's metadata.yaml.
func TestFactoriesMatchCatalog(t *testing.T) {
	cat := catalog.Default()
	for _, e := range compiled {
		t.Run(string(e.Class)+"/"+e.Type, func(t *testing.T) {
			f := e.newFactory()
			if got := f.Type().String(); got != e.Type {
				t.Errorf("factory type %q, generated entry says %q", got, e.Type)
			}
			comp, ok := cat.Lookup(e.Class, f.Type().String())
			if !ok {
				t.Fatalf("catalog has no %s %q", e.Class, f.Type())
			}
			if comp.Type != f.Type().String() || comp.Module != e.Path || comp.Version != e.Version {
				t.Errorf("catalog: %s %s@%s, compiled: %s %s@%s", comp.Type, comp.Module, comp.Version, f.Type(), e.Path, e.Version)
			}
			var aliases []string
			if a, ok := DeprecatedAlias(f); ok {
				aliases = append(aliases, a.String())
			}
			if !slices.Equal(aliases, comp.DeprecatedTypes) {
				t.Errorf("factory accepts deprecated names %q, catalog lists %q", aliases, comp.DeprecatedTypes)
			}
			if f.CreateDefaultConfig() == nil {
				t.Error("CreateDefaultConfig returned nil")
			}
		})
	}
}

// TestFactories checks the maps a collector would get: every type under its
// class, deprecated aliases keyed to the same factory, modules by type.
func TestFactories(t *testing.T) {
	f, err := Factories()
	if err != nil {
		t.Fatal(err)
	}
	if f.Telemetry == nil {
		t.Error("no telemetry factory")
	}
	counts := map[catalog.Class]int{}
	for _, m := range Modules() {
		counts[m.Class]++
		typ := component.MustNewType(m.Type)
		fac := Lookup(f, m.Class, m.Type)
		mod := map[catalog.Class]map[component.Type]string{
			catalog.Receiver: f.ReceiverModules, catalog.Processor: f.ProcessorModules, catalog.Exporter: f.ExporterModules,
			catalog.Connector: f.ConnectorModules, catalog.Extension: f.ExtensionModules,
		}[m.Class][typ]
		if fac == nil {
			t.Errorf("%s %s: no factory", m.Class, m.Type)
			continue
		}
		if mod != m.Path+" "+m.Version {
			t.Errorf("%s %s: module %q", m.Class, m.Type, mod)
		}
	}
	aliases := 0
	for class, n := range map[catalog.Class]int{
		catalog.Receiver: len(f.Receivers), catalog.Processor: len(f.Processors), catalog.Exporter: len(f.Exporters),
		catalog.Connector: len(f.Connectors), catalog.Extension: len(f.Extensions),
	} {
		if n < counts[class] {
			t.Errorf("%s: %d factories for %d modules", class, n, counts[class])
		}
		aliases += n - counts[class]
	}
	// Every alias key maps to the factory of the new type.
	seen := 0
	for typ, fac := range f.Exporters {
		if fac.Type() != typ {
			seen++
			if a, ok := DeprecatedAlias(fac); !ok || a != typ {
				t.Errorf("exporter key %q maps to %q, whose alias is %q", typ, fac.Type(), a)
			}
		}
	}
	if _, ok := f.Exporters[component.MustNewType("otlp")]; !ok {
		t.Error(`the deprecated exporter name "otlp" is not accepted`)
	}
	if seen == 0 || aliases == 0 {
		t.Errorf("no alias keys (exporters %d, all %d)", seen, aliases)
	}
}

func TestModules(t *testing.T) {
	mods := Modules()
	if len(mods) < 80 {
		t.Fatalf("%d modules compiled in, want the whole downloadable set", len(mods))
	}
	if !slices.IsSortedFunc(mods, func(a, b Module) int {
		if c := slices.Index(catalog.Classes, a.Class) - slices.Index(catalog.Classes, b.Class); c != 0 {
			return c
		}
		return strings.Compare(a.Type, b.Type)
	}) {
		t.Error("modules are not in class, type order")
	}
	for _, m := range mods {
		if m.Version != Release && !pinnedBelow[m.Path] {
			t.Errorf("%s at %s, release is %s", m.Path, m.Version, Release)
		}
	}
}

// pinnedBelow are the modules pinned below the release because the proxy
// refuses the release's version (shared/DESIGN.md §3).
var pinnedBelow = map[string]bool{
	"github.com/open-telemetry/opentelemetry-collector-contrib/connector/routingconnector": true,
	"github.com/open-telemetry/opentelemetry-collector-contrib/extension/pprofextension":   true,
	"go.opentelemetry.io/collector/receiver/nopreceiver":                                   true,
}

// TestNotLinkedIntoLintPath guards otelcfg's start-up budget: the lint
// binary links no collector, contrib, Helm or Kubernetes package, and not
// this package.
func TestNotLinkedIntoLintPath(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-deps", "./cmd/otelcfg")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/otelcfg: %v", err)
	}
	forbidden := []string{
		"github.com/otelcfg/otelcfg/internal/components",
		"go.opentelemetry.io/collector/",
		"github.com/open-telemetry/",
		"helm.sh/",
		"k8s.io/",
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if pkg == strings.TrimSuffix(f, "/") || strings.HasPrefix(pkg, f) {
				t.Errorf("cmd/otelcfg links %s", pkg)
			}
		}
	}
}

package catalog

import (
	"context"
	"os/exec"
	"reflect"
	"testing"
	"time"

	"github.com/otelcfg/otelcfg/internal/gen/catalog/catgen"
)

// TestGeneratorReproducible downloads a few component modules from the module
// proxy and checks that the generator's core turns them into exactly the
// committed entries. It needs the module proxy (skipped with -short).
func TestGeneratorReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the Go module proxy")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	sample := []catgen.Module{
		{Class: catgen.Receiver, Path: "go.opentelemetry.io/collector/receiver/otlpreceiver", Version: "v0.158.0"},
		{Class: catgen.Exporter, Path: "go.opentelemetry.io/collector/exporter/debugexporter", Version: "v0.158.0"},
		{Class: catgen.Connector, Path: "github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector", Version: "v0.158.0"},
		{Class: catgen.Extension, Path: "github.com/open-telemetry/opentelemetry-collector-contrib/extension/pprofextension", Version: "v0.155.0"},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	reads, err := catgen.ReadModules(ctx, sample, 2, catgen.GoModDownload)
	if err != nil {
		t.Fatal(err)
	}
	byModule := map[string]Component{}
	for _, c := range generated() {
		byModule[c.Module+"@"+c.Version] = c
	}
	for _, r := range reads {
		if r.Refusal != "" {
			t.Fatalf("%s refused: %s", r.Module.ID(), r.Refusal)
		}
		got := fromGen(*r.Component)
		want, ok := byModule[r.Module.ID()]
		if !ok {
			t.Errorf("%s is not in the committed catalog", r.Module.ID())
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %+v\n want %+v\nrun go generate ./internal/catalog", r.Module.ID(), got, want)
		}
	}
}

func fromGen(c catgen.Component) Component {
	return Component{
		Class:           Class(c.Class),
		Type:            c.Type,
		DeprecatedTypes: c.DeprecatedTypes,
		Stability:       c.Stability,
		Distributions:   c.Distributions,
		Module:          c.Module,
		Version:         c.Version,
		Source:          c.Source,
		Upstream:        c.Upstream,
	}
}

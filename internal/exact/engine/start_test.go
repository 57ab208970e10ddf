package engine

import (
	"testing"

	"github.com/otelcfg/otelcfg/internal/exact/coreset"
)

// TestStartListed: every compiled-in processor and connector has been read
// and classified, startable or not, so that a new one is a decision, not
// a silent skip. (Swap in the full component set to check it too.)
func TestStartListed(t *testing.T) {
	f, err := coreset.Factories()
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, p := range f.Processors {
		types = append(types, p.Type().String())
	}
	for _, c := range f.Connectors {
		types = append(types, c.Type().String())
	}
	for _, typ := range types {
		_, yes := startable[typ]
		_, no := notStartable[typ]
		if yes == no {
			t.Errorf("%s: put it in startable or notStartable (start.go), with the reason read in its Start", typ)
		}
	}
}

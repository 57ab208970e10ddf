package defaults

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// TestData: the generated data is sorted (Lookup and Get search it), every
// value is JSON, and every component is the catalog's, at the module
// version the catalog names.
func TestData(t *testing.T) {
	all := All()
	if len(all) < 80 {
		t.Fatalf("%d components, want the compiled-in set", len(all))
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool {
		return all[i].Class < all[j].Class || all[i].Class == all[j].Class && all[i].Type < all[j].Type
	}) {
		t.Error("components are not sorted by class, type")
	}
	cat := catalog.Default()
	for i := range all {
		c := &all[i]
		got, ok := Lookup(c.Class, c.Type)
		if !ok || got != c {
			t.Errorf("Lookup(%s, %s) does not find it", c.Class, c.Type)
		}
		cc, ok := cat.Lookup(catalog.Class(c.Class), c.Type)
		if !ok || cc.Type != c.Type {
			t.Errorf("%s %s: not a current type of the catalog", c.Class, c.Type)
		} else if cc.Module != c.Module {
			t.Errorf("%s %s: module %s, catalog says %s", c.Class, c.Type, c.Module, cc.Module)
		}
		for j, s := range c.Settings {
			if j > 0 && c.Settings[j-1].Path >= s.Path {
				t.Errorf("%s %s: settings not sorted at %s", c.Class, c.Type, s.Path)
			}
			if !json.Valid([]byte(s.Value)) {
				t.Errorf("%s %s: %s = %s is not JSON", c.Class, c.Type, s.Path, s.Value)
			}
			if v, ok := c.Get(s.Path); !ok || v != s.Value {
				t.Errorf("%s %s: Get(%s) = %q, %v", c.Class, c.Type, s.Path, v, ok)
			}
		}
	}
}

func TestLookupMisses(t *testing.T) {
	for _, k := range [][2]string{{"processor", "batc"}, {"receiver", "batch"}, {"exporter", "otlp"}, {"", ""}, {"zzz", "zzz"}} {
		if _, ok := Lookup(k[0], k[1]); ok {
			t.Errorf("Lookup(%q, %q) found something", k[0], k[1])
		}
	}
	c, ok := Lookup("processor", "batch")
	if !ok {
		t.Fatal("no batch processor")
	}
	if _, ok := c.Get("no_such_key"); ok {
		t.Error("Get found a key batch does not have")
	}
	if c.Source() != "CreateDefaultConfig() of "+c.Module+"@"+c.Version {
		t.Errorf("Source() = %q", c.Source())
	}
}

package modzip

import "testing"

func TestRequires(t *testing.T) {
	gomod := []byte(`module example.com/a

go 1.24

require example.com/b v1.2.3 // indirect
require (
	example.com/c v0.9.0
	example.com/d v1.0.0-20240101000000-abcdef123456 // indirect
)

replace example.com/c => ../c
`)
	got := Requires(gomod)
	want := map[string]string{"example.com/b": "v1.2.3", "example.com/c": "v0.9.0", "example.com/d": "v1.0.0-20240101000000-abcdef123456"}
	if len(got) != len(want) {
		t.Fatalf("Requires = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Requires[%s] = %q, want %q", k, got[k], v)
		}
	}
	if m := ModulePath(gomod); m != "example.com/a" {
		t.Errorf("ModulePath = %q", m)
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"v1.64.0", "v1.55.0", 1},
		{"v0.158.0", "v0.158.0", 0},
		{"v0.9.0", "v0.10.0", -1},
		{"v1.0.0-rc1", "v1.0.0", -1},
		{"v1.0.0", "v1.0.0-rc1", 1},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestReason(t *testing.T) {
	if got := Reason("x: reading https://proxy/x/@v/v1.zip: 403 Forbidden"); got != "module proxy: 403 Forbidden (version not available)" {
		t.Errorf("Reason = %q", got)
	}
}

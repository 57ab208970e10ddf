package chart

import (
	"strings"
	"testing"
)

func TestFullname(t *testing.T) {
	long := strings.Repeat("r", 60)
	for _, tc := range []struct{ release, name, full, want string }{
		{"gw", "", "", "gw-opentelemetry-collector"},
		{"my-opentelemetry-collector", "", "", "my-opentelemetry-collector"},
		{"gw", "otel", "", "gw-otel"},
		{"otel-gw", "otel", "", "otel-gw"},
		{"gw", "otel", "gateway", "gateway"},
		{long, "", "", long[:60] + "-op"},
		{"gw", "", strings.Repeat("f", 62) + "-x", strings.Repeat("f", 62)},
	} {
		if got := Fullname(tc.release, tc.name, tc.full); got != tc.want {
			t.Errorf("Fullname(%q, %q, %q) = %q, want %q", tc.release, tc.name, tc.full, got, tc.want)
		}
	}
}

package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"batch", "memory_limiter", "protocols", "span_metrics", "traces", "metrics", "logs"}
	// A candidate Distance gives up on (it returns the bound) must not win a
	// tie against a real match found earlier.
	if got, ok := Closest("traceidration", []string{"always_on", "traceidratio", "jaeger_remote"}, 3); got != "traceidratio" || !ok {
		t.Errorf("Closest(traceidration) = %q, %v; want traceidratio", got, ok)
	}
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"batched", "batch", true},                 // two insertions
		{"protocol", "protocols", true},            // one insertion
		{"memroy_limiter", "memory_limiter", true}, // transposition counts once
		{"Traces", "traces", true},                 // keys are case-sensitive
		{"batch", "", false},                       // a known name needs no hint
		{"spans", "", false},                       // too far from everything
		{"log", "logs", true},
		{"xyz", "", false},
		{"span_metricz", "span_metrics", true}, // a nearer candidate after a farther one
	}
	for _, tt := range tests {
		got, ok := Closest(tt.in, names, Limit(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		bound int
		want  int
	}{
		{"kitten", "sitting", 10, 3},
		{"ab", "ba", 10, 1},
		{"", "abc", 10, 3},
		{"abcdef", "uvwxyz", 2, 2}, // gives up at the bound
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.bound); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.bound, got, tt.want)
		}
	}
}

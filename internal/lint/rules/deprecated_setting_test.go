package rules

import "testing"

func TestDeprecatedText(t *testing.T) {
	tests := []struct{ msg, release, want string }{
		{"Deprecated: use trace_conditions instead.", "v0.158.0", ": use trace_conditions instead."},
		{"Deprecated [v0.130.0]: Please use x instead", "v0.158.0", " since v0.130.0: Please use x instead"},
		{"Deprecated: [v0.75.0] use y", "v0.158.0", " since v0.75.0: use y"},
		// A removal date the release has passed is stale; a future one stays.
		{"Deprecated: Use z instead. It will be removed in v0.153.0.", "v0.158.0", ": Use z instead."},
		{"Deprecated: Use z instead. It will be removed in v0.158.0.", "v0.158.0", ": Use z instead."},
		{"Deprecated: Use z instead. It will be removed in v0.160.0.", "v0.158.0", ": Use z instead. It will be removed in v0.160.0."},
		{"Deprecated: Use z instead. This setting will be removed in v0.99.0", "v0.158.0", ": Use z instead."},
		{"no prefix at all", "v0.158.0", ": no prefix at all"},
	}
	for _, tt := range tests {
		if got := deprecatedText(tt.msg, tt.release); got != tt.want {
			t.Errorf("deprecatedText(%q, %q) = %q, want %q", tt.msg, tt.release, got, tt.want)
		}
	}
}

package simulate

import (
	"bytes"
	"strings"
	"testing"
)

// A stage that drops data says why, from the component's own counters;
// a stage that drops nothing has no reason.
func TestDropReasons(t *testing.T) {
	res := run(t, "sampling.yaml")
	for _, tc := range []struct{ pipeline, stage, want string }{
		{"traces", "tail_sampling", "otelcol_processor_tail_sampling_global_count_traces_sampled{decision=not_sampled,sampled=false} 2"},
		{"logs", "probabilistic_sampler", "otelcol_processor_probabilistic_sampler_count_logs_sampled{policy=missing_randomness,sampled=false} 2"},
	} {
		st := stage(t, pipe(t, res, tc.pipeline), tc.stage)
		if st.Dropped == 0 || !strings.Contains(st.Reason, tc.want) {
			t.Errorf("%s/%s: dropped %d, reason %q; want %q", tc.pipeline, tc.stage, st.Dropped, st.Reason, tc.want)
		}
	}
	res = run(t, "pipeline.yaml")
	p := pipe(t, res, "traces")
	if st := stage(t, p, "filter/health"); st.Reason != "otelcol_processor_filter_spans.filtered{filter=filter/health} 1" {
		t.Errorf("filter/health reason %q", st.Reason)
	}
	if st := stage(t, p, "attributes/env"); st.Reason != "" || st.Dropped != 0 {
		t.Errorf("attributes/env: dropped %d, reason %q; want none", st.Dropped, st.Reason)
	}
	var b bytes.Buffer
	if err := WriteText(&b, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "filter/health   3    2        1  (otelcol_processor_filter_spans.filtered{filter=filter/health} 1)") {
		t.Errorf("text report has no reason:\n%s", b.String())
	}
}

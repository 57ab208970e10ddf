package recording

import (
	"bytes"
	"testing"

	"github.com/otelcfg/otelcfg/internal/simulate/synth"
)

// BenchmarkSplitJSON measures finding where each request of a JSON-lines
// recording ends (the sequential part of reading a recording).
func BenchmarkSplitJSON(b *testing.B) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Signal: "traces", Count: 10_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := NewRecording("synth", bytes.NewReader(buf.Bytes()), "")
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := r.next()
			if err != nil {
				break
			}
		}
	}
}

package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const benchConfig = "../../testdata/simulate/bench/batch-attributes.yaml"

// benchRecording writes n synthetic spans as OTLP JSON lines or, with
// asProto, in the file exporter's proto format, to a temporary file.
func benchRecording(b *testing.B, n int, asProto bool) string {
	b.Helper()
	name, format := "traces.jsonl", "json"
	if asProto {
		name, format = "traces.pb", "proto"
	}
	path := filepath.Join(b.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := Synth(f, SynthOptions{Signal: "traces", Count: n, Seed: 1, Format: format}); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchReplay replays n spans through batch+attributes. With out, what
// the exporter receives is written (sorted) under a temporary directory,
// as --out does; otherwise it is counted, as a replay without --out does.
func benchReplay(b *testing.B, n int, asProto, out bool) {
	path := benchRecording(b, n, asProto)
	signal := ""
	if asProto {
		signal = "traces"
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opts := Options{Config: benchConfig, Inputs: []string{path}, Signal: signal, CountOnly: !out}
		if out {
			opts.OutDir = b.TempDir()
		}
		res, err := Run(opts)
		if err != nil {
			b.Fatal(err)
		}
		if got := res.Exporters[0].Items; got != n {
			b.Fatalf("exporter received %d spans, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "spans/s")
}

func BenchmarkReplayJSON10k(b *testing.B)     { benchReplay(b, 10_000, false, false) }
func BenchmarkReplayJSON40k(b *testing.B)     { benchReplay(b, 40_000, false, false) }
func BenchmarkReplayProto10k(b *testing.B)    { benchReplay(b, 10_000, true, false) }
func BenchmarkReplayProto40k(b *testing.B)    { benchReplay(b, 40_000, true, false) }
func BenchmarkReplayJSON40kOut(b *testing.B)  { benchReplay(b, 40_000, false, true) }
func BenchmarkReplayProto40kOut(b *testing.B) { benchReplay(b, 40_000, true, true) }

// BenchmarkSplitJSON measures finding where each request of a JSON-lines
// recording ends (the sequential part of reading a recording).
func BenchmarkSplitJSON(b *testing.B) {
	var buf bytes.Buffer
	if err := Synth(&buf, SynthOptions{Signal: "traces", Count: 10_000, Seed: 1}); err != nil {
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

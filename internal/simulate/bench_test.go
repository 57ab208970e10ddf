package simulate

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/otelcfg/otelcfg/internal/simulate/synth"
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
	if err := synth.Write(f, synth.Options{Signal: "traces", Count: n, Seed: 1, Format: format}); err != nil {
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
	benchReplayConfig(b, benchConfig, n, asProto, out, func(res *Result) error {
		if got := res.Exporters[0].Items; got != n {
			return fmt.Errorf("exporter received %d spans, want %d", got, n)
		}
		return nil
	})
}

// benchReplayConfig replays n spans through config; check looks at each
// result.
func benchReplayConfig(b *testing.B, config string, n int, asProto, out bool, check func(*Result) error) {
	path := benchRecording(b, n, asProto)
	signal := ""
	if asProto {
		signal = "traces"
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opts := Options{Config: config, Inputs: []string{path}, Signal: signal, CountOnly: !out}
		if out {
			opts.OutDir = b.TempDir()
		}
		res, err := Run(b.Context(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := check(res); err != nil {
			b.Fatal(err)
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

// benchFanout replays n spans through testdata/simulate/bench/fanout.yaml:
// a receiver in two pipelines, a forward connector into two more, three
// of the four mutating (three copies of each batch). Every pipeline gets
// every span but the health checks filter drops.
func benchFanout(b *testing.B, n int, out bool) {
	benchReplayConfig(b, "../../testdata/simulate/bench/fanout.yaml", n, false, out, func(res *Result) error {
		raw := 0
		for _, x := range res.Exporters {
			if x.ID == "otlp_grpc/raw" {
				raw = x.Items
			}
		}
		if raw != n {
			return fmt.Errorf("otlp_grpc/raw received %d spans, want %d", raw, n)
		}
		for _, x := range res.Exporters {
			if x.ID != "otlp_grpc/raw" && (x.Items == 0 || x.Items > n) {
				return fmt.Errorf("%s received %d spans of %d", x.ID, x.Items, n)
			}
		}
		if len(res.Failures) > 0 {
			return fmt.Errorf("failures: %v", res.Failures)
		}
		return nil
	})
}

func BenchmarkReplayFanout40k(b *testing.B)    { benchFanout(b, 40_000, false) }
func BenchmarkReplayFanout40kOut(b *testing.B) { benchFanout(b, 40_000, true) }

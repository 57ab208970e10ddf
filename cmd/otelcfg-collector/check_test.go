package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func TestCheckCommand(t *testing.T) {
	req := &exact.Request{Version: exact.ProtocolVersion, Configs: []exact.ConfigInput{
		{ID: "a", Config: map[string]any{"exporters": map[string]any{"debug": map[string]any{"verbosity": "loud"}}}},
		{ID: "b", Config: map[string]any{"exporters": map[string]any{"debug": nil}}},
	}}
	io, stdin, stdout, stderr := iostreams.Test()
	if err := exact.WriteJSON(stdin, req); err != nil {
		t.Fatal(err)
	}
	if code := run(io, []string{"check"}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	resp, err := exact.ReadResponse(stdout)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) != 2 || resp.Results[0].ID != "a" || resp.Results[1].ID != "b" {
		t.Fatalf("results: %+v", resp.Results)
	}
	if e := resp.Results[0].Errors; len(e) != 1 || e[0].Message != `'verbosity' unknown metrics level "loud"` {
		t.Errorf("a: %+v", e)
	}
	if e := resp.Results[1].Errors; len(e) != 0 {
		t.Errorf("b: %+v", e)
	}
	if !strings.HasSuffix(resp.Engine.Name, " "+version) || resp.Engine.Collector != "v0.158.0" || len(resp.Engine.Types[exact.KindProcessor]) == 0 {
		t.Errorf("engine: %+v", resp.Engine)
	}
}

func TestCheckCommandBadRequest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"version": 0}`, "check request version 0: this program speaks version 1"},
		{`not json`, "reading the check request"},
		{`{"version": 1, "feature_gates": ["no.such.gate"]}`, `feature gate "no.such.gate"`},
	} {
		io, stdin, _, stderr := iostreams.Test()
		stdin.WriteString(tc.in)
		if code := run(io, []string{"check"}); code != cli.ExitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q", tc.in, code, stderr)
		}
	}
}

// TestCheckProgram runs otelcfg lint's side against this program as a
// separate process (the test binary doubles as otelcfg-collector).
func TestCheckProgram(t *testing.T) {
	prog, err := exec.LookPath(cli.CollectorProgram) // set up on PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	docs, err := config.LoadBytes("c.yaml", []byte(`processors:
  batch:
    timeout: 5x
`), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs, st, err := exact.Check(context.Background(), docs, exact.Options{Runner: exact.PluginRunner{Path: prog}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	if want := "c.yaml:3:5: error component-config-invalid: processors::batch: 'timeout' time: unknown unit\n"; b.String() != want {
		t.Errorf("got:\n%swant:\n%s", &b, want)
	}
	if !strings.Contains(st.Engine, "(collector v0.158.0)") {
		t.Errorf("engine %q", st.Engine)
	}
}

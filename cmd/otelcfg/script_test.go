package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/clitest"
	"github.com/otelcfg/otelcfg/internal/cli/rendercli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// TestMain lets the test binary double as the otelcfg command, so scripts
// run the real entry point (Main) as a separate process, and as
// otelcfg-render with its commands' declarations but not their work
// (package rendercli without renderrun): enough for scripts to check what
// otelcfg forwards (help, completion, version) without linking the Helm
// SDK. (No otelcfg-collector: otelcfg lint would run its check.)
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"otelcfg": func() { os.Exit(Main()) },
		cli.RenderProgram: func() {
			io := iostreams.System()
			os.Exit(cli.MainCompanion(rendercli.NewRootCmd(io, version, rendercli.Run{}), io, nil))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. OTELCFG_UPDATE=1 rewrites the
// expected files in the archives from the actual output.
//
// Besides the standard testscript commands, scripts may use
//
//	exitcode N PROG [ARGS...]  run PROG and require exit status N (and no Go panic)
//	genfile KIND FILE [MiB]   write a hostile input generated at run time
//
// and the condition [root] (running as root, so file modes do not stop reads).
//
// Scripts run with OTELCFG_FAST=1: the otelcfg-collector program is not
// installed in the test environment, and only exact.txtar is about it.
func TestScripts(t *testing.T) {
	p := clitest.Params(t, "testdata/script")
	p.Setup = func(env *testscript.Env) error {
		env.Setenv("OTELCFG_FAST", "1")
		return nil
	}
	p.Cmds["genfile"] = cmdGenfile
	p.Condition = func(cond string) (bool, error) {
		if cond == "root" {
			return os.Geteuid() == 0, nil
		}
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	testscript.Run(t, p)
}

// cmdGenfile writes inputs too large or too hostile to keep in the
// repository (see hostileInput for the kinds):
//
//	genfile KIND FILE [MiB]
func cmdGenfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: genfile KIND FILE [MiB]")
	}
	mib := 0
	if args[0] == "big" {
		if len(args) != 3 {
			ts.Fatalf("usage: genfile big FILE MiB")
		}
		var err error
		mib, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	data, err := hostileInput(args[0], mib)
	if err != nil {
		ts.Fatalf("genfile: %v", err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data, 0o644))
}

// hostileInput generates one kind of hostile input:
//
//	big        a valid YAML file of mib mebibytes (comment padding)
//	bomb       a billion-laughs alias bomb (9^9 nodes when expanded)
//	deep       block maps nested 300 levels deep
//	deepflow   flow sequences nested 20000 levels deep
//	lines      a valid config of 540,000 short list items (over the node
//	           limit of an 8 MiB input, under that of 16 MiB)
//	binary     random-looking bytes with NULs
//	nul        a config with one NUL byte on line 3
//	badutf8    a config with invalid UTF-8 on line 4
//	protobuf   a binary OTLP ExportTraceServiceRequest (NUL bytes, invalid UTF-8)
//	pbtext     a binary OTLP ExportLogsServiceRequest that happens to be
//	           valid UTF-8 without NULs (only control characters show it)
func hostileInput(kind string, mib int) ([]byte, error) {
	var b bytes.Buffer
	switch kind {
	case "big":
		b.WriteString("receivers:\n  otlp:\n")
		line := "# " + strings.Repeat("padding ", 15) + "\n"
		b.Grow(mib<<20 + len(line))
		for b.Len() < mib<<20 {
			b.WriteString(line)
		}
	case "bomb":
		b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
		prev := "a"
		for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
			fmt.Fprintf(&b, "%s: &%s [%s]\n", n, n, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
			prev = n
		}
		b.WriteString("receivers:\n  otlp:\n    x: *i\n")
	case "deep":
		b.WriteString("receivers:\n")
		for i := 1; i <= 300; i++ {
			fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat("  ", i), i)
		}
	case "deepflow":
		b.WriteString("receivers: ")
		b.WriteString(strings.Repeat("[", 20000))
		b.WriteString(strings.Repeat("]", 20000))
		b.WriteString("\n")
	case "lines":
		b.WriteString("receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\n")
		b.WriteString("service:\n  pipelines:\n    traces: {receivers: [otlp], exporters: [debug]}\nx-notes:\n")
		b.WriteString(strings.Repeat("  - 1\n", 540_000))
	case "binary":
		for i := 0; i < 4096; i++ {
			b.WriteByte(byte(i*7919 + i>>3))
		}
	case "nul":
		b.WriteString("receivers:\n  otlp:\n    x: a\x00b\n")
	case "badutf8":
		b.WriteString("receivers:\n  otlp:\n    protocols:\n      grpc: \xff\xfe\n")
	case "protobuf":
		td := ptrace.NewTraces()
		rs := td.ResourceSpans().AppendEmpty()
		rs.Resource().Attributes().PutStr("service.name", "checkout")
		sp := rs.ScopeSpans().AppendEmpty().Spans().AppendEmpty()
		sp.SetName("POST /cart")
		sp.SetTraceID(pcommon.TraceID{0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c})
		sp.SetSpanID(pcommon.SpanID{0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74})
		sp.SetStartTimestamp(1735689600000000000)
		sp.SetEndTimestamp(1735689600100000000)
		sp.SetKind(ptrace.SpanKindServer)
		data, err := (&ptrace.ProtoMarshaler{}).MarshalTraces(td)
		if err != nil {
			return nil, err
		}
		b.Write(data)
	case "pbtext":
		// ExportLogsServiceRequest{resource_logs: {resource: {attributes:
		// [{key: "service.name", value: {string_value: "checkout"}}]}}},
		// encoded by hand: pdata's encoder writes NUL bytes for empty fields.
		kv := append(append([]byte{0x0a, 12}, "service.name"...), append([]byte{0x12, 10, 0x0a, 8}, "checkout"...)...)
		res := append([]byte{0x0a, byte(len(kv))}, kv...)
		rl := append([]byte{0x0a, byte(len(res))}, res...)
		b.Write(append([]byte{0x0a, byte(len(rl))}, rl...))
	default:
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	return b.Bytes(), nil
}

package renderrun

import (
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

func run(io *iostreams.IOStreams, args []string) int {
	return cli.MainCompanion(NewRootCmd(io, "test"), io, args)
}

func TestConvertCommand(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	if code := run(io, []string{"convert", "../../../../testdata/render/sidecar-cr.yaml", "--to", "v1beta1"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "apiVersion: opentelemetry.io/v1beta1") {
		t.Errorf("stdout:\n%s", out)
	}

	io, _, out, errOut = iostreams.Test()
	if code := run(io, []string{"convert", "../../../../testdata/seed/sidecar-cr.yaml", "--to", "v1beta1"}); code != cli.ExitFailed {
		t.Fatalf("seed sidecar: exit %d", code)
	}
	if out.Len() != 0 || !strings.Contains(errOut.String(), "otelcfg convert: the generated output does not pass `otelcfg lint`") || !strings.Contains(errOut.String(), "logging exporter was removed") {
		t.Errorf("seed sidecar: stdout %q, stderr:\n%s", out, errOut)
	}

	io, _, _, errOut = iostreams.Test()
	if code := run(io, []string{"convert", "../../../../testdata/render/sidecar-cr.yaml"}); code != cli.ExitUsage {
		t.Errorf("without --to: exit %d: %s", code, errOut)
	}
}

func TestOperatorInstrumentation(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	if code := run(io, []string{"render", "operator", "../../../../testdata/render/gateway.yaml", "--name", "gw", "--namespace", "monitoring", "--instrumentation"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs := strings.Split(out.String(), "\n---\n")
	if len(docs) != 2 || !strings.Contains(docs[0], "kind: OpenTelemetryCollector") || !strings.Contains(docs[1], "kind: Instrumentation") {
		t.Fatalf("want the CR then the Instrumentation:\n%s", out)
	}
	if !strings.Contains(docs[1], "endpoint: http://gw-collector.monitoring.svc.cluster.local:4317") {
		t.Errorf("Instrumentation endpoint:\n%s", docs[1])
	}

	io, in, _, errOut := iostreams.Test()
	in.WriteString("receivers:\n  zipkin:\n    endpoint: 0.0.0.0:9411\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [zipkin]\n      exporters: [debug]\n")
	if code := run(io, []string{"render", "operator", "-", "--instrumentation"}); code == cli.ExitOK || !strings.Contains(errOut.String(), "no otlp receiver") {
		t.Errorf("without otlp: exit %d: %s", code, errOut)
	}
}

// TestOptionErrorsAreUsageErrors: an option the generator cannot use is
// exit 2 and names the flag; a rejected output is exit 1.
func TestOptionErrorsAreUsageErrors(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	if code := run(io, []string{"render", "operator", "../../../../testdata/render/gateway.yaml", "--api", "v2"}); code != cli.ExitUsage {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := errOut.String(); got != "otelcfg render: --api \"v2\": want v1beta1 or v1alpha1\n" {
		t.Errorf("stderr %q", got)
	}
}

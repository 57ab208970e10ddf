package exact

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/config"
)

func load(t *testing.T, src string, env map[string]string) *config.Document {
	t.Helper()
	docs, err := config.LoadBytes("c.yaml", []byte(src), config.Options{Env: env})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

func at(m map[string]any, path ...string) any {
	var v any = m
	for _, k := range path {
		v = v.(map[string]any)[k]
	}
	return v
}

func TestPrepareReferences(t *testing.T) {
	src := `exporters:
  otlp_grpc:
    endpoint: ${env:ENDPOINT}
    headers:
      tenant: team-${env:TENANT}-${TEAM}
      retries: ${env:RETRIES}
      price: "$$5"
      default: ${env:UNSET_WITH_DEFAULT:-4317}
      inside: x${env:UNSET_INSIDE:-y}z
      remote: ${https://example.com/h}
      pod: ${env:MY_POD_IP}
    sending_queue:
      num_consumers: 2
      ratio: 2.0
`
	doc := load(t, src, map[string]string{"RETRIES": "5", "TENANT": "a"})
	doc.DefinedEnv = []string{"MY_POD_IP"}
	p := prepare(doc, "7")
	if p.input.ID != "7" {
		t.Errorf("ID = %q", p.input.ID)
	}
	h := at(p.input.Config, "exporters", "otlp_grpc", "headers").(map[string]any)
	for k, want := range map[string]any{
		"tenant":  "team-a-", // TENANT given; ${TEAM} unset: nothing inside a string
		"price":   "$$5",     // the engine's resolver turns $$ into $, as the collector
		"default": "",        // a whole-value default goes through Expanded
		"inside":  "xyz",     // a default inside a string is substituted
		"remote":  "",        // a remote provider: null, recorded
		"pod":     "",        // the deployment's variable: null here, recorded
		"retries": "",        // given 5: typed by the loader, so expanded again
	} {
		if h[k] != want {
			t.Errorf("headers.%s = %#v, want %#v", k, h[k], want)
		}
	}
	sq := at(p.input.Config, "exporters", "otlp_grpc", "sending_queue").(map[string]any)
	if sq["num_consumers"] != 2 || sq["ratio"] != json.Number("2.0") {
		t.Errorf("numbers: %#v", sq)
	}
	var exp []string
	for _, e := range p.input.Expanded {
		exp = append(exp, strings.Join(e.Path, ".")+"="+e.Text)
	}
	wantExp := []string{
		"exporters.otlp_grpc.endpoint=",
		"exporters.otlp_grpc.headers.retries=5",
		"exporters.otlp_grpc.headers.default=4317",
		"exporters.otlp_grpc.headers.remote=",
		"exporters.otlp_grpc.headers.pod=",
	}
	if !sameSet(exp, wantExp) {
		t.Errorf("Expanded = %q, want %q", exp, wantExp)
	}
	var unres []string
	for _, u := range p.unresolved {
		unres = append(unres, strings.Join(u.path, ".")+" "+u.text+" "+u.name+" "+map[bool]string{true: "deployment", false: "-"}[u.deployment])
	}
	wantUnres := []string{
		"exporters.otlp_grpc.endpoint ${env:ENDPOINT} ENDPOINT -",
		"exporters.otlp_grpc.headers.tenant ${TEAM} TEAM -",
		"exporters.otlp_grpc.headers.remote ${https://example.com/h}  -",
		"exporters.otlp_grpc.headers.pod ${env:MY_POD_IP} MY_POD_IP deployment",
	}
	if !sameSet(unres, wantUnres) {
		t.Errorf("unresolved = %q, want %q", unres, wantUnres)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func TestPrepareStructures(t *testing.T) {
	// A variable whose value is a map, given with --env: expanded as text
	// (JSON is YAML) so that the collector's resolver reads it.
	doc := load(t, "receivers:\n  otlp: ${env:OTLP}\n", map[string]string{"OTLP": "{protocols: {grpc: }}"})
	p := prepare(doc, "0")
	if len(p.input.Expanded) != 1 || p.input.Expanded[0].Text != `{"protocols":{"grpc":null}}` || !reflect.DeepEqual(p.input.Expanded[0].Path, []string{"receivers", "otlp"}) {
		t.Errorf("Expanded = %+v", p.input.Expanded)
	}
	// A document without a config map is sent as an empty config.
	if p := prepare(&config.Document{File: "x"}, "1"); len(p.input.Config) != 0 {
		t.Errorf("nil config: %#v", p.input.Config)
	}
	// .inf cannot be JSON: it is sent as its YAML text.
	doc = load(t, "processors:\n  x:\n    f: .inf\n    g: 1e3\n", nil)
	x := at(prepare(doc, "0").input.Config, "processors", "x").(map[string]any)
	if x["f"] != ".inf" || x["g"] != json.Number("1000.0") {
		t.Errorf("floats: %#v", x)
	}
}

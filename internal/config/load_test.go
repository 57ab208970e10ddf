package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const crHead = "apiVersion: opentelemetry.io/v1alpha1\nkind: OpenTelemetryCollector\nmetadata:\n  name: sidecar\n  namespace: app\nspec:\n  mode: sidecar\n"

func TestDetectKind(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		opts      Options
		kind      Kind
		path      string // ConfigPath
		skipped   string // input-skipped message fragment, "" when checked
	}{
		{"plain config", "receivers: {otlp: {}}\n", Options{}, KindConfig, "", ""},
		{"plain config with only service", "service: {pipelines: {}}\n", Options{}, KindConfig, "", ""},
		{"helm values with mode", "mode: daemonset\n", Options{}, KindHelmValues, "config", ""},
		{"helm values with config", "config:\n  receivers: {}\n", Options{}, KindHelmValues, "config", ""},
		{"helm values with image", "image:\n  repository: x\n", Options{}, KindHelmValues, "config", ""},
		{"helm values with presets", "presets:\n  logsCollection: {enabled: true}\n", Options{}, KindHelmValues, "config", ""},
		{"helm values with a Service section", "mode: deployment\nservice:\n  type: LoadBalancer\n", Options{}, KindHelmValues, "config", ""},
		{"CR v1alpha1", crHead + "  config: |\n    receivers: {}\n", Options{}, KindOperatorCR, "spec.config", ""},
		{"CR v1beta1", "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nspec:\n  config:\n    receivers: {}\n", Options{}, KindOperatorCR, "spec.config", ""},
		{"ConfigMap", "apiVersion: v1\nkind: ConfigMap\ndata:\n  relay: |\n    receivers: {}\n", Options{}, KindConfigMap, "data.relay", ""},
		{"other Kubernetes kind", "apiVersion: apps/v1\nkind: Deployment\nspec: {}\n", Options{}, KindConfig, "", "Kubernetes apps/v1 Deployment"},
		{"unknown map", "foo: 1\n", Options{}, KindConfig, "", "not a collector config"},
		{"list document", "- receivers\n", Options{}, KindConfig, "", "document is a list"},
		{"scalar document", "hello\n", Options{}, KindConfig, "", "document is a scalar"},
		{"empty file", "", Options{}, KindConfig, "", "file is empty"},
		{"comments only", "# nothing\n", Options{}, KindConfig, "", "file is empty"},
		{"only a document marker", "---", Options{}, KindConfig, "", "file is empty"},
		{"explicit null", "~\n", Options{}, KindConfig, "", "file is empty"},
		{"lone CR line breaks", "\rreceivers: {}\r", Options{}, KindConfig, "", ""},
		{"--kind config overrides", "foo: 1\n", Options{Kind: KindConfig}, KindConfig, "", ""},
		{"--kind helm-values overrides", "receivers: {}\n", Options{Kind: KindHelmValues}, KindHelmValues, "config", ""},
		{"umbrella chart values", "image: {repository: app}\nopentelemetry-collector:\n  mode: deployment\n  config: {}\n", Options{}, KindHelmValues, "opentelemetry-collector.config", ""},
		{"umbrella with an aliased subchart", "opentelemetry-collector-agent:\n  presets: {}\n", Options{}, KindHelmValues, "opentelemetry-collector-agent.config", ""},
		{"umbrella with a disabled subchart", "opentelemetry-collector:\n  enabled: false\n  mode: deployment\n", Options{}, KindHelmValues, "", "subchart opentelemetry-collector is disabled"},
		{"a key naming the chart without its values", "opentelemetry-collector:\n  enabled: true\n", Options{}, KindConfig, "", "not a collector config"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, tc.src, tc.opts)
			if d.Kind != tc.kind || d.ConfigPath != tc.path {
				t.Errorf("kind %s path %q, want %s %q", d.Kind, d.ConfigPath, tc.kind, tc.path)
			}
			skipped := problemsWith(d.Problems, "input-skipped")
			switch {
			case tc.skipped == "" && len(skipped) > 0:
				t.Errorf("skipped: %v", skipped)
			case tc.skipped != "" && (len(skipped) != 1 || !strings.Contains(skipped[0].Message, tc.skipped)):
				t.Errorf("skipped %v, want %q", skipped, tc.skipped)
			case tc.skipped != "" && d.Config != nil:
				t.Errorf("skipped document has a config")
			}
		})
	}
}

// TestUmbrella: each collector subchart of an umbrella chart's values is
// one Helm values document whose Source is the subchart's values, with the
// file's positions.
func TestUmbrella(t *testing.T) {
	src := "grafana:\n  enabled: true\nopentelemetry-collector-agent:\n  mode: daemonset\n  config:\n    exporters: {debug: {}}\nopentelemetry-collector-gateway:\n  mode: deployment\n"
	var got []string
	var values *Node
	docs, err := LoadBytes("umbrella.yaml", []byte(src), Options{HelmRender: func(v *Node, file string) (*HelmResult, error) {
		values = v
		return &HelmResult{Config: v.Get("config"), Mode: scalar(v.Get("mode"))}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		got = append(got, fmt.Sprintf("%s %s %q mode=%s line=%d", d.Kind, d.ConfigPath, d.Name, d.Facts["mode"], d.Source.Pos.Line))
	}
	want := []string{
		`helm-values opentelemetry-collector-agent.config "Helm values of subchart opentelemetry-collector-agent" mode=daemonset line=4`,
		`helm-values opentelemetry-collector-gateway.config "Helm values of subchart opentelemetry-collector-gateway" mode=deployment line=8`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if values == nil || values.Get("mode") == nil {
		t.Fatal("HelmRender did not get the subchart's values")
	}
	if p := docs[0].Config.Get("exporters").Pos; p.Line != 6 || p.Col != 16 {
		t.Errorf("config position %v, want umbrella.yaml:6:16 (the file's own)", p)
	}
}

func TestOperatorCR(t *testing.T) {
	t.Run("facts, name, env", func(t *testing.T) {
		d := load1(t, crHead+"  env:\n    - name: MY_POD_IP\n  config: |\n    receivers: {}\n", Options{})
		if d.Name != "OpenTelemetryCollector app/sidecar" || d.Facts["mode"] != "sidecar" || d.Facts["apiVersion"] != "opentelemetry.io/v1alpha1" {
			t.Errorf("name %q facts %v", d.Name, d.Facts)
		}
		if !slices.Equal(d.DefinedEnv, []string{"MY_POD_IP"}) {
			t.Errorf("env %v", d.DefinedEnv)
		}
	})
	t.Run("no spec.config", func(t *testing.T) {
		d := load1(t, crHead, Options{})
		if got := codes(d.Problems); !slices.Equal(got, []string{"invalid-structure@1:1"}) || d.Config != nil {
			t.Errorf("problems %v", got)
		}
	})
	t.Run("v1beta1 keeps file positions", func(t *testing.T) {
		d := load1(t, "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nspec:\n  config:\n    receivers:\n      otlp: {}\n", Options{})
		if got := lc(keyPos(t, d.Config, "receivers.otlp")); got != "6:7" {
			t.Errorf("otlp at %s", got)
		}
	})
}

// TestEmbeddedPositions checks that a config held in a string maps to the
// lines and columns of the file for a literal block, and to the string's
// own position otherwise.
func TestEmbeddedPositions(t *testing.T) {
	for _, tc := range []struct {
		name, config string // the text after "  config:"
		receivers    string // position of key receivers
		otlp         string // position of key receivers.otlp
		endpoint     string // position of the endpoint value
	}{
		{"literal", " |\n    receivers:\n      otlp:\n        endpoint: x:1\n", "9:5", "10:7", "11:19"},
		{"literal strip", " |-\n    receivers:\n      otlp:\n        endpoint: x:1\n", "9:5", "10:7", "11:19"},
		{"literal keep with comment", " |+ # the config\n    receivers:\n      otlp:\n        endpoint: x:1\n", "9:5", "10:7", "11:19"},
		{"blank first line", " |\n\n    receivers:\n      otlp:\n        endpoint: x:1\n", "10:5", "11:7", "12:19"},
		{"indentation indicator", " |2\n      receivers:\n        otlp:\n          endpoint: x:1\n", "9:7", "10:9", "11:21"},
		{"deeper indentation", " |\n          receivers:\n            otlp:\n              endpoint: x:1\n", "9:11", "10:13", "11:25"},
		{"tab inside a line", " |\n    receivers:\n      otlp:\n        endpoint:\tx:1\n", "9:5", "10:7", "11:19"},
		{"double quoted", " \"receivers:\\n  otlp:\\n    endpoint: x:1\\n\"\n", "8:11", "8:11", "8:11"},
		{"single quoted", " 'receivers: {otlp: {endpoint: x:1}}'\n", "8:11", "8:11", "8:11"},
		{"folded", " >\n    receivers: {otlp: {endpoint: x:1}}\n", "8:11", "8:11", "8:11"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := crHead + "  config:" + tc.config
			for _, crlf := range []bool{false, true} {
				if crlf {
					src = strings.ReplaceAll(src, "\n", "\r\n")
				}
				d := load1(t, src, Options{})
				if len(d.Problems) != 0 {
					t.Fatalf("crlf=%v problems %v", crlf, d.Problems)
				}
				got := []string{lc(keyPos(t, d.Config, "receivers")), lc(keyPos(t, d.Config, "receivers.otlp")), lc(at(t, d.Config, "receivers.otlp.endpoint").Pos)}
				if want := []string{tc.receivers, tc.otlp, tc.endpoint}; !slices.Equal(got, want) {
					t.Errorf("crlf=%v positions %v, want %v", crlf, got, want)
				}
			}
		})
	}
}

func TestEmbeddedProblems(t *testing.T) {
	for _, tc := range []struct {
		name, config string
		want         []string
		msg          string
	}{
		{"syntax error maps to the file line", " |\n    receivers:\n      otlp: [\n", []string{"yaml-syntax@10:5"}, "did not find expected node content"},
		{"duplicate key maps to the file line", " |\n    receivers: {}\n    exporters: {}\n    receivers: {}\n", []string{"duplicate-key@11:5"}, "already defined at line 9;"},
		{"quoted: the string's position", " \"receivers: {}\\nreceivers: {}\\n\"\n", []string{"duplicate-key@8:11"}, "already defined at line 1 of the string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := load1(t, crHead+"  config:"+tc.config, Options{Limits: Limits{MaxDepth: 100}})
			if got := codes(d.Problems); !slices.Equal(got, tc.want) {
				t.Fatalf("problems %v, want %v", got, tc.want)
			}
			if !strings.Contains(d.Problems[0].Message, tc.msg) {
				t.Errorf("message %q lacks %q", d.Problems[0].Message, tc.msg)
			}
		})
	}
	t.Run("embedded limits apply", func(t *testing.T) {
		src := crHead + "  config: |\n    receivers: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n"
		_, err := LoadBytes("f.yaml", []byte(src), Options{Limits: Limits{MaxDepth: 100}})
		wantLimit(t, err, LimitDepth, "9:116", 100)
	})
	t.Run("depth limit position", func(t *testing.T) {
		_, err := LoadBytes("f.yaml", []byte(crHead+"  config: |\n    receivers: [[[[[x]]]]]\n"), Options{Limits: Limits{MaxDepth: 3}})
		wantLimit(t, err, LimitDepth, "9:19", 3)
	})
	t.Run("embedded limit in a ConfigMap", func(t *testing.T) {
		src := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  relay: |\n    receivers: [[[[[x]]]]]\n"
		_, err := LoadBytes("f.yaml", []byte(src), Options{Limits: Limits{MaxDepth: 3}})
		wantLimit(t, err, LimitDepth, "6:19", 3)
	})
}

func TestEmbeddedAlias(t *testing.T) {
	// The text of the config is under the anchor: positions map there.
	src := "apiVersion: opentelemetry.io/v1alpha1\nkind: OpenTelemetryCollector\nx-shared: &cfg |\n  receivers:\n    otlp: {}\nspec:\n  config: *cfg\n"
	d := load1(t, src, Options{})
	if got := lc(keyPos(t, d.Config, "receivers.otlp")); got != "5:5" {
		t.Errorf("otlp at %s, want 5:5", got)
	}
}

func TestConfigMap(t *testing.T) {
	head := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: otel\ndata:\n"
	for _, tc := range []struct {
		name, data string
		paths      []string // ConfigPath of each document
		problems   []string // of the first document
	}{
		{"chart key relay", "  relay: |\n    receivers:\n      otlp: {}\n", []string{"data.relay"}, nil},
		{"operator key collector.yaml", "  collector.yaml: |\n    exporters: {}\n", []string{"data.collector.yaml"}, nil},
		{"other keys skipped", "  script.sh: |\n    echo hi\n  relay: |\n    receivers: {}\n  extra.yaml: |\n    foo: 1\n", []string{"data.relay"}, nil},
		{"any key holding a config", "  my.yaml: |\n    receivers: {}\n", []string{"data.my.yaml"}, nil},
		{"broken relay still checked", "  relay: |\n    receivers: [\n", []string{"data.relay"}, []string{"yaml-syntax@7:5"}},
		{"no config at all", "  a: b\n", []string{""}, []string{"input-skipped@1:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := load(t, head+tc.data, Options{})
			var paths []string
			for _, d := range docs {
				paths = append(paths, d.ConfigPath)
			}
			if !slices.Equal(paths, tc.paths) {
				t.Fatalf("paths %v, want %v", paths, tc.paths)
			}
			if got := codes(docs[0].Problems); !slices.Equal(got, tc.problems) {
				t.Errorf("problems %v, want %v", got, tc.problems)
			}
		})
	}
	t.Run("positions in a data key", func(t *testing.T) {
		d := load1(t, head+"  relay: |\n    receivers:\n      otlp: {}\n", Options{})
		if got := lc(keyPos(t, d.Config, "receivers.otlp")); got != "8:7" {
			t.Errorf("otlp at %s", got)
		}
		if d.Name != "ConfigMap otel data.relay" {
			t.Errorf("name %q", d.Name)
		}
	})
}

func TestMultiDocument(t *testing.T) {
	src := "---\n---\nreceivers: {otlp: {}}\n---\n# empty\n---\napiVersion: v1\nkind: Service\n---\nexporters:\n  debug: {}\n"
	docs := load(t, src, Options{})
	var got []string
	for _, d := range docs {
		got = append(got, string(d.Kind)+"#"+string(rune('0'+d.Index)))
	}
	if want := []string{"config#1", "config#3", "config#4"}; !slices.Equal(got, want) {
		t.Fatalf("docs %v, want %v", got, want)
	}
	if len(problemsWith(docs[1].Problems, "input-skipped")) != 1 {
		t.Errorf("Service not skipped: %v", docs[1].Problems)
	}
	if got := lc(keyPos(t, docs[2].Config, "exporters.debug")); got != "11:3" {
		t.Errorf("debug at %s", got)
	}
}

func TestLoadFileStdinLikeErrors(t *testing.T) {
	_, err := LoadBytes("x", []byte{0}, Options{})
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err %v", err)
	}
}

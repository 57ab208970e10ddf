package exact

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestProtocolRoundTrip(t *testing.T) {
	req := &Request{
		Version:      ProtocolVersion,
		NoStart:      true,
		FeatureGates: []string{"service.profilesSupport"},
		Configs: []ConfigInput{{
			ID: "0",
			Config: map[string]any{
				"receivers": map[string]any{"otlp": map[string]any{"protocols": map[string]any{"grpc": nil}}},
				"processors": map[string]any{"batch": map[string]any{
					"send_batch_size": 8192,               // an int stays an int
					"ratio":           json.Number("2.0"), // a float written with a fraction stays a float
					"list":            []any{"a", true, 1.5},
				}},
			},
			Expanded: []ExpandedValue{{Path: []string{"processors", "batch", "timeout"}, Text: "5s"}},
		}},
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, req); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRequest(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := *req
	want.Configs = []ConfigInput{req.Configs[0]}
	want.Configs[0].Config = map[string]any{
		"receivers": map[string]any{"otlp": map[string]any{"protocols": map[string]any{"grpc": nil}}},
		"processors": map[string]any{"batch": map[string]any{
			"send_batch_size": 8192, "ratio": 2.0, "list": []any{"a", true, 1.5},
		}},
	}
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("request round trip:\n got %#v\nwant %#v", got, &want)
	}

	resp := &Response{
		Version: ProtocolVersion,
		Engine:  Engine{Name: "otelcfg-collector dev", Collector: "v0.158.0", Types: map[string][]string{KindReceiver: {"nop", "otlp"}}},
		Results: []Result{{
			ID: "0",
			Errors: []Error{
				{Stage: StageValidate, Kind: KindExporter, ID: "otlp_grpc", Message: "retry_on_failure: 'randomization_factor' must be within [0, 1]"},
				{Stage: StageCreate, Kind: KindProcessor, ID: "attributes", Pipeline: "traces", Message: "x", Panic: true},
				{Stage: StageValidate, Kind: KindExtension, ID: "file_storage", Message: "directory must exist", Host: "a directory"},
			},
			Components: []ComponentStatus{{Kind: KindReceiver, ID: "otlp", Status: StatusChecked, Stages: []string{StageDecode, StageValidate}}},
			Skipped:    []string{"start: not requested"},
		}},
	}
	buf.Reset()
	if err := WriteJSON(&buf, resp); err != nil {
		t.Fatal(err)
	}
	gotResp, err := ReadResponse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotResp, resp) {
		t.Errorf("response round trip:\n got %#v\nwant %#v", gotResp, resp)
	}
}

func TestProtocolVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		read func(string) error
		want string
	}{
		{"request", func(s string) error { _, err := ReadRequest(strings.NewReader(s)); return err }, "check request version 99: this program speaks version 1"},
		{"response", func(s string) error { _, err := ReadResponse(strings.NewReader(s)); return err }, "check response version 99: otelcfg speaks version 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.read(`{"version": 99}`); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			if err := tc.read(`{"version": `); err == nil || !strings.Contains(err.Error(), "reading the check") {
				t.Errorf("truncated JSON: got %v", err)
			}
		})
	}
}

package config

import (
	"reflect"
	"testing"
)

func TestPlain(t *testing.T) {
	docs, err := LoadBytes("c.yaml", []byte("a: 1\nb: 1.5\nc: true\nd: \"7\"\ne:\nf: [x, 0x10]\ng: {h: null}\n"), Options{Kind: KindConfig})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"a": 1, "b": 1.5, "c": true, "d": "7", "e": nil,
		"f": []any{"x", 16}, "g": map[string]any{"h": nil},
	}
	if got := docs[0].Config.Plain(); !reflect.DeepEqual(got, want) {
		t.Errorf("Plain() = %#v\nwant %#v", got, want)
	}
	var nilNode *Node
	if nilNode.Plain() != nil {
		t.Error("nil node is not nil")
	}
}

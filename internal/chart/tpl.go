package chart

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"
)

// TplKind says what the chart's `tpl` does to a string of the config.
type TplKind int

const (
	// TplNone: no template action, or only escapes ({{"{{"}}): the text
	// reaches the collector as written (escapes turned into `{{`).
	TplNone TplKind = iota
	// TplHelm: a real Helm template (.Values, .Release, a Helm function, a
	// variable, a trim marker): the user meant it; otelcfg does not
	// evaluate it.
	TplHelm
	// TplFails: tpl cannot parse or run it, so `helm install` fails.
	TplFails
	// TplRewrites: tpl runs, and the collector gets other text (an unknown
	// field such as {{ .service }} renders as an empty string).
	TplRewrites
)

// TplEffect is what tpl does to a string: Detail is the error for
// TplFails, the rendered text for TplRewrites.
type TplEffect struct {
	Kind   TplKind
	Detail string
}

// helmObjects are the top-level objects of the chart's template context
// (the `.` the chart passes to tpl).
var helmObjects = map[string]bool{"Values": true, "Release": true, "Chart": true, "Capabilities": true, "Template": true, "Files": true, "Subcharts": true}

// Tpl models Helm's `tpl` (helm v3.22.0 pkg/engine: text/template with
// Helm's functions, missingkey=zero, "<no value>" replaced by "") on one
// string of the config, as the chart runs it over `config`.
func Tpl(s string) TplEffect {
	if !strings.Contains(s, "{{") {
		return TplEffect{}
	}
	// Function names are checked below against Helm's, so that the
	// message can name an unknown one.
	tr := parse.New("config")
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(s, "", "", trees); err != nil {
		return TplEffect{Kind: TplFails, Detail: cleanTplError(err)}
	}
	u := tplUse{}
	for _, t := range trees {
		if t.Root != nil {
			u.walk(t.Root)
		}
	}
	switch {
	case u.unknownFunc != "":
		return TplEffect{Kind: TplFails, Detail: fmt.Sprintf("function %q not defined", u.unknownFunc)}
	case u.helm || strings.Contains(s, "{{-") || strings.Contains(s, "-}}"):
		return TplEffect{Kind: TplHelm}
	case !u.other:
		return TplEffect{} // escapes only
	}
	// Only fields Helm's context lacks and literals: run it as tpl does.
	t, err := template.New("config").Option("missingkey=zero").Parse(s)
	if err != nil {
		return TplEffect{Kind: TplFails, Detail: cleanTplError(err)}
	}
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]any{"Values": map[string]any{}, "Release": map[string]any{}, "Chart": map[string]any{}, "Capabilities": map[string]any{}, "Template": map[string]any{}, "Files": map[string]any{}}); err != nil {
		return TplEffect{Kind: TplFails, Detail: cleanTplError(err)}
	}
	return TplEffect{Kind: TplRewrites, Detail: strings.ReplaceAll(b.String(), "<no value>", "")}
}

// tplUse is what a template's actions use.
type tplUse struct {
	helm        bool   // a Helm object, variable or function
	other       bool   // an action that is not an escape
	unknownFunc string // a function Helm does not define
}

func (u *tplUse) walk(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			u.walk(c)
		}
	case *parse.ActionNode:
		if escapeAction(n) {
			return
		}
		u.other = true
		u.walk(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		if len(n.Decl) > 0 {
			u.helm = true
		}
		for _, c := range n.Cmds {
			u.walk(c)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			u.walk(a)
		}
	case *parse.IdentifierNode:
		if helmFuncs[n.Ident] || builtinFuncs[n.Ident] {
			u.helm = true
		} else if u.unknownFunc == "" {
			u.unknownFunc = n.Ident
		}
	case *parse.FieldNode:
		if len(n.Ident) > 0 && helmObjects[n.Ident[0]] {
			u.helm = true
		}
	case *parse.VariableNode, *parse.ChainNode:
		u.helm = true
	case *parse.IfNode, *parse.RangeNode, *parse.WithNode, *parse.TemplateNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		u.helm, u.other = true, true
	}
}

// escapeAction is {{"{{"}}, {{`{{`}} and the same for }}: the documented
// way to write a literal `{{` in a tpl'd value.
func escapeAction(a *parse.ActionNode) bool {
	if a.Pipe == nil || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 || len(a.Pipe.Decl) > 0 {
		return false
	}
	s, ok := a.Pipe.Cmds[0].Args[0].(*parse.StringNode)
	return ok && (s.Text == "{{" || s.Text == "}}")
}

// cleanTplError drops text/template's "template: config:1:2: " prefix
// (the position is in the string, not the file).
func cleanTplError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "template: ") && i >= 0 {
		msg = msg[i+2:]
		for j := 0; j < 3; j++ { // "config:1:7: " and "executing \"config\" at <...>: "
			if k := strings.Index(msg, ": "); k >= 0 && (strings.HasPrefix(msg, "config:") || strings.HasPrefix(msg, "executing ")) {
				msg = msg[k+2:]
			}
		}
	}
	return msg
}

// builtinFuncs are text/template's own functions.
var builtinFuncs = map[string]bool{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true, "not": true, "or": true,
	"print": true, "printf": true, "println": true, "urlquery": true, "eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

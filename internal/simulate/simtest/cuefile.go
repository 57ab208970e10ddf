package simtest

import (
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
	"gopkg.in/yaml.v3"
)

// A CUE test file (*.cue) holds its tests in a top-level field `tests`, a
// list with the same fields as a YAML test file:
//
//	_noPII: attributes: "user.email": _|_
//	tests: [{
//		name:   "redaction removes user.email"
//		config: "../../redaction.yaml"
//		inputs: [{otlp: {resourceSpans: [...]}}]
//		expect: [{
//			exporter: "otlp/backend"
//			items: _noPII & {name: =~"^POST "}
//		}]
//	}]
//
// The file is evaluated with CUE (definitions, hidden fields, let and
// comprehensions may build the tests); outside items and any_item every
// value must be concrete. items and any_item are CUE structs mirroring the
// item, as in the struct form of a YAML file. Inside them, and inside
// definitions and hidden fields, `x: _|_` means that x must not exist (it is
// read as `x?: _|_`, which is valid CUE).

// parseCUE reads a CUE test file: it evaluates it and hands the tests,
// turned into YAML nodes that keep their lines, to the YAML reader.
func (p *tparser) parseCUE(data []byte) ([]*Case, error) {
	f, err := parser.ParseFile(p.file, data)
	if err != nil {
		p.cueErrors("not CUE: ", err)
		return nil, p.err()
	}
	absentInConstraints(f)
	v := p.cueCtx().BuildFile(f)
	// Errors are reported where they are met (see cueNode), so that one
	// conflict does not hide the other problems of the file.
	it, err := v.Fields()
	if err != nil {
		p.cueErrors("", err)
		return nil, p.err()
	}
	var tests *cue.Value
	for it.Next() {
		if it.Selector().String() == "tests" {
			t := it.Value()
			tests = &t
			continue
		}
		p.errs = append(p.errs, &FileError{File: p.file, Line: it.Value().Pos().Line(),
			Msg: fmt.Sprintf("unknown top-level field %s (want tests; helpers go in definitions or hidden fields: #x, _x)", it.Selector())})
	}
	if tests == nil {
		p.errs = append(p.errs, &FileError{File: p.file, Msg: "no tests: want a top-level field tests: [...]"})
		return nil, p.err()
	}
	elems, ok := listElems(*tests)
	if !ok {
		if tests.Err() != nil {
			p.cueErrors("", tests.Err())
		} else {
			p.errs = append(p.errs, &FileError{File: p.file, Line: tests.Pos().Line(), Msg: "tests: want a list of tests"})
		}
		return nil, p.err()
	}
	p.cueValues = map[*yaml.Node]cueItems{}
	root := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: tests.Pos().Line()}
	for _, e := range elems {
		if n := p.cueNode(e, "test"); n != nil {
			root.Content = append(root.Content, n)
		}
	}
	if len(p.errs) > 0 {
		// Not read as tests (a value left out would be reported again as
		// missing), but the constraints are still checked.
		for _, n := range p.cueOrder {
			c := p.cueValues[n]
			p.structConstraints(&ItemConstraints{ctx: p.ctx}, c.key, c.v, func(pos token.Pos) int { return pos.Line() }, nil, "")
		}
		return nil, p.err()
	}
	return p.tests(root, root.Content)
}

// absentInConstraints rewrites `x: _|_` into `x?: _|_` inside items and
// any_item fields, definitions and hidden fields.
func absentInConstraints(f *ast.File) {
	ast.Walk(f, func(n ast.Node) bool {
		fd, ok := n.(*ast.Field)
		if !ok {
			return true
		}
		name := ""
		switch l := fd.Label.(type) {
		case *ast.Ident:
			name = l.Name
		case *ast.BasicLit:
			name, _ = strconv.Unquote(l.Value)
		}
		if name == "items" || name == "any_item" || strings.HasPrefix(name, "#") || strings.HasPrefix(name, "_") {
			absentFields(fd.Value)
			return false
		}
		return true
	}, nil)
}

// cueErrors records CUE errors at their lines in the file.
func (p *tparser) cueErrors(prefix string, err error) {
	for _, e := range cueerrors.Errors(err) {
		line := 0
		pos := e.Position()
		if pos.Filename() != p.file || pos.Line() == 0 {
			for _, ip := range e.InputPositions() {
				if ip.Filename() == p.file && ip.Line() > 0 {
					pos = ip
					break
				}
			}
		}
		if pos.Filename() == p.file {
			line = pos.Line()
		}
		msg := cueMsg(e)
		if path := e.Path(); len(path) > 0 {
			msg = cuePath(path) + ": " + msg
		}
		p.errs = append(p.errs, &FileError{File: p.file, Line: line, Msg: prefix + msg})
	}
}

// cuePath writes an error's path as cue.Value.Path does: tests[0].count.
func cuePath(elems []string) string {
	var b strings.Builder
	for i, e := range elems {
		if _, err := strconv.Atoi(e); err == nil {
			b.WriteString("[" + e + "]")
			continue
		}
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(e)
	}
	return b.String()
}

func (p *tparser) cueErrorAt(pos token.Pos, format string, args ...any) {
	p.errs = append(p.errs, &FileError{File: p.file, Line: pos.Line(), Msg: fmt.Sprintf(format, args...)})
}

// cueNode turns a concrete CUE value into a YAML node with its line. role
// says where the value is: "test", "expects" (a test's expect list),
// "expect" (an expectation), or "" elsewhere.
func (p *tparser) cueNode(v cue.Value, role string) *yaml.Node {
	line := v.Pos().Line()
	// A struct or list with a bad element is itself an error, yet can be
	// walked: the error is reported at the element.
	if elems, ok := listElems(v); ok {
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		sub := ""
		if role == "expects" {
			sub = "expect"
		}
		for _, e := range elems {
			if c := p.cueNode(e, sub); c != nil {
				n.Content = append(n.Content, c)
			}
		}
		return n
	}
	if it, err := v.Fields(); err == nil {
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
		for it.Next() {
			sel := it.Selector()
			if sel.LabelType() != cue.StringLabel {
				continue
			}
			k, fv := sel.Unquoted(), it.Value()
			kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: fv.Pos().Line()}
			var vn *yaml.Node
			switch {
			case role == "expect" && (k == "items" || k == "any_item") && isStruct(fv):
				// Constraints: read from the CUE value, not as YAML.
				vn = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: fv.Pos().Line()}
				p.cueValues[vn] = cueItems{k, fv}
				p.cueOrder = append(p.cueOrder, vn)
			case role == "test" && k == "expect":
				vn = p.cueNode(fv, "expects")
			default:
				vn = p.cueNode(fv, "")
			}
			if vn == nil {
				continue
			}
			n.Content = append(n.Content, kn, vn)
		}
		return n
	}
	if err := v.Err(); err != nil {
		p.cueErrors("", err)
		return nil
	}
	if !v.IsConcrete() {
		p.cueErrorAt(v.Pos(), "%s: want a concrete value, not %s", v.Path(), cueSource(v))
		return nil
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line}
	switch v.Kind() {
	case cue.StringKind:
		s, _ := v.String()
		n.Tag, n.Value = "!!str", s
		if strings.Contains(s, "\n") {
			n.Style = yaml.LiteralStyle
		}
	case cue.IntKind:
		n.Tag, n.Value = "!!int", fmt.Sprint(v)
	case cue.FloatKind:
		f, err := v.Float64()
		if err != nil {
			p.cueErrorAt(v.Pos(), "%s: %s", v.Path(), cueMsg(err))
			return nil
		}
		n.Tag, n.Value = "!!float", strconv.FormatFloat(f, 'g', -1, 64)
	case cue.BoolKind:
		b, _ := v.Bool()
		n.Tag, n.Value = "!!bool", strconv.FormatBool(b)
	case cue.NullKind:
		n.Tag, n.Value = "!!null", "null"
	default:
		p.cueErrorAt(v.Pos(), "%s: want a string, number, bool, list or struct, not %s", v.Path(), v.Kind())
		return nil
	}
	return n
}

// listElems returns the elements of a list, also of one that is an error
// because of an element (List refuses those).
func listElems(v cue.Value) ([]cue.Value, bool) {
	var out []cue.Value
	if it, err := v.List(); err == nil {
		for it.Next() {
			out = append(out, it.Value())
		}
		return out, true
	}
	if v.Err() == nil {
		return nil, false
	}
	for i := 0; ; i++ {
		e := v.LookupPath(cue.MakePath(cue.Index(i)))
		if !e.Exists() {
			break
		}
		out = append(out, e)
	}
	return out, len(out) > 0
}

// isStruct tells a struct, also one that is an error because of a field.
func isStruct(v cue.Value) bool {
	if _, ok := listElems(v); ok {
		return false
	}
	_, err := v.Fields()
	return err == nil
}

// cueItems is an items or any_item struct of a CUE test file.
type cueItems struct {
	key string
	v   cue.Value
}

// Package ottl is a small lexer for OpenTelemetry Transformation Language
// statements and conditions, as the filter and transform processors take
// them. It is not the collector's parser (pkg/ottl is not linked: it adds
// about 2 ms of start-up to every otelcfg run and 14 MB to the binary); it
// finds what a linter needs without type information: lexical errors and
// unbalanced brackets the collector's parser rejects, the functions a
// statement calls and the attribute keys it reads or writes.
package ottl

import (
	"fmt"
	"strings"
)

// Kind says whether a string is a statement (transform processor) or a
// condition (filter processor, transform `conditions`, where clauses).
type Kind int

const (
	Statement Kind = iota + 1
	Condition
)

// Error is a syntax error at byte Offset of the string.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("%s at character %d", e.Msg, e.Offset+1) }

// Call is a function invocation: an editor (lower-case, only at the start of
// a statement) or a converter (capitalized).
type Call struct {
	Name   string
	Offset int
	// Editor is true for the invocation that starts a statement.
	Editor bool
}

// Attr is an attribute key read or written through a path such as
// attributes["k"], resource.attributes["k"] or span.attributes["k"].
type Attr struct {
	Key     string
	Context string // the path segments before "attributes", e.g. "resource"; "" for none
	Offset  int    // of the key's opening quote
	// Target is true when the path is the first argument of the statement's
	// editor (what set(...) writes).
	Target bool
}

// Result is what Parse finds in one string.
type Result struct {
	Err   *Error // nil when the string lexes and its brackets balance
	Calls []Call
	Attrs []Attr
}

type tokKind int

const (
	tIdent tokKind = iota + 1
	tString
	tNumber
	tOp
	tOpen
	tClose
	tPunct
)

type token struct {
	kind tokKind
	text string // for tString, the unquoted value
	off  int
}

var keywords = map[string]bool{"and": true, "or": true, "not": true, "where": true, "true": true, "false": true, "nil": true}

// Parse lexes s as a statement or a condition.
func Parse(s string, kind Kind) Result {
	toks, err := lex(s)
	if err != nil {
		return Result{Err: err}
	}
	var res Result
	if len(toks) == 0 {
		return Result{Err: &Error{Offset: 0, Msg: "empty " + kind.String()}}
	}
	if err := balance(s, toks); err != nil {
		return Result{Err: err}
	}
	if err := operators(toks); err != nil {
		return Result{Err: err}
	}
	if kind == Statement {
		if toks[0].kind != tIdent || len(toks) < 2 || toks[1].text != "(" {
			return Result{Err: &Error{Offset: toks[0].off, Msg: "a statement must start with an editor call such as set(...)"}}
		}
	}
	// Depth of the editor's first argument: tokens at depth 1 of the first
	// call, before its first comma.
	depth, firstArg := 0, kind == Statement
	for i, t := range toks {
		switch {
		case t.kind == tOpen:
			depth++
		case t.kind == tClose:
			depth--
			if depth == 0 {
				firstArg = false
			}
		case t.kind == tPunct && t.text == "," && depth == 1:
			firstArg = false
		case t.kind == tIdent:
			if i+1 < len(toks) && toks[i+1].text == "(" && !keywords[t.text] && (i == 0 || toks[i-1].text != ".") {
				res.Calls = append(res.Calls, Call{Name: t.text, Offset: t.off, Editor: kind == Statement && i == 0})
			}
			if t.text == "attributes" && i+3 < len(toks) && toks[i+1].text == "[" && toks[i+2].kind == tString && toks[i+3].text == "]" {
				ctx := contextBefore(toks, i)
				res.Attrs = append(res.Attrs, Attr{Key: toks[i+2].text, Context: ctx, Offset: toks[i+2].off, Target: firstArg && depth == 1})
			}
		}
	}
	return res
}

func (k Kind) String() string {
	if k == Statement {
		return "statement"
	}
	return "condition"
}

// contextBefore joins the identifiers of a path before toks[i] ("resource"
// for resource.attributes).
func contextBefore(toks []token, i int) string {
	var segs []string
	for j := i - 1; j >= 1 && toks[j].text == "." && toks[j-1].kind == tIdent; j -= 2 {
		segs = append([]string{toks[j-1].text}, segs...)
	}
	return strings.Join(segs, ".")
}

// lex splits s into tokens the way the collector's lexer does
// (pkg/ottl/grammar.go buildLexer): double-quoted strings with backslash
// escapes, numbers, 0x bytes, identifiers, operators and punctuation.
func lex(s string) ([]token, *Error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, &Error{Offset: i, Msg: "unterminated string"}
			}
			toks = append(toks, token{tString, b.String(), i})
			i = j + 1
		case c == '\'':
			return nil, &Error{Offset: i, Msg: "unexpected ' (OTTL strings take double quotes)"}
		case isDigit(c):
			j := i
			for j < len(s) && (isAlnum(s[j]) || s[j] == '.') {
				j++
			}
			toks = append(toks, token{tNumber, s[i:j], i})
			i = j
		case isLetter(c) || c == '_':
			j := i
			for j < len(s) && (isAlnum(s[j]) || s[j] == '_') {
				j++
			}
			toks = append(toks, token{tIdent, s[i:j], i})
			i = j
		case c == '(' || c == '[' || c == '{':
			toks = append(toks, token{tOpen, string(c), i})
			i++
		case c == ')' || c == ']' || c == '}':
			toks = append(toks, token{tClose, string(c), i})
			i++
		case c == ',' || c == '.' || c == ':':
			toks = append(toks, token{tPunct, string(c), i})
			i++
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") || strings.HasPrefix(s[i:], ">=") ||
			strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], "=>"):
			toks = append(toks, token{tOp, s[i : i+2], i})
			i += 2
		case strings.IndexByte("<>=+-*/", c) >= 0:
			toks = append(toks, token{tOp, string(c), i})
			i++
		default:
			r := []rune(s[i:])[0]
			return nil, &Error{Offset: i, Msg: fmt.Sprintf("unexpected character %q", r)}
		}
	}
	return toks, nil
}

var closes = map[string]string{"(": ")", "[": "]", "{": "}"}

func balance(s string, toks []token) *Error {
	var stack []token
	for _, t := range toks {
		switch t.kind {
		case tOpen:
			stack = append(stack, t)
		case tClose:
			if len(stack) == 0 {
				return &Error{Offset: t.off, Msg: fmt.Sprintf("unexpected %q with nothing to close", t.text)}
			}
			top := stack[len(stack)-1]
			if closes[top.text] != t.text {
				return &Error{Offset: t.off, Msg: fmt.Sprintf("%q closes %q opened at character %d", t.text, top.text, top.off+1)}
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return &Error{Offset: top.off, Msg: fmt.Sprintf("%q is never closed", top.text)}
	}
	return nil
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

// operators finds two operators in a row ("===", "> =") and an operator
// with nothing after it; a sign before a number ("> -1") is fine.
func operators(toks []token) *Error {
	for i, t := range toks {
		if t.kind != tOp {
			continue
		}
		if i+1 == len(toks) {
			return &Error{Offset: t.off, Msg: fmt.Sprintf("nothing after %q", t.text)}
		}
		if n := toks[i+1]; n.kind == tOp && n.text != "-" && n.text != "+" {
			return &Error{Offset: n.off, Msg: fmt.Sprintf("unexpected %q after %q", n.text, t.text)}
		}
	}
	return nil
}

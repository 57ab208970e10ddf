package scgen

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// GoAttr is one attribute as one otel-go semconv package declares it.
type GoAttr struct {
	Name      string
	Template  bool   // Name is a prefix: the package builds Name+"."+key
	Type      string // normalised: string, int, double, boolean, string[], …, any; "" unknown
	Stability string // lower case, as written after "Stability:"; "" if absent
	Brief     string
	Enum      []string
	File      string // base name of the declaring file (resource.go, trace.go, …)
}

// GoPackage is what one semconv/vX.Y.Z package declares.
type GoPackage struct {
	Version string // "1.43.0"
	Attrs   map[string]*GoAttr
}

// HashDir computes the go.sum h1: hash of an extracted module directory, the
// way golang.org/x/mod/sumdb/dirhash.HashDir does (Hash1 over the files named
// prefix/relative-path).
func HashDir(dir, prefix string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		} else if !d.IsDir() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		fh, err := os.Open(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return "", err
		}
		hf := sha256.New()
		_, err = io.Copy(hf, fh)
		fh.Close()
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%x  %s\n", hf.Sum(nil), prefix+"/"+f)
	}
	return "h1:" + base64.StdEncoding.EncodeToString(h.Sum(nil)), nil
}

var reSemconvDir = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)$`)

// ReadGoModule parses every semconv/vX.Y.Z package under the extracted
// module directory dir, oldest first.
func ReadGoModule(dir string) ([]*GoPackage, error) {
	root := filepath.Join(dir, "semconv")
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var pkgs []*GoPackage
	for _, e := range ents {
		if !e.IsDir() || !reSemconvDir.MatchString(e.Name()) {
			continue
		}
		p, err := ReadGoPackage(filepath.Join(root, e.Name()))
		if err != nil {
			return nil, err
		}
		p.Version = strings.TrimPrefix(e.Name(), "v")
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s: no semconv/vX.Y.Z packages", root)
	}
	sort.Slice(pkgs, func(i, j int) bool { return VersionLess(pkgs[i].Version, pkgs[j].Version) })
	return pkgs, nil
}

// VersionLess orders "1.4.0" before "1.10.0".
func VersionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x < y
		}
	}
	return len(pa) < len(pb)
}

// methodType maps attribute.Key methods and attribute constructors to value
// types.
var methodType = map[string]string{
	"String": "string", "Int": "int", "Int64": "int", "Float64": "double", "Bool": "boolean",
	"StringSlice": "string[]", "IntSlice": "int[]", "Int64Slice": "int[]", "Float64Slice": "double[]", "BoolSlice": "boolean[]",
}

// commentType maps the generator's "Type:" comment line.
var commentType = map[string]string{
	"string": "string", "int": "int", "double": "double", "boolean": "boolean",
	"string[]": "string[]", "int[]": "int[]", "double[]": "double[]", "boolean[]": "boolean[]",
	"any": "any", "Enum": "enum",
}

// ReadGoPackage parses the non-test files of one semconv package directory
// (not its sub-packages).
func ReadGoPackage(dir string) (*GoPackage, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	r := &goPkgReader{dir: dir, fset: token.NewFileSet(), p: &GoPackage{Attrs: map[string]*GoAttr{}}, keyIdent: map[string]*GoAttr{}}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if err := r.readFile(name); err != nil {
			return nil, err
		}
	}
	if err := r.resolve(); err != nil {
		return nil, err
	}
	return r.p, nil
}

// goPkgReader collects what the files of one package declare. Typed helpers
// and enum constants refer to a key by its Go identifier and may come
// before it or in another file, so they are kept and applied by resolve
// once every file is read.
type goPkgReader struct {
	dir      string
	fset     *token.FileSet
	p        *GoPackage
	keyIdent map[string]*GoAttr // HTTPRequestMethodKey -> attr
	enums    []goEnumVal
	helpers  []goHelper
}

// goEnumVal is an enum constant: XxxKey.String("val").
type goEnumVal struct{ ident, method, val string }

// goHelper is a typed helper: func Xxx(val T) attribute.KeyValue { return
// XxxKey.T(val) }.
type goHelper struct{ ident, method string }

// readFile reads the declarations of one file of the package.
func (r *goPkgReader) readFile(name string) error {
	f, err := parser.ParseFile(r.fset, filepath.Join(r.dir, name), nil, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok {
					if err := r.valueSpec(name, d, vs); err != nil {
						return err
					}
				}
			}
		case *ast.FuncDecl:
			if err := r.funcDecl(name, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// valueSpec reads one var or const: a key (XxxKey = attribute.Key("x.y"),
// whose doc comment gives its type, stability and brief) or an enum value
// (XxxValue = XxxKey.String("val")). Anything else is skipped.
func (r *goPkgReader) valueSpec(file string, d *ast.GenDecl, vs *ast.ValueSpec) error {
	if len(vs.Names) != 1 || len(vs.Values) != 1 {
		return nil
	}
	call, ok := vs.Values[0].(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok {
		return nil
	}
	if x.Name == "attribute" && sel.Sel.Name == "Key" {
		key, err := strconv.Unquote(lit.Value)
		if err != nil {
			return err
		}
		if _, dup := r.p.Attrs[key]; dup {
			return fmt.Errorf("%s: %s declared twice", r.dir, key)
		}
		doc := vs.Doc
		if doc == nil && len(d.Specs) == 1 {
			doc = d.Doc
		}
		a := &GoAttr{Name: key, File: file}
		parseGoDoc(a, doc.Text())
		r.p.Attrs[key] = a
		r.keyIdent[vs.Names[0].Name] = a
		return nil
	}
	if _, ok := methodType[sel.Sel.Name]; ok && strings.HasSuffix(x.Name, "Key") {
		v := lit.Value
		if lit.Kind == token.STRING {
			var err error
			if v, err = strconv.Unquote(lit.Value); err != nil {
				return err
			}
		}
		r.enums = append(r.enums, goEnumVal{x.Name, sel.Sel.Name, v})
	}
	return nil
}

// funcDecl reads one function whose body is a single return of a typed
// call: a typed helper (return XxxKey.Int(val)) or a template attribute
// (return attribute.String("prefix."+key, val)). Anything else is skipped.
func (r *goPkgReader) funcDecl(file string, d *ast.FuncDecl) error {
	if d.Recv != nil || d.Body == nil || len(d.Body.List) != 1 {
		return nil
	}
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if _, ok := methodType[sel.Sel.Name]; !ok {
		return nil
	}
	if x.Name != "attribute" {
		r.helpers = append(r.helpers, goHelper{x.Name, sel.Sel.Name})
		return nil
	}
	// attribute.String("prefix."+key, val): a template attribute.
	if len(call.Args) != 2 {
		return nil
	}
	bin, ok := call.Args[0].(*ast.BinaryExpr)
	if !ok || bin.Op != token.ADD {
		return nil
	}
	lit, ok := bin.X.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return nil
	}
	prefix, err := strconv.Unquote(lit.Value)
	if err != nil || !strings.HasSuffix(prefix, ".") {
		return nil
	}
	key := strings.TrimSuffix(prefix, ".")
	if _, dup := r.p.Attrs[key]; dup {
		return fmt.Errorf("%s: %s declared twice", r.dir, key)
	}
	a := &GoAttr{Name: key, Template: true, Type: methodType[sel.Sel.Name], File: file}
	a.Brief = templateBrief(d.Doc.Text())
	r.p.Attrs[key] = a
	return nil
}

// resolve types the keys from their helpers and enum values, which must
// agree with the doc comment's "Type:" line, and gives enums their values.
func (r *goPkgReader) resolve() error {
	for _, h := range r.helpers {
		a := r.keyIdent[h.ident]
		if a == nil {
			continue
		}
		if !unifyType(a, methodType[h.method]) {
			return fmt.Errorf("%s: %s: comment says type %s, helper uses %s", r.dir, a.Name, a.Type, h.method)
		}
	}
	for _, ev := range r.enums {
		a := r.keyIdent[ev.ident]
		if a == nil {
			return fmt.Errorf("%s: enum value of unknown key %s", r.dir, ev.ident)
		}
		if !unifyType(a, methodType[ev.method]) {
			return fmt.Errorf("%s: %s: type %s, enum value %q uses %s", r.dir, a.Name, a.Type, ev.val, ev.method)
		}
		a.Enum = append(a.Enum, ev.val)
	}
	for _, a := range r.p.Attrs {
		if a.Type == "enum" {
			return fmt.Errorf("%s: %s: enum without values", r.dir, a.Name)
		}
	}
	return nil
}

// unifyType sets a's type to t where the comment gave none or only said
// "Enum", and reports whether the two agree.
func unifyType(a *GoAttr, t string) bool {
	switch a.Type {
	case "", "enum":
		a.Type = t
		return true
	}
	return a.Type == t
}

var (
	reTypeLine      = regexp.MustCompile(`(?m)^Type: (.+)$`)
	reStabilityLine = regexp.MustCompile(`(?m)^Stability: (.+)$`)
	reRepresents    = regexp.MustCompile(`(?s)It represents the (.*)`)
)

// parseGoDoc reads the Type and Stability lines and the brief from a key's
// doc comment.
func parseGoDoc(a *GoAttr, doc string) {
	if m := reTypeLine.FindStringSubmatch(doc); m != nil {
		if t, ok := commentType[strings.TrimSpace(m[1])]; ok {
			a.Type = t
		}
	}
	if m := reStabilityLine.FindStringSubmatch(doc); m != nil {
		a.Stability = strings.ToLower(strings.TrimSpace(m[1]))
	}
	para, _, _ := strings.Cut(doc, "\n\n")
	if m := reRepresents.FindStringSubmatch(para); m != nil {
		a.Brief = OneLine(upperFirst(m[1]))
	} else if !strings.Contains(para, "is the attribute Key conforming") {
		a.Brief = OneLine(para) // v1.4.0 style: the brief itself
	}
}

func templateBrief(doc string) string {
	para, _, _ := strings.Cut(doc, "\n\n")
	if m := reRepresents.FindStringSubmatch(para); m != nil {
		return OneLine(upperFirst(m[1]))
	}
	return ""
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var (
	reMDLink = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	reSpace  = regexp.MustCompile(`\s+`)
)

// OneLine collapses whitespace and replaces Markdown links by their text.
func OneLine(s string) string {
	s = reMDLink.ReplaceAllString(s, "$1")
	return strings.TrimSpace(reSpace.ReplaceAllString(s, " "))
}

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
	fset := token.NewFileSet()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	p := &GoPackage{Attrs: map[string]*GoAttr{}}
	keyIdent := map[string]*GoAttr{} // HTTPRequestMethodKey -> attr
	type enumVal struct {
		ident, method, val string
	}
	var enums []enumVal
	type helper struct {
		ident, method string
	}
	var helpers []helper
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					vs, ok := s.(*ast.ValueSpec)
					if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
						continue
					}
					call, ok := vs.Values[0].(*ast.CallExpr)
					if !ok || len(call.Args) != 1 {
						continue
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok {
						continue
					}
					x, ok := sel.X.(*ast.Ident)
					if !ok {
						continue
					}
					lit, ok := call.Args[0].(*ast.BasicLit)
					if !ok {
						continue
					}
					if x.Name == "attribute" && sel.Sel.Name == "Key" {
						key, err := strconv.Unquote(lit.Value)
						if err != nil {
							return nil, err
						}
						if _, dup := p.Attrs[key]; dup {
							return nil, fmt.Errorf("%s: %s declared twice", dir, key)
						}
						doc := vs.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						a := &GoAttr{Name: key, File: name}
						parseGoDoc(a, doc.Text())
						p.Attrs[key] = a
						keyIdent[vs.Names[0].Name] = a
						continue
					}
					if _, ok := methodType[sel.Sel.Name]; ok && strings.HasSuffix(x.Name, "Key") {
						v := lit.Value
						if lit.Kind == token.STRING {
							if v, err = strconv.Unquote(lit.Value); err != nil {
								return nil, err
							}
						}
						enums = append(enums, enumVal{x.Name, sel.Sel.Name, v})
					}
				}
			case *ast.FuncDecl:
				if d.Recv != nil || d.Body == nil || len(d.Body.List) != 1 {
					continue
				}
				ret, ok := d.Body.List[0].(*ast.ReturnStmt)
				if !ok || len(ret.Results) != 1 {
					continue
				}
				call, ok := ret.Results[0].(*ast.CallExpr)
				if !ok {
					continue
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					continue
				}
				x, ok := sel.X.(*ast.Ident)
				if !ok {
					continue
				}
				if _, ok := methodType[sel.Sel.Name]; !ok {
					continue
				}
				if x.Name != "attribute" {
					helpers = append(helpers, helper{x.Name, sel.Sel.Name})
					continue
				}
				// attribute.String("prefix."+key, val): a template attribute.
				if len(call.Args) != 2 {
					continue
				}
				bin, ok := call.Args[0].(*ast.BinaryExpr)
				if !ok || bin.Op != token.ADD {
					continue
				}
				lit, ok := bin.X.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				prefix, err := strconv.Unquote(lit.Value)
				if err != nil || !strings.HasSuffix(prefix, ".") {
					continue
				}
				key := strings.TrimSuffix(prefix, ".")
				if _, dup := p.Attrs[key]; dup {
					return nil, fmt.Errorf("%s: %s declared twice", dir, key)
				}
				a := &GoAttr{Name: key, Template: true, Type: methodType[sel.Sel.Name], File: name}
				a.Brief = templateBrief(d.Doc.Text())
				p.Attrs[key] = a
			}
		}
	}
	for _, h := range helpers {
		a := keyIdent[h.ident]
		if a == nil {
			continue
		}
		t := methodType[h.method]
		switch a.Type {
		case "", "enum":
			a.Type = t
		case t:
		default:
			return nil, fmt.Errorf("%s: %s: comment says type %s, helper uses %s", dir, a.Name, a.Type, h.method)
		}
	}
	for _, ev := range enums {
		a := keyIdent[ev.ident]
		if a == nil {
			return nil, fmt.Errorf("%s: enum value of unknown key %s", dir, ev.ident)
		}
		t := methodType[ev.method]
		switch a.Type {
		case "", "enum":
			a.Type = t
		case t:
		default:
			return nil, fmt.Errorf("%s: %s: type %s, enum value %q uses %s", dir, a.Name, a.Type, ev.val, ev.method)
		}
		a.Enum = append(a.Enum, ev.val)
	}
	for _, a := range p.Attrs {
		if a.Type == "enum" {
			return nil, fmt.Errorf("%s: %s: enum without values", dir, a.Name)
		}
	}
	return p, nil
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

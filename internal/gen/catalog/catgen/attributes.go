package catgen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// reAttrKey is an attribute key a component names: dotted lower-case words
// (k8s.pod.name, aws.ecs.task.version).
var reAttrKey = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// notAttrSuffix drops constants that are file or host names, not keys.
var notAttrSuffix = map[string]bool{
	"yaml": true, "yml": true, "json": true, "go": true, "txt": true, "proto": true, "pem": true, "crt": true,
	"key": true, "log": true, "sock": true, "com": true, "io": true, "org": true, "net": true, "local": true, "svc": true,
}

func attrKey(s string) bool {
	if !reAttrKey.MatchString(s) {
		return false
	}
	return !notAttrSuffix[s[strings.LastIndexByte(s, '.')+1:]]
}

// metadataAttributes lists the dotted attribute names a metadata.yaml
// declares: resource_attributes keys and attributes (their name_override
// when set, else their key).
func metadataAttributes(data []byte) ([]string, error) {
	var raw struct {
		ResourceAttributes map[string]yaml.Node `yaml:"resource_attributes"`
		Attributes         map[string]struct {
			NameOverride string `yaml:"name_override"`
		} `yaml:"attributes"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("metadata.yaml: %w", err)
	}
	var out []string
	for k := range raw.ResourceAttributes {
		if attrKey(k) {
			out = append(out, k)
		}
	}
	for k, a := range raw.Attributes {
		if a.NameOverride != "" {
			k = a.NameOverride
		}
		if attrKey(k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// SemconvKeys resolves otel-go semantic-conventions identifiers
// (semconv/v1.21.0 ContainerImageTagKey) to attribute keys, reading the
// packages of one otel-go module directory.
type SemconvKeys struct {
	Dir  string // the extracted go.opentelemetry.io/otel module
	pkgs map[string]map[string]string
}

// semconvImport matches the otel-go semconv packages a component imports.
var semconvImport = regexp.MustCompile(`^go\.opentelemetry\.io/otel/semconv/(v[0-9.]+)$`)

// key returns the attribute key of identifier name in the semconv package
// of version (e.g. "v1.21.0"), or "" when the package or name is unknown.
func (s *SemconvKeys) key(version, name string) string {
	if s == nil || s.Dir == "" {
		return ""
	}
	if s.pkgs == nil {
		s.pkgs = map[string]map[string]string{}
	}
	m, ok := s.pkgs[version]
	if !ok {
		m = semconvPackage(filepath.Join(s.Dir, "semconv", version))
		s.pkgs[version] = m
	}
	return m[name]
}

// semconvPackage reads `Name = attribute.Key("key")` declarations of one
// semconv package directory (nil when it does not exist).
func semconvPackage(dir string) map[string]string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	m := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range af.Decls {
			forValueSpecs(d, func(vs *ast.ValueSpec) {
				for i, n := range vs.Names {
					if i >= len(vs.Values) {
						break
					}
					if call, ok := vs.Values[i].(*ast.CallExpr); ok && len(call.Args) == 1 {
						if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Key" {
							if s, ok := stringLit(call.Args[0]); ok {
								m[n.Name] = s
							}
						}
					}
				}
			})
		}
	}
	return m
}

// moduleAttributes lists the attribute keys a component module names as
// its own: those its metadata.yaml declares, string constants of its Go
// source that look like keys, and the otel-go semantic-conventions keys its
// source refers to. Tests, testdata and nested modules are not read.
func moduleAttributes(dir string, metadata []byte, sc *SemconvKeys) ([]string, error) {
	keys, err := metadataAttributes(metadata)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (d.Name() == "testdata" || hasGoMod(path)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		af, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		keys = append(keys, sourceAttributes(af, sc)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out, nil
}

func hasGoMod(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil
}

// sourceAttributes are the key-like string constants of one Go file and
// the semconv identifiers it uses.
func sourceAttributes(af *ast.File, sc *SemconvKeys) []string {
	var out []string
	for _, d := range af.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.CONST {
			forValueSpecs(gd, func(vs *ast.ValueSpec) {
				for _, v := range vs.Values {
					if s, ok := stringLit(v); ok && attrKey(s) {
						out = append(out, s)
					}
				}
			})
		}
	}
	imports := map[string]string{} // local name -> semconv version
	for _, im := range af.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		m := semconvImport.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		name := "semconv"
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = m[1]
	}
	if len(imports) == 0 {
		return out
	}
	ast.Inspect(af, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if v, ok := imports[id.Name]; ok {
				if k := sc.key(v, sel.Sel.Name); k != "" {
					out = append(out, k)
				}
			}
		}
		return true
	})
	return out
}

func forValueSpecs(d ast.Decl, fn func(*ast.ValueSpec)) {
	gd, ok := d.(*ast.GenDecl)
	if !ok {
		return
	}
	for _, s := range gd.Specs {
		if vs, ok := s.(*ast.ValueSpec); ok {
			fn(vs)
		}
	}
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// Package agreegen turns the testdata configs of collector component modules
// into full collector configs for the upstream agreement corpus, and records
// a reference collector's verdicts on them.
package agreegen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ConfigTestFiles returns the testdata YAML files (relative to dir, slash
// separated) that the tests of the package in dir load as configs: files
// named in a confmaptest.LoadConf call, or, when the call's argument is not
// a literal (a table field), named by any .yaml literal in the same
// function. Only files that exist under dir/testdata are returned.
func ConfigTestFiles(dir string) ([]string, error) {
	tests, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	fset := token.NewFileSet()
	for _, path := range tests {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			for _, name := range loadConfNames(fn) {
				found[name] = true
			}
		}
	}
	var out []string
	for name := range found {
		for _, rel := range candidates(name) {
			if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil && !st.IsDir() {
				out = append(out, rel)
				break
			}
		}
	}
	sort.Strings(out)
	return dedupe(out), nil
}

// loadConfNames lists the YAML file names a function loads with LoadConf.
func loadConfNames(fn *ast.FuncDecl) []string {
	var direct, any []string
	calls := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "LoadConf" && len(n.Args) == 1 {
				calls = true
				if lits := yamlPath(n.Args[0]); lits != "" {
					direct = append(direct, lits)
				}
			}
		case *ast.BasicLit:
			if s := yamlLiteral(n); s != "" {
				any = append(any, s)
			}
		}
		return true
	})
	if !calls {
		return nil
	}
	if len(direct) > 0 {
		return direct
	}
	return any
}

// yamlPath joins the string literals of a filepath.Join(...) or a literal
// argument; "" when the argument is not built from literals alone.
func yamlPath(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		return yamlLiteral(e)
	case *ast.CallExpr:
		var parts []string
		for _, a := range e.Args {
			lit, ok := a.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return ""
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return ""
			}
			parts = append(parts, s)
		}
		p := strings.Join(parts, "/")
		if strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") {
			return p
		}
	}
	return ""
}

func yamlLiteral(lit *ast.BasicLit) string {
	if lit.Kind != token.STRING {
		return ""
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || !(strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")) {
		return ""
	}
	return s
}

// candidates are the paths, relative to the package, a name may denote.
func candidates(name string) []string {
	name = filepath.ToSlash(filepath.Clean(name))
	if strings.HasPrefix(name, "testdata/") {
		return []string{name}
	}
	return []string{"testdata/" + name}
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

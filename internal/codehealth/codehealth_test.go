package codehealth

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const (
	maxFuncLines    = 100
	maxPackageLines = 4000
)

// sources returns the non-test, non-generated Go files of the module, by
// directory (one package each).
func sources(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	byDir := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if generated(data) {
			return nil
		}
		byDir[filepath.Dir(p)] = append(byDir[filepath.Dir(p)], p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return byDir
}

// generated reports whether a file carries Go's generated-code marker.
func generated(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("package ")) {
			return false
		}
		if bytes.HasPrefix(line, []byte("// Code generated ")) && bytes.HasSuffix(bytes.TrimSpace(line), []byte("DO NOT EDIT.")) {
			return true
		}
	}
	return false
}

func TestFunctionsAreShort(t *testing.T) {
	fset := token.NewFileSet()
	var long []string
	for _, files := range sources(t) {
		for _, f := range files {
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, decl := range file.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
				if n > maxFuncLines {
					long = append(long, fset.Position(fn.Pos()).String()+": "+fn.Name.Name+" has "+itoa(n)+" lines")
				}
			}
		}
	}
	sort.Strings(long)
	for _, l := range long {
		t.Errorf("%s (at most %d: split it)", l, maxFuncLines)
	}
}

func TestPackagesAreSmall(t *testing.T) {
	for dir, files := range sources(t) {
		total := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			total += bytes.Count(data, []byte("\n"))
		}
		if total > maxPackageLines {
			t.Errorf("%s: %d lines of non-test, non-generated code (at most %d: split it by job)", dir, total, maxPackageLines)
		}
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		if n /= 10; n == 0 {
			return string(b[i:])
		}
	}
}

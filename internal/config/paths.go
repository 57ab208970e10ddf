package config

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// SettingsFile is the name of otelcfg's settings file: never an input, so
// directory walks and globs leave it out.
const SettingsFile = ".otelcfg.yaml"

// isYAMLName reports whether a file found in a directory walk is a YAML file.
func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// ExpandPaths turns arguments (files, directories, globs, "-") into the
// list of files to lint, sorted within each argument and de-duplicated
// (a.yaml and ./a.yaml are one file, kept as first spelled).
// An argument that names nothing is an error, so a typo in CI fails loudly.
// Like a shell, globs do not match names starting with "." unless the
// pattern says so, and neither globs nor directory walks return
// .otelcfg.yaml files.
func ExpandPaths(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if p != "-" {
			key = filepath.Clean(p)
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			add(arg)
			continue
		}
		if strings.ContainsAny(arg, "*?[") {
			matches, err := globFiles(arg)
			if err != nil {
				return nil, &InputError{Path: arg, Err: err}
			}
			if len(matches) == 0 {
				return nil, &InputError{Path: arg, Err: fmt.Errorf("pattern matches no YAML file")}
			}
			for _, m := range matches {
				add(m)
			}
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			return nil, &InputError{Path: arg, Err: unwrapPathError(err)}
		}
		if !st.IsDir() {
			add(arg)
			continue
		}
		files, err := walkYAML(arg)
		if err != nil {
			return nil, &InputError{Path: arg, Err: err}
		}
		if len(files) == 0 {
			return nil, &InputError{Path: arg, Err: fmt.Errorf("directory holds no .yaml or .yml file")}
		}
		for _, f := range files {
			add(f)
		}
	}
	return out, nil
}

// walkYAML lists YAML files under dir, skipping hidden directories.
func walkYAML(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if isYAMLName(d.Name()) && d.Name() != SettingsFile {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// globFiles expands a pattern; "**" matches any number of directories.
func globFiles(pattern string) ([]string, error) {
	if !strings.Contains(pattern, "**") {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		var files []string
		for _, f := range m {
			if !globKeeps(pattern, f) {
				continue
			}
			if st, err := os.Stat(f); err == nil && !st.IsDir() {
				files = append(files, f)
			}
		}
		return files, nil
	}
	root := pattern[:strings.Index(pattern, "**")]
	root = strings.TrimSuffix(root, "/")
	if root == "" {
		root = "."
	}
	all, err := walkAll(root)
	if err != nil {
		return nil, err
	}
	var files []string
	pat := filepath.ToSlash(pattern)
	for _, f := range all {
		if filepath.Base(f) != SettingsFile && GlobMatch(pat, filepath.ToSlash(f)) {
			files = append(files, f)
		}
	}
	return files, nil
}

// globKeeps filters a filepath.Glob match: no settings file, and no
// component starting with "." where the pattern's component does not (Glob
// matches pattern and path component by component).
func globKeeps(pattern, match string) bool {
	if filepath.Base(match) == SettingsFile {
		return false
	}
	pp := strings.Split(filepath.ToSlash(pattern), "/")
	mp := strings.Split(filepath.ToSlash(match), "/")
	if len(pp) != len(mp) {
		return true
	}
	for i := range pp {
		if hiddenMismatch(pp[i], mp[i]) {
			return false
		}
	}
	return true
}

// hiddenMismatch reports whether name is hidden (starts with ".") while the
// pattern component that matched it does not ask for a leading ".".
func hiddenMismatch(pat, name string) bool {
	return strings.HasPrefix(name, ".") && !strings.HasPrefix(pat, ".")
}

func walkAll(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// GlobMatch matches slash paths against a pattern where "**" spans
// directories and other segments follow path.Match.
func GlobMatch(pattern, name string) bool {
	pp := strings.Split(strings.TrimPrefix(pattern, "./"), "/")
	np := strings.Split(strings.TrimPrefix(name, "./"), "/")
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(pp) {
			if pp[i] == "**" {
				for k := j; k <= len(np); k++ {
					if match(i+1, k) {
						return true
					}
					if k < len(np) && hiddenMismatch("", np[k]) {
						return false // ** does not enter hidden directories
					}
				}
				return false
			}
			if j >= len(np) {
				return false
			}
			if ok, _ := path.Match(pp[i], np[j]); !ok || hiddenMismatch(pp[i], np[j]) {
				return false
			}
			i, j = i+1, j+1
		}
		return j == len(np)
	}
	return match(0, 0)
}

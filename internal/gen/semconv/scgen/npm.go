package scgen

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// NPMAttr is one attribute as the npm package declares it (an ATTR_*
// export with its JSDoc).
type NPMAttr struct {
	Name       string   `json:"name"`
	Template   bool     `json:"template,omitempty"` // ATTR_X = (key) => `name.${key}`
	Stable     bool     `json:"stable,omitempty"`   // exported from stable_attributes, not @experimental
	Brief      string   `json:"brief,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
	Note       string   `json:"note,omitempty"` // the @deprecated prose, on one line
	Enum       []string `json:"enum,omitempty"` // *_VALUE_* exports that {@link} this attribute, in file order
}

// NPMData is the part of the npm tarball the generator uses: the committed
// derived file (NPMDerivedFile) holds exactly this, as indented JSON.
type NPMData struct {
	Package    string    `json:"package"`
	Version    string    `json:"version"`
	Integrity  string    `json:"integrity"`
	Files      []string  `json:"files"`
	Attributes []NPMAttr `json:"attributes"`
}

// The files of the tarball that are read; the .d.mts/.cjs variants carry the
// same declarations.
var npmFiles = []string{"package/dist/stable_attributes.mjs", "package/dist/experimental_attributes.mjs"}

// Integrity returns the npm dist.integrity string of a tarball.
func Integrity(tgz []byte) string {
	s := sha512.Sum512(tgz)
	return "sha512-" + base64.StdEncoding.EncodeToString(s[:])
}

// NPMPack fetches the pinned tarball with the npm client (`npm pack`) and
// returns its bytes, checked against NPMIntegrity.
func NPMPack(ctx context.Context) ([]byte, error) {
	if _, err := exec.LookPath("npm"); err != nil {
		return nil, fmt.Errorf("npm is not installed: it is needed to fetch %s@%s (or pass a tarball you fetched yourself)", NPMPackage, NPMVersion)
	}
	dir, err := os.MkdirTemp("", "scgen-npm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, "npm", "pack", "--json", "--pack-destination", dir, NPMPackage+"@"+NPMVersion)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %v: %s", NPMPackage, NPMVersion, err, strings.TrimSpace(stderr.String()))
	}
	var out []struct {
		Filename  string `json:"filename"`
		Integrity string `json:"integrity"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || len(out) != 1 {
		return nil, fmt.Errorf("npm pack: unexpected output: %s", stdout.String())
	}
	tgz, err := os.ReadFile(filepath.Join(dir, out[0].Filename))
	if err != nil {
		return nil, err
	}
	return tgz, CheckIntegrity(tgz)
}

// CheckIntegrity fails unless tgz is the pinned tarball.
func CheckIntegrity(tgz []byte) error {
	if got := Integrity(tgz); got != NPMIntegrity {
		return fmt.Errorf("%s@%s tarball changed: integrity %s, pinned %s", NPMPackage, NPMVersion, got, NPMIntegrity)
	}
	return nil
}

// ExtractNPM reads the attribute declarations from the pinned tarball.
func ExtractNPM(tgz []byte) (*NPMData, error) {
	if err := CheckIntegrity(tgz); err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	contents := map[string][]byte{}
	var version string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		want := h.Name == "package/package.json"
		for _, f := range npmFiles {
			want = want || h.Name == f
		}
		if !want {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		if h.Name == "package/package.json" {
			var pj struct{ Name, Version string }
			if err := json.Unmarshal(b, &pj); err != nil {
				return nil, fmt.Errorf("package.json: %w", err)
			}
			if pj.Name != NPMPackage {
				return nil, fmt.Errorf("package.json names %q, want %q", pj.Name, NPMPackage)
			}
			version = pj.Version
			continue
		}
		contents[h.Name] = b
	}
	if version != NPMVersion {
		return nil, fmt.Errorf("package.json version %q, want %q", version, NPMVersion)
	}
	d := &NPMData{Package: NPMPackage, Version: NPMVersion, Integrity: NPMIntegrity, Files: npmFiles}
	byName := map[string]*NPMAttr{}
	attrIdent := map[string]*NPMAttr{}
	var values []jsDecl
	for _, f := range npmFiles {
		b, ok := contents[f]
		if !ok {
			return nil, fmt.Errorf("tarball has no %s", f)
		}
		vs, err := parseMJS(b, strings.Contains(f, "/stable_"), byName, attrIdent)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		values = append(values, vs...)
	}
	// Enum values may sit in the other file than their attribute (an
	// experimental member of a stable enum).
	if err := addEnumValues(values, attrIdent); err != nil {
		return nil, err
	}
	for _, a := range byName {
		d.Attributes = append(d.Attributes, *a)
	}
	sort.Slice(d.Attributes, func(i, j int) bool { return d.Attributes[i].Name < d.Attributes[j].Name })
	if len(d.Attributes) == 0 {
		return nil, errors.New("no attributes found")
	}
	return d, nil
}

type jsDecl struct {
	ident, value string
	doc          []string // comment lines without the leading "*"
}

// parseMJS reads `/** doc */ const NAME = value;` declarations: ATTR_*
// attributes into byName and attrIdent; *_VALUE_* declarations are returned.
func parseMJS(src []byte, stableFile bool, byName, attrIdent map[string]*NPMAttr) ([]jsDecl, error) {
	var decls []jsDecl
	var doc []string
	inDoc := false
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "/**"):
			inDoc, doc = true, nil
			if strings.HasSuffix(line, "*/") && len(line) > 4 {
				doc = append(doc, strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "/**"), "*/")))
				inDoc = false
			}
		case inDoc && strings.HasPrefix(line, "*/"):
			inDoc = false
		case inDoc:
			l := strings.TrimPrefix(line, "*")
			l = strings.TrimPrefix(l, " ")
			doc = append(doc, l)
		case strings.HasPrefix(line, "const ") && strings.HasSuffix(line, ";"):
			ident, value, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(line, "const "), ";"), " = ")
			if ok {
				decls = append(decls, jsDecl{ident, value, doc})
			}
			doc = nil
		default:
			doc = nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var values []jsDecl
	for _, d := range decls {
		if strings.Contains(d.ident, "_VALUE_") {
			values = append(values, d)
		}
		if !strings.HasPrefix(d.ident, "ATTR_") {
			continue
		}
		a := &NPMAttr{Stable: stableFile}
		switch {
		case strings.HasPrefix(d.value, `"`):
			name, err := strconv.Unquote(d.value)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.ident, err)
			}
			a.Name = name
		case strings.HasPrefix(d.value, "(key) => `") && strings.HasSuffix(d.value, ".${key}`"):
			a.Name = strings.TrimSuffix(strings.TrimPrefix(d.value, "(key) => `"), ".${key}`")
			a.Template = true
		default:
			return nil, fmt.Errorf("%s: unrecognised value %s", d.ident, d.value)
		}
		readJSDoc(a, d.doc)
		if _, dup := byName[a.Name]; dup {
			return nil, fmt.Errorf("%s declared twice", a.Name)
		}
		byName[a.Name] = a
		attrIdent[d.ident] = a
	}
	return values, nil
}

func addEnumValues(decls []jsDecl, attrIdent map[string]*NPMAttr) error {
	for _, d := range decls {
		if !strings.Contains(d.ident, "_VALUE_") {
			continue
		}
		target := ""
		for _, l := range d.doc {
			if _, rest, ok := strings.Cut(l, "for attribute {@link "); ok && strings.HasPrefix(l, "Enum value ") {
				target, _, _ = strings.Cut(rest, "}")
				break
			}
		}
		if target == "" {
			continue // an old-style export such as HTTPFLAVORVALUES_*
		}
		a := attrIdent[target]
		if a == nil {
			return fmt.Errorf("%s: enum value of unknown attribute %s", d.ident, target)
		}
		v := d.value
		if strings.HasPrefix(v, `"`) {
			var err error
			if v, err = strconv.Unquote(v); err != nil {
				return fmt.Errorf("%s: %w", d.ident, err)
			}
		} else if _, err := strconv.ParseFloat(v, 64); err != nil {
			return fmt.Errorf("%s: unrecognised enum value %s", d.ident, v)
		}
		a.Enum = append(a.Enum, v)
	}
	return nil
}

// readJSDoc fills brief, stability and deprecation from a JSDoc block.
func readJSDoc(a *NPMAttr, doc []string) {
	var brief []string
	inBrief := true
	for i := 0; i < len(doc); i++ {
		l := doc[i]
		if inBrief {
			if l == "" || strings.HasPrefix(l, "@") {
				inBrief = false
			} else {
				brief = append(brief, l)
				continue
			}
		}
		switch {
		case strings.HasPrefix(l, "@experimental"):
			a.Stable = false
		case strings.HasPrefix(l, "@deprecated"):
			a.Deprecated = true
			note := []string{strings.TrimPrefix(l, "@deprecated")}
			for i+1 < len(doc) && !strings.HasPrefix(doc[i+1], "@") {
				i++
				note = append(note, doc[i])
			}
			a.Note = OneLine(strings.Join(note, " "))
		}
	}
	a.Brief = OneLine(strings.Join(brief, " "))
}

// MarshalNPM renders the derived file.
func MarshalNPM(d *NPMData) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SHA256 is the hex sha256 of b.
func SHA256(b []byte) string {
	s := sha256.Sum256(b)
	return fmt.Sprintf("%x", s[:])
}

// LoadNPMDerived parses the committed derived file, checked against
// NPMDerivedSHA256 and the pins it records.
func LoadNPMDerived(b []byte) (*NPMData, error) {
	if got := SHA256(b); got != NPMDerivedSHA256 {
		return nil, fmt.Errorf("%s changed: sha256 %s, pinned %s (regenerate it from the tarball with `go generate ./internal/semconv`, or update NPMDerivedSHA256 in internal/gen/semconv/scgen/pins.go if the extractor changed on purpose)", NPMDerivedFile, got, NPMDerivedSHA256)
	}
	var d NPMData
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", NPMDerivedFile, err)
	}
	if d.Package != NPMPackage || d.Version != NPMVersion || d.Integrity != NPMIntegrity {
		return nil, fmt.Errorf("%s describes %s@%s (%s), pinned %s@%s (%s)", NPMDerivedFile, d.Package, d.Version, d.Integrity, NPMPackage, NPMVersion, NPMIntegrity)
	}
	return &d, nil
}

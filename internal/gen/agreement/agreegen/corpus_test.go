package agreegen

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var upstreamDir = filepath.Join("..", "..", "..", "..", "testdata", "agreement", "upstream")

// TestUpstreamTableCoversCorpus requires one verdict row per corpus file,
// well-formed rows, and a source comment first in every generated config.
func TestUpstreamTableCoversCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join(upstreamDir, "verdicts.tsv"))
	if err != nil {
		t.Fatalf("verdict table: %v", err)
	}
	defer f.Close()
	rows := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || (cols[1] != "valid" && cols[1] != "invalid") || (cols[1] == "invalid") == (cols[2] == "") {
			t.Fatalf("verdicts.tsv line %d: want file, valid|invalid, message (only when invalid), start: %q", n+1, sc.Text())
		}
		if cols[3] != "" && (cols[1] != "valid" || !(cols[3] == "starts" || strings.HasPrefix(cols[3], "start-fails: ") || strings.HasPrefix(cols[3], "not-started: "))) {
			t.Errorf("verdicts.tsv line %d: bad start column %q", n+1, cols[3])
		}
		rows[cols[0]] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(upstreamDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		files++
		rel, _ := filepath.Rel(upstreamDir, p)
		rel = filepath.ToSlash(rel)
		if !rows[rel] {
			t.Errorf("%s has no verdict row", rel)
		}
		delete(rows, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(rel, "handwritten/") && !strings.HasPrefix(string(data), "# upstream: ") {
			t.Errorf("%s: first line does not name its source", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for r := range rows {
		t.Errorf("verdict row for missing file %s", r)
	}
	if files < 500 {
		t.Errorf("only %d corpus files", files)
	}
}

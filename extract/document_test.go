package extract

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDocumentHeader(t *testing.T) {
	for _, c := range []struct {
		name, in, date, text string
	}{
		{"plain.txt", "Rain fell.", "", "Rain fell."},
		{"a/b/story.txt", " date 2024-02-03 Rain fell in Lome.", "2024-02-03", "Rain fell in Lome."},
		{"s.md", " date 2024-02-03 Metro-Region\n\nRain fell.", "2024-02-03", "\nRain fell."},
		{"s.txt", " date 2024-02-03 National-World\nRain fell.", "2024-02-03", "Rain fell."},
		// a capitalised first word of the text is not a section word
		{"s.txt", " date 2024-02-03 Rain fell.", "2024-02-03", "Rain fell."},
	} {
		d, err := ParseDocument(c.name, []byte(c.in), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Date != c.date || d.Text != c.text {
			t.Errorf("%q: date %q text %q, want %q %q", c.in, d.Date, d.Text, c.date, c.text)
		}
	}
	d, _ := ParseDocument("dir/x.y.txt", []byte("a"), ReadOptions{})
	if d.ID != "x.y" {
		t.Errorf("ID %q, want x.y", d.ID)
	}
}

func TestDocumentInvalidUTF8(t *testing.T) {
	in := []byte("ok \xff bad")
	_, err := ParseDocument("bad.txt", in, ReadOptions{})
	var de *DocumentError
	if !errors.As(err, &de) || de.Offset != 3 || de.Name != "bad.txt" || !errors.Is(err, ErrInvalidUTF8) {
		t.Fatalf("err = %v, want invalid UTF-8 at byte 3 of bad.txt", err)
	}
	if !strings.Contains(err.Error(), "bad.txt: byte 3") {
		t.Errorf("message %q does not name file and offset", err)
	}
	d, err := ParseDocument("bad.txt", in, ReadOptions{ReplaceInvalid: true})
	if err != nil || d.Text != "ok \uFFFD bad" {
		t.Errorf("replace: %q, %v", d.Text, err)
	}
}

func readAllDocs(t *testing.T, r *DocumentReader) ([]Document, error) {
	t.Helper()
	var out []Document
	for {
		d, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, d)
	}
}

func TestDocumentReader(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", " date 2020-01-02 Second.")
	write("a.md", "First.")
	write("empty.txt", "  \n")
	write("sub/c.txt", "Third.")
	write("skip.csv", "not read")
	write("corpus.jsonl", `{"id":"j1","date":"2021-05-05","title":"T","text":"Fourth."}`+"\n\n"+`{"text":"Fifth."}`+"\n")
	r := NewDocumentReader(strings.NewReader("From stdin."), []string{dir, "-"}, ReadOptions{})
	docs, err := readAllDocs(t, r)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.ID+"|"+d.Date+"|"+d.Text)
	}
	want := []string{"a||First.", "b|2020-01-02|Second.", "j1|2021-05-05|Fourth.", "corpus-3||Fifth.", "c||Third.", "stdin||From stdin."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the end: %v, want io.EOF", err)
	}
}

func TestDocumentReaderErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.jsonl")
	os.WriteFile(p, []byte(`{"text":"ok"}`+"\n"+`{"text": 5}`+"\n"), 0o644)
	r := NewDocumentReader(nil, []string{p}, ReadOptions{})
	_, err := readAllDocs(t, r)
	if err == nil || !strings.Contains(err.Error(), "c.jsonl:2") {
		t.Errorf("err = %v, want one naming c.jsonl:2", err)
	}
	if _, err2 := r.Next(); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("error not sticky: %v", err2)
	}
	r = NewDocumentReader(nil, []string{filepath.Join(dir, "missing.txt")}, ReadOptions{})
	if _, err := r.Next(); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, []byte(strings.Repeat("a", 100)), 0o644)
	r = NewDocumentReader(nil, []string{big}, ReadOptions{MaxBytes: 10})
	if _, err := r.Next(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big file: %v, want ErrTooLarge", err)
	}
}

func TestSeedHeaders(t *testing.T) {
	dir := "../../shared/data/seeds"
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("seed articles absent")
	}
	r := NewDocumentReader(nil, files, ReadOptions{})
	docs, err := readAllDocs(t, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	for _, d := range docs {
		if len(d.Date) != 10 || strings.Contains(d.Text[:40], "date") || strings.HasPrefix(strings.TrimSpace(d.Text), "National-World") {
			t.Errorf("%s: date %q, text starts %q", d.ID, d.Date, d.Text[:40])
		}
	}
}

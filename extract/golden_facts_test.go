package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenFacts extracts the facts of testdata/facts/corpus.spec, a
// story written for this test with hand-made dependency trees, and compares
// them, as JSON Lines, with testdata/facts/corpus.golden.jsonl. Run with
// -update after changing the rules, and review the diff.
func TestGoldenFacts(t *testing.T) {
	spec, err := os.ReadFile(filepath.Join("testdata", "facts", "corpus.spec"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor(Options{Analyzer: factAnalyzer(t)})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	for _, d := range readSpecDocs(t, string(spec)) {
		res := x.FromSentences(d.doc, d.sents)
		for _, f := range res.Facts {
			if err := enc.Encode(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	golden := filepath.Join("testdata", "facts", "corpus.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		gl, wl := strings.Split(out.String(), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("facts differ from %s at line %d:\n got  %s\n want %s\n(run with -update and review the diff)", golden, i+1, g, w)
			}
		}
	}
}

type specDoc struct {
	doc   Document
	sents []Sentence
}

// readSpecDocs reads the corpus.spec format: "# id ID DATE" starts a
// document, other "#" lines are comments, blank lines are ignored.
func readSpecDocs(t testing.TB, spec string) []specDoc {
	var docs []specDoc
	var texts []string
	flush := func() {
		if len(docs) > 0 {
			docs[len(docs)-1].doc.Text = strings.Join(texts, "\n")
		}
		texts = nil
	}
	sc := bufio.NewScanner(strings.NewReader(spec))
	off := 0
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(l, "# id "):
			flush()
			f := strings.Fields(l)
			d := Document{ID: f[2]}
			if len(f) > 3 {
				d.Date = f[3]
			}
			docs = append(docs, specDoc{doc: d})
			off = 0
		case l == "" || l[0] == '#':
		default:
			s, text := goldSentence(t, l, off)
			docs[len(docs)-1].sents = append(docs[len(docs)-1].sents, s)
			texts = append(texts, text)
			off += len(text) + 1
		}
	}
	flush()
	return docs
}

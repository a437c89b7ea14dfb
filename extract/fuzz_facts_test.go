package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that extraction never panics on any text and that
// every fact it returns is well formed: spans inside the sentence,
// confidence in [0,1], values set.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"The guards detained the mayor. He was freed by a judge on Friday.",
		" date 2024-01-01 National-World\n\n“We will never accept it,” Okafor said.",
		"They shut down the border and imposed a curfew, and ECOWAS, the AU and France condemned it.",
		"", ".", "\"\"\"", "he he he he", strings.Repeat("and ", 50),
		"Minister of Water Resources Leila Haddad, who was elected in 2019, said that it was not safe.",
	} {
		f.Add(s)
	}
	a := factAnalyzer(f)
	x, err := NewExtractor(Options{Analyzer: a, KeepUnresolved: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 4000 {
			return
		}
		doc, err := ParseDocument("fuzz.txt", []byte(text), ReadOptions{})
		if err != nil {
			return
		}
		res, err := x.Extract(doc)
		if err != nil {
			return
		}
		checkFacts(t, res)
	})
}

func checkFacts(t *testing.T, res Result) {
	t.Helper()
	for _, f := range res.Facts {
		if f.Subject == nil || f.Predicate == nil || f.Object == nil {
			t.Fatalf("fact with a nil value: %+v", f)
		}
		if f.Confidence < 0 || f.Confidence > 1 {
			t.Fatalf("confidence %v", f.Confidence)
		}
		for i, sp := range f.Spans {
			if sp.Start < 0 || sp.End > len(f.Text) || sp.Start > sp.End {
				t.Fatalf("span %d %v outside sentence %q", i, sp, f.Text)
			}
		}
		if f.Offset < 0 || f.Offset+len(f.Text) > len(res.Document.Text) || res.Document.Text[f.Offset:f.Offset+len(f.Text)] != f.Text {
			t.Fatalf("sentence %q not at offset %d", f.Text, f.Offset)
		}
	}
}

// TestExtractLinear checks that the work extraction does grows linearly
// with the input: a document of many copies of a paragraph gives exactly
// as many facts per copy, and as many entity facts as one copy (the
// entities are the same), so no per-document structure grows faster.
func TestExtractLinear(t *testing.T) {
	para := "The guards detained the mayor in Kano on Monday. He was freed by a judge. " +
		"ECOWAS and France condemned the arrest.\n\n"
	x, err := NewExtractor(Options{Analyzer: factAnalyzer(t)})
	if err != nil {
		t.Fatal(err)
	}
	count := func(n int) (facts, entity int) {
		res, err := x.Extract(Document{ID: "d", Text: strings.Repeat(para, n)})
		if err != nil {
			t.Fatal(err)
		}
		checkFacts(t, res)
		for _, f := range res.Facts {
			if f.Kind == KindEntity {
				entity++
			} else {
				facts++
			}
		}
		return
	}
	f1, e1 := count(1)
	f8, e8 := count(8)
	if f8 != 8*f1 || e8 != e1 {
		t.Errorf("1 copy: %d facts, %d entity facts; 8 copies: %d, %d (want %d, %d)", f1, e1, f8, e8, 8*f1, e1)
	}
}

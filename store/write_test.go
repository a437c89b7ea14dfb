package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestAddIsASet(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	q := quad.MakeIRI("a", "p", "b", "d1#0")
	for i := 0; i < 3; i++ {
		if err := s.Add(ctx, q, q); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Quads: 1, Nodes: 2, Predicates: 1, Documents: 1}) {
		t.Fatalf("Stats = %+v", st)
	}
}

func TestAddRejectsIncompleteQuadAtomically(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	err := s.Add(ctx, quad.MakeIRI("a", "p", "b", ""), quad.Quad{Subject: quad.IRI("x"), Predicate: quad.IRI("p")})
	if !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("Add = %v, want ErrInvalidValue", err)
	}
	if n, _ := s.Count(ctx, Pattern{}); n != 0 {
		t.Fatalf("a failed Add stored %d quads", n)
	}
}

func TestSameFactTwoDocuments(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	a := quad.MakeIRI("ECOWAS", "condemn", "coup", "d1#0")
	b := quad.MakeIRI("ECOWAS", "condemn", "coup", "d2#4")
	if err := s.Add(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, Pattern{Subject: quad.IRI("ECOWAS")}); n != 2 {
		t.Fatalf("same fact from two documents: %d quads, want 2", n)
	}
	if err := s.DeleteDocument(ctx, "d1"); err != nil {
		t.Fatal(err)
	}
	got := collect(t, s, Pattern{})
	if len(got) != 1 || got[0].Label != b.Label {
		t.Fatalf("after deleting d1: %v", got)
	}
	docs, err := s.Documents(ctx)
	if err != nil || !slices.Equal(docs, []string{"d2"}) {
		t.Fatalf("Documents = %v, %v", docs, err)
	}
	if err := s.DeleteDocument(ctx, "unknown"); err != nil {
		t.Fatalf("deleting an unknown document: %v", err)
	}
}

func TestPutDocumentReplacesAndKeepsEvidence(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	doc := Document{ID: "story", Title: "A story", Date: "2024-05-01", Hash: "h1"}
	sents := []Sentence{{Index: 0, Text: "The guards detained the minister."}}
	f := Fact{
		Quad: quad.Quad{Subject: quad.IRI("guards"), Predicate: quad.IRI("detain"), Object: quad.IRI("minister"), Label: Label("story", 0)},
		Evidence: &Evidence{
			Subject: Span{0, 10}, Predicate: Span{11, 19}, Object: Span{20, 32},
			Surface: [3]string{"The guards", "detained", "the minister"}, Confidence: 0.9,
			Args: []Arg{{Role: "in", Value: "May", Span: Span{1, 2}}},
		},
	}
	if err := s.PutDocument(ctx, doc, sents, []Fact{f}); err != nil {
		t.Fatal(err)
	}
	ev, err := s.EvidenceOf(ctx, f.Quad)
	if err != nil || ev.Surface[1] != "detained" || ev.Confidence != 0.9 || len(ev.Args) != 1 {
		t.Fatalf("EvidenceOf = %+v, %v", ev, err)
	}
	sent, err := s.Sentence(ctx, f.Quad.Label)
	if err != nil || sent.Text != sents[0].Text || sent.Doc != "story" {
		t.Fatalf("Sentence = %+v, %v", sent, err)
	}
	if d, err := s.Document(ctx, "story"); err != nil || d != doc {
		t.Fatalf("Document = %+v, %v", d, err)
	}

	// The edited document replaces the old facts.
	g := f
	g.Quad.Predicate = quad.IRI("release")
	doc.Hash = "h2"
	if err := s.PutDocument(ctx, doc, sents, []Fact{g}); err != nil {
		t.Fatal(err)
	}
	got := collect(t, s, Pattern{})
	if len(got) != 1 || got[0].Predicate != quad.IRI("release") {
		t.Fatalf("after re-put: %v", got)
	}
	if _, err := s.EvidenceOf(ctx, f.Quad); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old evidence still there: %v", err)
	}
	if err := s.DeleteDocument(ctx, "story"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sentence(ctx, f.Quad.Label); !errors.Is(err, ErrNotFound) {
		t.Fatalf("sentence after delete: %v", err)
	}
	if _, err := s.Document(ctx, "story"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("document after delete: %v", err)
	}
	if st, _ := s.Stats(ctx); st.Quads != 0 || st.Documents != 0 {
		t.Fatalf("stats after delete: %+v", st)
	}
}

func TestDeleteQuads(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	if err := s.Add(ctx, fixture...); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, fixture[0], quad.MakeIRI("never", "stored", "quad", "")); err != nil {
		t.Fatal(err)
	}
	if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(fixture[1:]); !slices.Equal(got, want) {
		t.Fatalf("after Delete: %v", got)
	}
	// niger#3 carried only the deleted quad: its document link is gone,
	// niger's other labels remain.
	docs, _ := s.Documents(ctx)
	if !slices.Equal(docs, []string{"niger", "niger2"}) {
		t.Fatalf("Documents = %v", docs)
	}
	for _, ix := range []index{idxSPOL, idxPOSL, idxOSPL, idxLSPO} {
		checkIndexesAgree(t, s, ix)
	}
}

func TestDocumentOf(t *testing.T) {
	tests := []struct {
		label quad.Value
		doc   string
		n     int
	}{
		{Label("niger", 3), "niger", 3},
		{quad.IRI("a#b#12"), "a#b", 12},
		{quad.IRI("plain"), "plain", -1},
		{quad.IRI("x#y"), "x#y", -1},
		{quad.BNode("g"), "_:g", -1},
		{nil, "", -1},
	}
	for _, tt := range tests {
		doc, n := DocumentOf(tt.label)
		if doc != tt.doc || n != tt.n {
			t.Errorf("DocumentOf(%v) = %q, %d; want %q, %d", tt.label, doc, n, tt.doc, tt.n)
		}
	}
}

func TestValueEncodingRoundTrip(t *testing.T) {
	vals := []quad.Value{
		quad.IRI("http://example.org/x"), quad.BNode("b1"), quad.String(""), quad.String("a\x00b"),
		quad.TypedString{Value: "2021-04-02", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.LangString{Value: "bonjour", Lang: "fr"},
	}
	for _, v := range vals {
		enc, err := encodeValue(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeValue(enc)
		if err != nil || got != v {
			t.Errorf("round trip %#v = %#v, %v", v, got, err)
		}
	}
	if enc, err := encodeValue(nil, quad.Int(7)); err != nil {
		t.Fatal(err)
	} else if got, _ := decodeValue(enc); got != quad.Int(7).TypedString() {
		t.Errorf("quad.Int stored as %#v", got)
	}
	if _, err := encodeValue(nil, nil); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("nil value: %v", err)
	}
}

func TestGenerationChangesWithContent(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint64]bool{s.Generation(): true}
	step := func(what string) {
		t.Helper()
		g := s.Generation()
		if seen[g] {
			t.Fatalf("generation %d after %s was seen before", g, what)
		}
		seen[g] = true
	}
	bulkLoad(t, s, fixture[:2])
	step("empty-store bulk load")
	if err := s.Add(ctx, fixture[2]); err != nil {
		t.Fatal(err)
	}
	step("Add")
	bulkLoad(t, s, fixture[3:])
	step("non-empty bulk load")
	if err := s.DeleteDocument(ctx, "niger"); err != nil {
		t.Fatal(err)
	}
	step("DeleteDocument")
	g := s.Generation()
	s.Close()
	s = openDir(t, dir)
	if s.Generation() != g {
		t.Fatalf("generation %d after reopen, was %d", s.Generation(), g)
	}
	if n, _ := s.Count(ctx, Pattern{}); n == 0 {
		t.Fatal("store empty after reopen")
	}
}

package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestScanSources checks the one-pass scan against per-quad lookups:
// every quad once, in label order, with its label's sentence and its
// evidence exactly as Sentence and EvidenceOf return them.
func TestScanSources(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	for d := 0; d < 6; d++ {
		doc := fmt.Sprintf("doc%d", d)
		var sents []Sentence
		var facts []Fact
		for n := 0; n < 1+r.IntN(4); n++ {
			// some labels have a sentence record, some do not
			if r.IntN(4) > 0 {
				sents = append(sents, Sentence{Doc: doc, Index: n, Text: fmt.Sprintf("sentence %d of %s", n, doc)})
			}
			for k := 0; k < r.IntN(5); k++ {
				q := quad.Make(quad.IRI(fmt.Sprint("e", r.IntN(8))), quad.IRI(fmt.Sprint("p", r.IntN(3))), quad.IRI(fmt.Sprint("e", r.IntN(8))), Label(doc, n))
				f := Fact{Quad: q}
				if r.IntN(3) > 0 {
					f.Evidence = &Evidence{Confidence: float64(k+1) / 10, Negated: k%2 == 0, Surface: [3]string{"a", "b", doc}}
				}
				facts = append(facts, f)
			}
		}
		if err := s.PutDocument(ctx, Document{ID: doc}, sents, facts); err != nil {
			t.Fatal(err)
		}
	}
	// quads with no label and no evidence at all
	if err := s.Add(ctx, quad.Make(quad.IRI("x"), quad.IRI("p0"), quad.String("lit"), nil), quad.Make(quad.IRI("x"), quad.IRI("p1"), quad.IRI("e1"), quad.IRI("plain"))); err != nil {
		t.Fatal(err)
	}
	var got [][4]uint64
	err := s.ScanSources(ctx, func(src Sourced) error {
		got = append(got, src.IDs)
		q := src.Quad
		for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if src.IDs[i] == 0 {
				if v != nil {
					t.Errorf("%v: value %v for ID 0", q, v)
				}
				continue
			}
			want, err := s.ValueOf(src.IDs[i])
			if err != nil {
				return err
			}
			if v != want {
				t.Errorf("%v: value %d is %v, want %v", q, i, v, want)
			}
		}
		if q.Label != nil {
			want, err := s.Sentence(ctx, q.Label)
			switch {
			case errors.Is(err, ErrNotFound) && src.Sentence != nil:
				t.Errorf("%v: sentence %+v, want none", q, *src.Sentence)
			case err == nil && (src.Sentence == nil || *src.Sentence != want):
				t.Errorf("%v: sentence %v, want %+v", q, src.Sentence, want)
			}
		}
		want, err := s.EvidenceOf(ctx, q)
		switch {
		case errors.Is(err, ErrNotFound) && src.Evidence != nil:
			t.Errorf("%v: evidence %+v, want none", q, *src.Evidence)
		case err == nil && (src.Evidence == nil || !reflect.DeepEqual(*src.Evidence, want)):
			t.Errorf("%v: evidence %v, want %+v", q, src.Evidence, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want [][4]uint64
	for q, err := range s.Match(ctx, Pattern{}) {
		if err != nil {
			t.Fatal(err)
		}
		var id [4]uint64
		for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				if id[i], err = s.IDOf(v); err != nil {
					t.Fatal(err)
				}
			}
		}
		want = append(want, id)
	}
	if len(got) != len(want) {
		t.Fatalf("ScanSources gave %d quads, Match %d", len(got), len(want))
	}
	for i := 1; i < len(got); i++ {
		if compareLSPO(got[i-1], got[i]) >= 0 {
			t.Fatalf("not in label order at %d: %v then %v", i, got[i-1], got[i])
		}
	}
	seen := map[[4]uint64]bool{}
	for _, q := range got {
		seen[q] = true
	}
	for _, q := range want {
		if !seen[q] {
			t.Errorf("quad %v missing from ScanSources", q)
		}
	}
	// an error from fn stops the scan and comes back
	stop := errors.New("stop here")
	n := 0
	if err := s.ScanSources(ctx, func(Sourced) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Fatalf("ScanSources with a failing fn: %v after %d calls", err, n)
	}
}

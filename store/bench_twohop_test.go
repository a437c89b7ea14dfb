package store_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

// twoHop follows s → ? → ?: the facts of s, then, for each IRI or blank
// node object of those facts in turn, the facts with that object as
// subject, stopping after limit quads in all. It uses only store.Match, and
// is the same walk as the Cayley peer's TwoHop (bench/cayley).
func twoHop(ctx context.Context, s *store.Store, subj quad.Value, limit int) ([]quad.Quad, error) {
	first, err := matchN(ctx, s, store.Pattern{Subject: subj}, limit)
	if err != nil {
		return nil, err
	}
	out := first
	for _, q := range first {
		if len(out) >= limit {
			break
		}
		switch q.Object.(type) {
		case quad.IRI, quad.BNode:
		default:
			continue
		}
		next, err := matchN(ctx, s, store.Pattern{Subject: q.Object}, limit-len(out))
		if err != nil {
			return nil, err
		}
		out = append(out, next...)
	}
	return out, nil
}

func matchN(ctx context.Context, s *store.Store, p store.Pattern, limit int) ([]quad.Quad, error) {
	var out []quad.Quad
	if limit <= 0 {
		return nil, nil
	}
	for q, err := range s.Match(ctx, p) {
		if err != nil {
			return nil, err
		}
		if out = append(out, q); len(out) == limit {
			break
		}
	}
	return out, nil
}

func TestTwoHop(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(store.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []quad.Quad{
		quad.MakeIRI("alice", "knows", "bob", "d1"),
		quad.MakeIRI("alice", "knows", "carol", "d1"),
		quad.Make(quad.IRI("alice"), quad.IRI("age"), quad.Int(41), quad.IRI("d1")),
		quad.MakeIRI("bob", "knows", "dave", "d2"),
		quad.MakeIRI("bob", "worksFor", "acme", "d2"),
		quad.MakeIRI("carol", "knows", "alice", "d2"),
		quad.MakeIRI("dave", "knows", "erin", "d3"), // three hops away
	} {
		if err := s.Add(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	got, err := twoHop(ctx, s, quad.IRI("alice"), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("twoHop(alice) = %d quads %v, want 6", len(got), got)
	}
	for _, q := range got {
		if q.Subject == quad.IRI("dave") {
			t.Errorf("three-hop fact %v returned", q)
		}
	}
	if got, _ := twoHop(ctx, s, quad.IRI("alice"), 4); len(got) != 4 {
		t.Errorf("limit 4: %d quads", len(got))
	}
}

// BenchmarkTwoHop measures s → ? → ? walks (twoHop, at most 100 quads)
// from subjects drawn from the data with BenchmarkMatch's seed, and
// reports p50 and p99 latency, beside the Cayley peer's Match/…/2hop.
func BenchmarkTwoHop(b *testing.B) {
	s, sample := loadedStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(2, 2))
	var lat []time.Duration
	results := 0
	for b.Loop() {
		q := sample[r.IntN(len(sample))]
		t0 := time.Now()
		got, err := twoHop(ctx, s, q.Subject, 100)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			b.Fatalf("no results from %v", q.Subject)
		}
		results += len(got)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
	b.ReportMetric(float64(results)/float64(len(lat)), "results/op")
}

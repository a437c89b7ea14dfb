package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

var fixture = []quad.Quad{
	quad.MakeIRI("Presidential_Guard", "confine", "Bazoum", "niger#3"),
	quad.MakeIRI("military", "detain", "Bazoum", "niger#7"),
	quad.MakeIRI("African_Union", "condemn", "coup", "niger#9"),
	quad.MakeIRI("ECOWAS", "condemn", "coup", "niger#9"),
	quad.MakeIRI("ECOWAS", "condemn", "coup", "niger2#1"),
	{Subject: quad.IRI("Bazoum"), Predicate: quad.IRI("name"), Object: quad.String("Mohamed Bazoum")},
	{Subject: quad.IRI("Bazoum"), Predicate: quad.IRI("type"), Object: quad.IRI("PERSON")},
}

func TestMatchPatternShapes(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	if err := s.Add(ctx, fixture...); err != nil {
		t.Fatal(err)
	}
	iri := func(x string) quad.Value { return quad.IRI(x) }
	tests := []struct {
		name string
		p    Pattern
		want int
	}{
		{"all", Pattern{}, 7},
		{"s??", Pattern{Subject: iri("Bazoum")}, 2},
		{"?p?", Pattern{Predicate: iri("condemn")}, 3},
		{"??o", Pattern{Object: iri("Bazoum")}, 2},
		{"???l", Pattern{Label: iri("niger#9")}, 2},
		{"sp?", Pattern{Subject: iri("ECOWAS"), Predicate: iri("condemn")}, 2},
		{"s?o", Pattern{Subject: iri("military"), Object: iri("Bazoum")}, 1},
		{"?po", Pattern{Predicate: iri("condemn"), Object: iri("coup")}, 3},
		{"spo", Pattern{Subject: iri("ECOWAS"), Predicate: iri("condemn"), Object: iri("coup")}, 2},
		{"spol", Pattern{Subject: iri("ECOWAS"), Predicate: iri("condemn"), Object: iri("coup"), Label: iri("niger2#1")}, 1},
		{"?p?l", Pattern{Predicate: iri("condemn"), Label: iri("niger#9")}, 2},
		{"literal object", Pattern{Object: quad.String("Mohamed Bazoum")}, 1},
		{"unknown value", Pattern{Subject: iri("Nobody")}, 0},
		{"known value, no match", Pattern{Subject: iri("coup")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, s, tt.p)
			if len(got) != tt.want {
				t.Fatalf("Match(%+v) = %d quads, want %d: %v", tt.p, len(got), tt.want, got)
			}
			if want := bruteMatch(fixture, tt.p); !slices.Equal(sortedKeys(got), want) {
				t.Fatalf("Match(%+v) = %v, want %v", tt.p, sortedKeys(got), want)
			}
			n, err := s.Count(ctx, tt.p)
			if err != nil || n != tt.want {
				t.Fatalf("Count = %d, %v; want %d", n, err, tt.want)
			}
		})
	}
}

func TestPlanUsesBoundPrefix(t *testing.T) {
	tests := []struct {
		p     IDPattern
		index index
		n     int
	}{
		{IDPattern{}, idxSPOL, 0},
		{IDPattern{1, 0, 0, 0}, idxSPOL, 1},
		{IDPattern{0, 1, 0, 0}, idxPOSL, 1},
		{IDPattern{0, 0, 1, 0}, idxOSPL, 1},
		{IDPattern{0, 0, 0, 1}, idxLSPO, 1},
		{IDPattern{1, 1, 0, 0}, idxSPOL, 2},
		{IDPattern{1, 0, 1, 0}, idxOSPL, 2},
		{IDPattern{0, 1, 1, 0}, idxPOSL, 2},
		{IDPattern{1, 1, 1, 0}, idxSPOL, 3},
		{IDPattern{1, 1, 1, 1}, idxSPOL, 4},
		{IDPattern{1, 0, 0, 1}, idxLSPO, 2},
	}
	for _, tt := range tests {
		ix, n := plan(tt.p)
		if ix != tt.index || n != tt.n {
			t.Errorf("plan(%v) = %s/%d, want %s/%d", tt.p, indexName[ix], n, indexName[tt.index], tt.n)
		}
	}
}

// TestMatchProperty compares Match, for all 16 pattern shapes, with a
// brute-force filter over the same quads, loaded by Add and by both bulk
// paths.
func TestMatchProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	qs := randomQuads(r, 600)
	loaders := map[string]func(*Store){
		"add": func(s *Store) {
			for i := 0; i < len(qs); i += 50 {
				if err := s.Add(context.Background(), qs[i:min(i+50, len(qs))]...); err != nil {
					t.Fatal(err)
				}
			}
		},
		"bulk-empty": func(s *Store) { bulkLoad(t, s, qs) },
		"bulk-nonempty": func(s *Store) {
			if err := s.Add(context.Background(), qs[:10]...); err != nil {
				t.Fatal(err)
			}
			bulkLoad(t, s, qs[5:])
		},
	}
	for name, load := range loaders {
		t.Run(name, func(t *testing.T) {
			s, err := Open(DefaultOptions(t.TempDir()).WithRunSize(97))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			load(s)
			if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(qs); !slices.Equal(got, want) {
				t.Fatalf("store holds %d quads, want %d", len(got), len(want))
			}
			for i := 0; i < 400; i++ {
				probe := qs[r.IntN(len(qs))]
				shape := i % 16
				var p Pattern
				if shape&1 != 0 {
					p.Subject = probe.Subject
				}
				if shape&2 != 0 {
					p.Predicate = probe.Predicate
				}
				if shape&4 != 0 {
					p.Object = qs[r.IntN(len(qs))].Object // sometimes matches nothing
				}
				if shape&8 != 0 && probe.Label != nil {
					p.Label = probe.Label
				}
				got := sortedKeys(collect(t, s, p))
				if want := bruteMatch(qs, p); !slices.Equal(got, want) {
					t.Fatalf("Match(%v) = %d quads, brute force %d", p, len(got), len(want))
				}
			}
		})
	}
}

func bulkLoad(t testing.TB, s *Store, qs []quad.Quad) BulkResult {
	t.Helper()
	w, err := s.NewBulkWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n, err := quad.Copy(w, quad.NewReader(qs)); err != nil || n != len(qs) {
		t.Fatalf("quad.Copy = %d, %v", n, err)
	}
	res, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestMatchStopsEarlyAndHonoursContext(t *testing.T) {
	s := openMem(t)
	r := rand.New(rand.NewPCG(3, 4))
	bulkLoad(t, s, randomQuads(r, 5000))
	n := 0
	for _, err := range s.Match(context.Background(), Pattern{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("read %d quads", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Count(ctx, Pattern{})
	if err == nil {
		t.Fatal("Count with a cancelled context succeeded")
	}
}

func TestReaderStreamsForQuadCopy(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	if err := s.Add(ctx, fixture...); err != nil {
		t.Fatal(err)
	}
	dst := openMem(t)
	w, err := dst.NewBulkWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Reader(ctx, Pattern{Predicate: quad.IRI("condemn")})
	n, err := quad.Copy(w, r)
	r.Close()
	if err != nil || n != 3 {
		t.Fatalf("quad.Copy = %d, %v; want 3", n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := sortedKeys(collect(t, dst, Pattern{})), bruteMatch(fixture, Pattern{Predicate: quad.IRI("condemn")}); !slices.Equal(got, want) {
		t.Fatalf("copied %v, want %v", got, want)
	}
}

// TestMatchAfterChurn adds and deletes the same quads over and over, so
// that keys carry several versions and deletion markers, in memory and on
// disk (where a reopen flushes them to tables), and checks every pattern
// shape against a model set after each step. Count must agree.
func TestMatchAfterChurn(t *testing.T) {
	for _, mode := range []string{"memory", "disk"} {
		t.Run(mode, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 8))
			pool := randomQuads(r, 200)
			open := opener(t, mode, t.TempDir())
			s := open()
			ctx := context.Background()
			model := map[string]quad.Quad{}
			for step := 0; step < 40; step++ {
				batch := make([]quad.Quad, 1+r.IntN(30))
				for i := range batch {
					batch[i] = pool[r.IntN(len(pool))]
				}
				if r.IntN(3) == 0 {
					if err := s.Delete(ctx, batch...); err != nil {
						t.Fatal(err)
					}
					for _, q := range batch {
						delete(model, key(q))
					}
				} else {
					if err := s.Add(ctx, batch...); err != nil {
						t.Fatal(err)
					}
					for _, q := range batch {
						model[key(q)] = q
					}
				}
				if mode == "disk" && step%10 == 9 {
					s.Close()
					s = open()
				}
				var live []quad.Quad
				for _, q := range model {
					live = append(live, q)
				}
				probe := pool[r.IntN(len(pool))]
				for _, p := range []Pattern{{}, {Subject: probe.Subject}, {Predicate: probe.Predicate}, {Object: probe.Object}, {Label: probe.Label}, {Subject: probe.Subject, Predicate: probe.Predicate, Object: probe.Object, Label: probe.Label}} {
					want := bruteMatch(live, p)
					if got := sortedKeys(collect(t, s, p)); !slices.Equal(got, want) {
						t.Fatalf("step %d: Match(%v) = %d quads, model %d", step, p, len(got), len(want))
					}
					if n, err := s.Count(ctx, p); err != nil || n != len(want) {
						t.Fatalf("step %d: Count(%v) = %d, %v; model %d", step, p, n, err, len(want))
					}
				}
			}
		})
	}
}

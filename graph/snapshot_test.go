package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	gonum "gonum.org/v1/gonum/graph"
)

func TestBuildCoup(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	// Lines: every fact whose object is an entity and not type/name.
	if got, want := s.Size(), 10; got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	// Nodes: the 8 typed entities and <release>.
	if got, want := s.Len(), 9; got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
	b, ok := s.NodeOf(m.iri(t, "Bazoum"))
	if !ok {
		t.Fatal("Bazoum is not a node")
	}
	if v, _ := s.Value(s.NameID(b)); v != quad.String("Mohamed Bazoum") {
		t.Errorf("name of Bazoum = %v", v)
	}
	if v, _ := s.Value(s.TypeID(b)); v != quad.IRI("PERSON") {
		t.Errorf("type of Bazoum = %v", v)
	}
	// The literal-object fact is an attribute, with the type and name.
	attrs := s.Attributes(b)
	if len(attrs) != 3 {
		t.Errorf("attributes of Bazoum = %v, want 3", attrs)
	}
	g, _ := s.NodeOf(m.iri(t, "Presidential_Guard"))
	facts := s.Facts(b, g)
	if len(facts) != 1 || facts[0].P != m.iri(t, "detained_by") || facts[0].L != m.iri(t, "d1#2") {
		t.Errorf("Facts(Bazoum, Guard) = %v", facts)
	}
	if !s.HasEdgeFromTo(g, b) || !s.HasEdgeBetween(b, g) {
		t.Error("Guard confine Bazoum is missing")
	}
	if w, ok := s.Undirected().Weight(b, g); !ok || w != 2 {
		t.Errorf("undirected weight Bazoum-Guard = %v, %v; want 2", w, ok)
	}
	if len(s.Incident(b)) != 6 {
		t.Errorf("Incident(Bazoum) = %d facts, want 6", len(s.Incident(b)))
	}
}

func TestBuildOptions(t *testing.T) {
	m := parseNQuads(t, coup)
	d2 := m.iri(t, "d2#1")
	d2b := m.iri(t, "d2#4")
	tests := []struct {
		name       string
		opt        BuildOptions
		nodes, lns int
	}{
		{"all", BuildOptions{}, 9, 10},
		{"predicate", BuildOptions{Predicates: []quad.Value{quad.IRI("condemn")}}, 3, 2},
		{"two predicates", BuildOptions{Predicates: []quad.Value{quad.IRI("condemn"), quad.IRI("target")}}, 4, 3},
		{"label", BuildOptions{Label: func(l uint64) bool { return l == d2 || l == d2b }}, 4, 3},
		{"types", BuildOptions{Types: []string{"person", "EVENT"}}, 4, 3},
		{"isolated", BuildOptions{Types: []string{"LOC"}, KeepIsolated: true}, 1, 0},
		{"edge rule", BuildOptions{Edge: func(s, p, o, l uint64) bool { return p == m.iri(t, "support") }}, 2, 1},
		// With <name> an ordinary predicate, names are literal attributes
		// and nothing changes in the lines.
		{"other name predicate", BuildOptions{NamePredicates: []quad.Value{quad.IRI("label")}}, 9, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, m, &tt.opt)
			if s.Len() != tt.nodes || s.Size() != tt.lns {
				t.Errorf("got %d nodes %d lines, want %d, %d", s.Len(), s.Size(), tt.nodes, tt.lns)
			}
		})
	}
}

type failingSource struct{}

var errScan = errors.New("scan failed")

func (failingSource) ScanIDs(ctx context.Context, fn func(s, p, o, l uint64) error) error {
	return errScan
}

func TestBuildRDFVocabulary(t *testing.T) {
	m := parseNQuads(t, `
<http://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/Person> .
<http://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "Ann" .
<http://ex.org/a> <http://ex.org/knows> <http://ex.org/b> .
`)
	s := build(t, m, nil)
	a, _ := s.NodeOf(m.iri(t, "http://ex.org/a"))
	if s.Len() != 2 || s.Size() != 1 {
		t.Fatalf("%d nodes %d lines", s.Len(), s.Size())
	}
	if v, _ := s.Value(s.NameID(a)); v != quad.String("Ann") {
		t.Errorf("name %v", v)
	}
	if v, _ := s.Value(s.TypeID(a)); LocalName(v) != "Person" {
		t.Errorf("type %v", v)
	}
}

func TestBuildErrors(t *testing.T) {
	m := parseNQuads(t, coup)
	if _, err := Build(context.Background(), failingSource{}, m, nil); !errors.Is(err, errScan) {
		t.Errorf("scan error: got %v", err)
	}
	// A namer that does not know an ID.
	bad := newMemStore()
	bad.quads = [][4]uint64{{1, 2, 3, 0}}
	if _, err := Build(context.Background(), bad, bad, nil); !errors.Is(err, errNoID) {
		t.Errorf("namer error: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, m, m, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

// randomStore makes a random multigraph of n entities and e facts over np
// predicates and nl labels, with some self loops, parallel lines and
// literal objects.
func randomStore(r *rand.Rand, n, e, np, nl int) *memStore {
	m := newMemStore()
	ent := func(i int) quad.Value { return quad.IRI("e" + itoa(i)) }
	for i := 0; i < e; i++ {
		s := r.IntN(n)
		var o quad.Value = ent(r.IntN(n))
		if r.IntN(10) == 0 {
			o = quad.String("lit" + itoa(r.IntN(5)))
		}
		var l quad.Value
		if k := r.IntN(nl + 1); k > 0 {
			l = quad.IRI("doc#" + itoa(k))
		}
		m.add(quad.Quad{Subject: ent(s), Predicate: quad.IRI("p" + itoa(r.IntN(np))), Object: o, Label: l})
	}
	return m
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// TestCSRProperty checks the CSR against a brute-force adjacency list built
// directly from the facts, on random multigraphs.
func TestCSRProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 50; iter++ {
		m := randomStore(r, 2+r.IntN(20), r.IntN(80), 3, 4)
		s := build(t, m, nil)
		// Brute force: map of (s,o) -> sorted facts, for entity objects.
		type pair struct{ u, v uint64 }
		want := make(map[pair][]Fact)
		nodes := make(map[uint64]bool)
		for _, q := range m.quads {
			if _, ok := m.vals[q[2]-1].(quad.IRI); !ok {
				continue
			}
			want[pair{q[0], q[2]}] = append(want[pair{q[0], q[2]}], Fact{q[0], q[1], q[2], q[3]})
			nodes[q[0]], nodes[q[2]] = true, true
		}
		if s.Len() != len(nodes) {
			t.Fatalf("iter %d: %d nodes, want %d", iter, s.Len(), len(nodes))
		}
		lines := 0
		for id := range nodes {
			u, ok := s.NodeOf(id)
			if !ok || s.StoreID(u) != id {
				t.Fatalf("iter %d: node %d missing", iter, id)
			}
			var from, to []int64
			for jd := range nodes {
				v, _ := s.NodeOf(jd)
				if len(want[pair{id, jd}]) > 0 {
					from = append(from, v)
				}
				if len(want[pair{jd, id}]) > 0 {
					to = append(to, v)
				}
				// Facts keeps scan order, as the brute force does.
				got := s.Facts(u, v)
				w := want[pair{id, jd}]
				if !slices.Equal(got, w) {
					t.Fatalf("iter %d: Facts(%d,%d) = %v, want %v", iter, id, jd, got, w)
				}
				lines += len(got)
				if n := gonum.LinesOf(s.Lines(u, v)); len(n) != len(w) {
					t.Fatalf("iter %d: Lines = %d, want %d", iter, len(n), len(w))
				}
				if s.HasEdgeFromTo(u, v) != (len(w) > 0) {
					t.Fatalf("iter %d: HasEdgeFromTo wrong", iter)
				}
				und := gonum.LinesOf(s.Undirected().LinesBetween(u, v))
				wu := len(w)
				if u != v {
					wu += len(want[pair{jd, id}])
				}
				if len(und) != wu {
					t.Fatalf("iter %d: LinesBetween = %d, want %d", iter, len(und), wu)
				}
			}
			slices.Sort(from)
			slices.Sort(to)
			if got := ids(s.From(u)); !slices.Equal(got, from) {
				t.Fatalf("iter %d: From(%d) = %v, want %v", iter, u, got, from)
			}
			if got := ids(s.To(u)); !slices.Equal(got, to) {
				t.Fatalf("iter %d: To(%d) = %v, want %v", iter, u, got, to)
			}
			und := append(slices.Clone(from), to...)
			slices.Sort(und)
			und = slices.Compact(und)
			if got := ids(s.Undirected().From(u)); !slices.Equal(got, und) {
				t.Fatalf("iter %d: undirected From(%d) = %v, want %v", iter, u, got, und)
			}
		}
		if lines != s.Size() {
			t.Fatalf("iter %d: %d lines, Size %d", iter, lines, s.Size())
		}
	}
}

func ids(it gonum.Nodes) []int64 {
	var out []int64
	for it.Next() {
		out = append(out, it.Node().ID())
	}
	return out
}

func TestIterators(t *testing.T) {
	s := build(t, parseNQuads(t, coup), nil)
	it := s.Nodes()
	if it.Len() != s.Len() {
		t.Fatalf("Len = %d", it.Len())
	}
	n := 0
	for it.Next() {
		n++
		if it.Len() != s.Len()-n {
			t.Fatalf("Len after %d = %d", n, it.Len())
		}
	}
	if it.Node() != nil || it.Next() {
		t.Error("exhausted iterator still yields")
	}
	it.Reset()
	if len(gonum.NodesOf(it)) != s.Len() {
		t.Error("Reset did not rewind")
	}
	if s.Node(-1) != nil || s.Node(int64(s.Len())) != nil {
		t.Error("Node out of range is not nil")
	}
	if s.From(99).Len() != 0 || s.Lines(0, 99).Len() != 0 {
		t.Error("out of range From or Lines not empty")
	}
	if _, ok := s.Weight(0, 99); ok {
		t.Error("Weight out of range ok")
	}
}

// TestEmpty runs every operation on an empty snapshot: none may panic.
func TestEmpty(t *testing.T) {
	m := newMemStore()
	s := build(t, m, nil)
	if s.Len() != 0 || s.Size() != 0 || s.Nodes().Len() != 0 {
		t.Fatal("empty snapshot has content")
	}
	if _, err := s.ShortestPath(1, 2, PathOptions{}); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("ShortestPath: %v", err)
	}
	for _, by := range []Measure{PageRank, Betweenness, Degree} {
		if r, err := s.Rank(by, RankOptions{Top: 5}); err != nil || len(r) != 0 {
			t.Errorf("Rank %v: %v %v", by, r, err)
		}
	}
	for _, method := range []CommunityMethod{Auto, Louvain, GonumLouvain} {
		if c, err := s.Communities(CommunityOptions{Method: method}); err != nil || len(c.Groups) != 0 {
			t.Errorf("Communities %d: %v %v", method, c, err)
		}
	}
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkDOT(t, buf.Bytes(), rep)
	if _, err := s.WriteJSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if s.Induce(func(int64) bool { return true }).Len() != 0 {
		t.Error("Induce of empty")
	}
}

// TestConcurrentPaths runs path searches from several goroutines on one
// snapshot (run with -race).
func TestConcurrentPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	m := randomStore(r, 200, 600, 3, 3)
	s := build(t, m, nil)
	want := floyd(s, false)
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func(g int) {
			var err error
			for i := 0; i < 200; i++ {
				u, v := (g*31+i*7)%s.Len(), (g*17+i*13)%s.Len()
				p, e := s.ShortestPath(s.StoreID(int64(u)), s.StoreID(int64(v)), PathOptions{})
				if (e == nil) != (want[u][v] >= 0) || (e == nil && p.Len() != want[u][v]) {
					err = fmt.Errorf("%d-%d: %d hops, %v; want %d", u, v, p.Len(), e, want[u][v])
				}
			}
			done <- err
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

package graph

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cayleygraph/quad"
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/multi"
	"gonum.org/v1/gonum/graph/network"
)

// multiOf copies the lines of s into gonum's map-based weighted multigraph.
func multiOf(s *Snapshot) *multi.WeightedDirectedGraph {
	g := multi.NewWeightedDirectedGraph()
	for u := 0; u < s.Len(); u++ {
		g.AddNode(multi.Node(u))
	}
	for l := 0; l < s.Size(); l++ {
		f, _ := s.Fact(int64(l))
		u, _ := s.NodeOf(f.S)
		v, _ := s.NodeOf(f.O)
		g.SetWeightedLine(g.NewWeightedLine(multi.Node(u), multi.Node(v), 1))
	}
	return g
}

func TestDegree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	m := randomStore(r, 20, 100, 3, 2)
	s := build(t, m, nil)
	want := make(map[uint64]float64)
	for _, q := range m.quads {
		if _, ok := m.vals[q[2]-1].(quad.IRI); ok {
			want[q[0]]++
			want[q[2]]++
		}
	}
	got, err := s.Rank(Degree, RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, sc := range got {
		if sc.Score != want[sc.ID] {
			t.Errorf("degree of %d = %v, want %v", sc.ID, sc.Score, want[sc.ID])
		}
		if i > 0 && got[i-1].Score < sc.Score {
			t.Errorf("not sorted at %d", i)
		}
	}
	top, _ := s.Rank(Degree, RankOptions{Top: 3})
	if len(top) != 3 || top[0] != got[0] {
		t.Errorf("Top 3 = %v", top)
	}
}

func TestPageRankAgainstGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for iter := 0; iter < 10; iter++ {
		s := build(t, randomStore(r, 5+r.IntN(30), 20+r.IntN(80), 3, 2), nil)
		got := s.PageRankScores(0.85, 1e-12)
		// gonum's sparse and dense PageRank, on the snapshot and on
		// gonum's own multigraph of the same facts.
		for name, want := range map[string]map[int64]float64{
			"PageRankSparse(snapshot)": network.PageRankSparse(s, 0.85, 1e-12),
			"PageRank(multi)":          network.PageRank(multiOf(s), 0.85, 1e-12),
		} {
			for u, x := range got {
				if math.Abs(x-want[int64(u)]) > 1e-8 {
					t.Fatalf("iter %d: pagerank of %d = %v, gonum %s %v", iter, u, x, name, want[int64(u)])
				}
			}
		}
	}
}

func TestBetweennessAgainstGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 20; iter++ {
		s := build(t, randomStore(r, 3+r.IntN(30), r.IntN(70), 2, 1), nil)
		got := s.BetweennessScores(0, 0)
		want := network.Betweenness(s.Undirected())
		for u, x := range got {
			if math.Abs(x-want[int64(u)]) > 1e-9 {
				t.Fatalf("iter %d: betweenness of %d = %v, gonum %v", iter, u, x, want[int64(u)])
			}
		}
		// All sources sampled is exact.
		all := s.BetweennessScores(s.Len(), 1)
		for u := range all {
			if math.Abs(all[u]-got[u]) > 1e-9 {
				t.Fatalf("sampling every source differs at %d", u)
			}
		}
	}
}

func TestRankErrors(t *testing.T) {
	s := build(t, parseNQuads(t, coup), nil)
	for _, opt := range []RankOptions{{Top: -1}, {Damping: 1}, {Samples: -2}} {
		if _, err := s.Rank(PageRank, opt); !errors.Is(err, ErrBadOption) {
			t.Errorf("%+v: got %v", opt, err)
		}
	}
	if _, err := s.Rank(Measure(7), RankOptions{}); !errors.Is(err, ErrBadOption) {
		t.Errorf("bad measure: got %v", err)
	}
	for _, name := range []string{"PageRank", "betweenness", "degree"} {
		m, err := ParseMeasure(name)
		if err != nil || !stringsEqualFold(m.String(), name) {
			t.Errorf("ParseMeasure(%q) = %v, %v", name, m, err)
		}
	}
	if _, err := ParseMeasure("closeness"); !errors.Is(err, ErrBadOption) {
		t.Errorf("ParseMeasure(closeness): %v", err)
	}
}

func stringsEqualFold(a, b string) bool {
	return len(a) == len(b) && (a == b || lower(a) == lower(b))
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// plantedStore makes k groups of size n, dense inside (probability pin) and
// sparse across (pout), without self loops.
func plantedStore(r *rand.Rand, k, n int, pin, pout float64) *memStore {
	m := newMemStore()
	ent := func(i int) quad.Value { return quad.IRI("e" + itoa(i)) }
	p := quad.IRI("rel")
	for i := 0; i < k*n; i++ {
		for j := i + 1; j < k*n; j++ {
			pr := pout
			if i/n == j/n {
				pr = pin
			}
			if r.Float64() < pr {
				m.add(quad.Quad{Subject: ent(i), Predicate: p, Object: ent(j)})
			}
		}
	}
	return m
}

func partition(c *Communities) [][]gonum.Node {
	out := make([][]gonum.Node, len(c.Groups))
	for i, g := range c.Groups {
		for _, n := range g.Nodes {
			out[i] = append(out[i], Node(n))
		}
	}
	return out
}

func TestLouvainAgainstGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var sumOurs, sumGonum float64
	for iter := 0; iter < 12; iter++ {
		var m *memStore
		if iter%2 == 0 {
			m = plantedStore(r, 2+r.IntN(4), 5+r.IntN(10), 0.6, 0.03)
		} else {
			m = randomStore(r, 10+r.IntN(40), 30+r.IntN(120), 2, 1)
		}
		s := build(t, m, nil)
		ours, err := s.Communities(CommunityOptions{Method: Louvain, Seed: uint64(iter)})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := s.Communities(CommunityOptions{Method: GonumLouvain, Seed: uint64(iter)})
		if err != nil {
			t.Fatal(err)
		}
		// Every node is in exactly one group.
		seen := make([]bool, s.Len())
		for gi, g := range ours.Groups {
			for _, n := range g.Nodes {
				if seen[n] || ours.Of(n) != gi {
					t.Fatalf("iter %d: node %d misplaced", iter, n)
				}
				seen[n] = true
			}
		}
		for n, ok := range seen {
			if !ok {
				t.Fatalf("iter %d: node %d in no group", iter, n)
			}
		}
		// Our modularity agrees with gonum's Q on graphs without self loops.
		hasLoop := false
		for l := 0; l < s.Size(); l++ {
			f, _ := s.Fact(int64(l))
			hasLoop = hasLoop || f.S == f.O
		}
		qo := community.Q(s.Undirected(), partition(ours), 1)
		qt := community.Q(s.Undirected(), partition(theirs), 1)
		if !hasLoop {
			if math.Abs(qo-ours.Modularity) > 1e-9 || math.Abs(qt-theirs.Modularity) > 1e-9 {
				t.Fatalf("iter %d: Q %v/%v, gonum Q %v/%v", iter, ours.Modularity, theirs.Modularity, qo, qt)
			}
		}
		if qo < 0.9*qt-1e-9 {
			t.Errorf("iter %d: our modularity %.4f < 0.9 × gonum's %.4f", iter, qo, qt)
		}
		sumOurs += qo
		sumGonum += qt
	}
	if sumOurs < 0.97*sumGonum {
		t.Errorf("mean modularity %.4f, gonum %.4f", sumOurs/12, sumGonum/12)
	}
}

func TestLouvainPlanted(t *testing.T) {
	// Four cliques of six joined in a ring by single lines: Louvain must
	// find exactly the cliques.
	m := newMemStore()
	ent := func(i int) quad.Value { return quad.IRI("e" + itoa(i)) }
	for c := 0; c < 4; c++ {
		for i := 0; i < 6; i++ {
			for j := i + 1; j < 6; j++ {
				m.add(quad.Quad{Subject: ent(6*c + i), Predicate: quad.IRI("knows"), Object: ent(6*c + j)})
			}
		}
		m.add(quad.Quad{Subject: ent(6 * c), Predicate: quad.IRI("meets"), Object: ent(6 * ((c + 1) % 4))})
	}
	s := build(t, m, nil)
	for _, method := range []CommunityMethod{Louvain, GonumLouvain, Auto} {
		c, err := s.Communities(CommunityOptions{Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Groups) != 4 {
			t.Fatalf("method %d: %d groups", method, len(c.Groups))
		}
		for _, g := range c.Groups {
			if len(g.Members) != 6 {
				t.Fatalf("method %d: group of %d", method, len(g.Members))
			}
			for _, n := range g.Nodes {
				if n/6 != g.Nodes[0]/6 {
					t.Fatalf("method %d: group mixes cliques: %v", method, g.Nodes)
				}
			}
			// The central member is the one with the ring lines.
			if c, _ := s.NodeOf(g.Central); c%6 != 0 {
				t.Errorf("method %d: central %d", method, c)
			}
		}
	}
	if _, err := s.Communities(CommunityOptions{Method: GonumLouvain, MaxGonumNodes: 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("gonum above limit: %v", err)
	}
	if _, err := s.Communities(CommunityOptions{Resolution: -1}); !errors.Is(err, ErrBadOption) {
		t.Errorf("negative resolution: %v", err)
	}
}

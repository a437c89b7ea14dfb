package graph

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
)

// floyd returns all-pairs hop distances by Floyd–Warshall over the facts
// (-1: unreachable).
func floyd(s *Snapshot, directed bool) [][]int {
	n := s.Len()
	const inf = 1 << 30
	d := make([][]int, n)
	for i := range d {
		d[i] = make([]int, n)
		for j := range d[i] {
			d[i][j] = inf
		}
		d[i][i] = 0
	}
	for l := 0; l < s.Size(); l++ {
		f, _ := s.Fact(int64(l))
		u, _ := s.NodeOf(f.S)
		v, _ := s.NodeOf(f.O)
		if u != v {
			d[u][v] = 1
			if !directed {
				d[v][u] = 1
			}
		}
	}
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if d[i][k]+d[k][j] < d[i][j] {
					d[i][j] = d[i][k] + d[k][j]
				}
			}
		}
	}
	for i := range d {
		for j := range d[i] {
			if d[i][j] == inf {
				d[i][j] = -1
			}
		}
	}
	return d
}

// checkPath verifies that p is a loopless walk from a to b whose every hop
// has facts joining its ends in an allowed direction.
func checkPath(t *testing.T, s *Snapshot, p Path, a, b uint64, directed bool) {
	t.Helper()
	if len(p.Nodes) != len(p.Hops)+1 || p.Nodes[0] != a || p.Nodes[len(p.Nodes)-1] != b {
		t.Fatalf("bad path ends: %+v", p)
	}
	seen := map[uint64]bool{}
	for _, x := range p.Nodes {
		if seen[x] {
			t.Fatalf("path has a loop: %v", p.Nodes)
		}
		seen[x] = true
	}
	for i, h := range p.Hops {
		if h.From != p.Nodes[i] || h.To != p.Nodes[i+1] || len(h.Facts) == 0 {
			t.Fatalf("hop %d %+v does not join %d and %d", i, h, p.Nodes[i], p.Nodes[i+1])
		}
		for _, f := range h.Facts {
			fw := f.S == h.From && f.O == h.To
			bw := f.S == h.To && f.O == h.From
			if !fw && (directed || !bw) {
				t.Fatalf("hop %d fact %+v does not join %d and %d", i, f, h.From, h.To)
			}
		}
	}
}

func TestShortestPathProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 60; iter++ {
		m := randomStore(r, 2+r.IntN(25), r.IntN(60), 2, 2)
		s := build(t, m, nil)
		for _, directed := range []bool{false, true} {
			d := floyd(s, directed)
			for u := 0; u < s.Len(); u++ {
				for v := 0; v < s.Len(); v++ {
					a, b := s.StoreID(int64(u)), s.StoreID(int64(v))
					maxDepth := r.IntN(4)
					p, err := s.ShortestPath(a, b, PathOptions{Directed: directed, MaxDepth: maxDepth})
					want := d[u][v]
					if want < 0 || (maxDepth > 0 && want > maxDepth) {
						if !errors.Is(err, ErrNoPath) {
							t.Fatalf("iter %d: %d->%d directed=%v depth %d: got %v, %v; want no path", iter, u, v, directed, maxDepth, p.Nodes, err)
						}
						continue
					}
					if err != nil {
						t.Fatalf("iter %d: %d->%d: %v, want length %d", iter, u, v, err, want)
					}
					if p.Len() != want {
						t.Fatalf("iter %d: %d->%d directed=%v: length %d, want %d", iter, u, v, directed, p.Len(), want)
					}
					checkPath(t, s, p, a, b, directed)
				}
			}
		}
	}
}

// unitCost hides the Snapshot's line-count weights from gonum's path
// functions, so that they count hops.
type unitCost struct{ gonum.Graph }

type unitCostDirected struct{ gonum.Directed }

func TestKShortestPathsAgainstYen(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 40; iter++ {
		m := randomStore(r, 3+r.IntN(12), 10+r.IntN(30), 2, 1)
		s := build(t, m, nil)
		for _, directed := range []bool{false, true} {
			var g gonum.Graph = unitCost{s.Undirected()}
			if directed {
				g = unitCostDirected{s}
			}
			for trial := 0; trial < 5; trial++ {
				u, v := int64(r.IntN(s.Len())), int64(r.IntN(s.Len()))
				if u == v {
					continue
				}
				k := 1 + r.IntN(6)
				want := path.YenKShortestPaths(g, k, math.Inf(1), s.Node(u), s.Node(v))
				got, err := s.KShortestPaths(s.StoreID(u), s.StoreID(v), k, PathOptions{Directed: directed})
				if len(want) == 0 {
					if !errors.Is(err, ErrNoPath) {
						t.Fatalf("iter %d: got %v, want no path", iter, err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				var wl, gl []int
				for _, p := range want {
					wl = append(wl, len(p)-1)
				}
				keys := map[string]bool{}
				for _, p := range got {
					gl = append(gl, p.Len())
					checkPath(t, s, p, s.StoreID(u), s.StoreID(v), directed)
					k := pathKey(nodeIdx(s, p))
					if keys[k] {
						t.Fatalf("duplicate path %v", p.Nodes)
					}
					keys[k] = true
				}
				if !slices.IsSorted(gl) || !slices.Equal(gl, wl) {
					t.Fatalf("iter %d directed=%v k=%d: lengths %v, gonum %v", iter, directed, k, gl, wl)
				}
				// Max depth keeps exactly the paths not longer than it.
				depth := gl[0] + r.IntN(2)
				lim, err := s.KShortestPaths(s.StoreID(u), s.StoreID(v), k, PathOptions{Directed: directed, MaxDepth: depth})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, l := range gl {
					if l <= depth {
						n++
					}
				}
				// Paths of at most depth hops may be more than the
				// unlimited search kept among its k, never fewer.
				if len(lim) < n {
					t.Fatalf("max depth %d: %d paths, want ≥ %d", depth, len(lim), n)
				}
				for _, p := range lim {
					if p.Len() > depth {
						t.Fatalf("max depth %d: path of %d hops", depth, p.Len())
					}
				}
			}
		}
	}
}

func nodeIdx(s *Snapshot, p Path) []int32 {
	out := make([]int32, len(p.Nodes))
	for i, id := range p.Nodes {
		n, _ := s.NodeOf(id)
		out[i] = int32(n)
	}
	return out
}

func TestPathErrors(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	b, g := m.iri(t, "Bazoum"), m.iri(t, "Guterres")
	tests := []struct {
		name string
		err  error
		run  func() error
	}{
		{"unknown from", ErrUnknownNode, func() error { _, err := s.ShortestPath(12345, b, PathOptions{}); return err }},
		{"unknown to", ErrUnknownNode, func() error { _, err := s.ShortestPath(b, 12345, PathOptions{}); return err }},
		{"literal", ErrUnknownNode, func() error {
			_, err := s.ShortestPath(b, m.id(quadString("Mohamed Bazoum")), PathOptions{})
			return err
		}},
		{"negative depth", ErrBadOption, func() error { _, err := s.ShortestPath(b, g, PathOptions{MaxDepth: -1}); return err }},
		{"directed no path", ErrNoPath, func() error { _, err := s.ShortestPath(b, g, PathOptions{Directed: true}); return err }},
		{"too deep", ErrNoPath, func() error { _, err := s.ShortestPath(g, b, PathOptions{MaxDepth: 1}); return err }},
		{"k zero", ErrBadOption, func() error { _, err := s.KShortestPaths(g, b, 0, PathOptions{}); return err }},
		{"k unknown", ErrUnknownNode, func() error { _, err := s.KShortestPaths(g, 999, 2, PathOptions{}); return err }},
		{"neighbors unknown", ErrUnknownNode, func() error { _, err := s.Neighbors(999, 1, false); return err }},
		{"neighbors depth", ErrBadOption, func() error { _, err := s.Neighbors(b, -1, false); return err }},
	}
	for _, tt := range tests {
		if err := tt.run(); !errors.Is(err, tt.err) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.err)
		}
	}
}

func TestShortestPathCoup(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	p, err := s.ShortestPath(m.iri(t, "Guterres"), m.iri(t, "Bazoum"), PathOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []uint64{m.iri(t, "Guterres"), m.iri(t, "coup"), m.iri(t, "Bazoum")}
	if !slices.Equal(p.Nodes, want) {
		t.Fatalf("path %v, want %v", p.Nodes, want)
	}
	if f := p.Hops[1].Facts; len(f) != 1 || f[0].P != m.iri(t, "target") || f[0].L != m.iri(t, "d2#1") {
		t.Errorf("hop 2 evidence %+v", f)
	}
	// Directed: the Guard confines Bazoum, who is detained by the Guard.
	p, err = s.ShortestPath(m.iri(t, "military"), m.iri(t, "Bazoum"), PathOptions{Directed: true})
	if err != nil || p.Len() != 2 {
		t.Fatalf("directed military->Bazoum: %v %v", p.Nodes, err)
	}
}

func TestNeighborsAndEgo(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	nb, err := s.Neighbors(m.iri(t, "Guterres"), 1, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []uint64
	for _, n := range nb {
		got = append(got, n.ID)
	}
	want := []uint64{m.iri(t, "Guterres"), m.iri(t, "coup"), m.iri(t, "release")}
	if !slices.Equal(got, want) {
		t.Errorf("Neighbors depth 1 = %v, want %v", got, want)
	}
	ego, err := s.Ego(m.iri(t, "Guterres"), 2)
	if err != nil {
		t.Fatal(err)
	}
	// Guterres, coup, release, African_Union, Bazoum; lines among them:
	// condemn x2, target, call_for.
	if ego.Len() != 5 || ego.Size() != 4 {
		t.Errorf("ego: %d nodes %d lines, want 5, 4", ego.Len(), ego.Size())
	}
	bz, _ := ego.NodeOf(m.iri(t, "Bazoum"))
	if len(ego.Attributes(bz)) != 3 {
		t.Errorf("ego lost Bazoum's attributes: %v", ego.Attributes(bz))
	}
}

package graph

import (
	"math/rand/v2"
)

// wgraph is a weighted undirected graph in CSR form, one level of Louvain.
// Each edge {u, v} with u != v appears in both rows; loop[u] is A_uu, where
// a self loop of weight w counts 2w as in the usual modularity convention.
type wgraph struct {
	start []int32
	adj   []int32
	w     []float64
	loop  []float64
	k     []float64 // weighted degree, loop included
	m2    float64   // sum of k
}

func (g *wgraph) n() int { return len(g.k) }

// levelZero builds the Louvain input from the undirected view: the weight of
// {u, v} is the number of lines between u and v.
func (s *Snapshot) levelZero() *wgraph {
	n := int32(len(s.ids))
	g := &wgraph{
		start: make([]int32, n+1),
		adj:   make([]int32, 0, len(s.undNbr.adj)),
		w:     make([]float64, 0, len(s.undNbr.adj)),
		loop:  make([]float64, n),
		k:     make([]float64, n),
	}
	for u := int32(0); u < n; u++ {
		for _, v := range s.undNbr.row(u) {
			a, b := s.lineRange(u, v)
			if u == v {
				g.loop[u] = 2 * float64(b-a)
				continue
			}
			c, d := s.lineRange(v, u)
			g.adj = append(g.adj, v)
			g.w = append(g.w, float64(b-a+d-c))
		}
		g.start[u+1] = int32(len(g.adj))
	}
	g.degrees()
	return g
}

func (g *wgraph) degrees() {
	g.m2 = 0
	for u := range g.k {
		k := g.loop[u]
		for i := g.start[u]; i < g.start[u+1]; i++ {
			k += g.w[i]
		}
		g.k[u] = k
		g.m2 += k
	}
}

// louvain returns a community index for each node of g, numbered densely,
// maximising modularity at the given resolution by the Louvain method
// (Blondel et al. 2008): local moves until no node gains, then aggregation
// of communities into nodes, repeated until a level moves nothing.
//
// The first sweep of local moves at each level takes O(E) time for E edges,
// later moves O(d) each for degree d; levels shrink the graph geometrically
// in practice. Memory is O(N + E).
func louvain(g *wgraph, resolution float64, seed uint64) []int32 {
	n := g.n()
	member := make([]int32, n) // node of level 0 -> node of current level
	for i := range member {
		member[i] = int32(i)
	}
	r := rand.New(rand.NewPCG(seed, 0x4c6f7576))
	for level := 0; level < 32; level++ {
		comm, moved := localMoves(g, resolution, r)
		if !moved && level > 0 {
			break
		}
		k := renumber(comm)
		for i, m := range member {
			member[i] = comm[m]
		}
		if !moved || k == g.n() {
			break
		}
		g = aggregate(g, comm, k)
	}
	return member
}

// localMoves moves nodes between communities while modularity improves and
// returns the community of each node and whether any node moved.
//
// It is the fast local moving of Traag et al. (Leiden, 2019): every node is
// visited once in random order, and after that only the neighbours of nodes
// that moved, through a queue, so that the work after the first sweep is
// proportional to the moves rather than to the graph. Each move strictly
// raises modularity; a cap of maxVisits·N visits guards against rounding
// cycles.
func localMoves(g *wgraph, resolution float64, r *rand.Rand) ([]int32, bool) {
	n := g.n()
	comm := make([]int32, n)
	tot := make([]float64, n)
	for u := range comm {
		comm[u] = int32(u)
		tot[u] = g.k[u]
	}
	if g.m2 == 0 {
		return comm, false
	}
	queue := make([]int32, 0, n)
	for _, u := range r.Perm(n) {
		queue = append(queue, int32(u))
	}
	queued := make([]bool, n)
	for i := range queued {
		queued[i] = true
	}
	neighW := make([]float64, n)
	for i := range neighW {
		neighW[i] = -1
	}
	var touched []int32
	moved := false
	for visits, head := 0, 0; head < len(queue) && visits < maxVisits*n; visits++ {
		u := queue[head]
		head++
		if head > n && head*2 > len(queue) { // reclaim the consumed part
			queue = append(queue[:0], queue[head:]...)
			head = 0
		}
		queued[u] = false
		cu := comm[u]
		ku := g.k[u]
		touched = touched[:0]
		neighW[cu] = 0
		touched = append(touched, cu)
		for i := g.start[u]; i < g.start[u+1]; i++ {
			c := comm[g.adj[i]]
			if neighW[c] < 0 {
				neighW[c] = 0
				touched = append(touched, c)
			}
			neighW[c] += g.w[i]
		}
		tot[cu] -= ku
		best, bestGain := cu, neighW[cu]-resolution*tot[cu]*ku/g.m2
		for _, c := range touched {
			gain := neighW[c] - resolution*tot[c]*ku/g.m2
			if gain > bestGain+1e-12*(1+bestGain) {
				best, bestGain = c, gain
			}
		}
		tot[best] += ku
		for _, c := range touched {
			neighW[c] = -1
		}
		if best == cu {
			continue
		}
		comm[u] = best
		moved = true
		for i := g.start[u]; i < g.start[u+1]; i++ {
			if v := g.adj[i]; !queued[v] && comm[v] != best {
				queued[v] = true
				queue = append(queue, v)
			}
		}
	}
	return comm, moved
}

// maxVisits bounds the node visits of one level of local moves, in
// multiples of the number of nodes.
const maxVisits = 64

// renumber maps community labels to 0..k-1 in order of first appearance and
// returns k.
func renumber(comm []int32) int {
	idx := make([]int32, len(comm))
	for i := range idx {
		idx[i] = -1
	}
	k := int32(0)
	for u, c := range comm {
		if idx[c] < 0 {
			idx[c] = k
			k++
		}
		comm[u] = idx[c]
	}
	return int(k)
}

// aggregate returns the graph whose nodes are the k communities of g.
func aggregate(g *wgraph, comm []int32, k int) *wgraph {
	members := make([][]int32, k)
	for u, c := range comm {
		members[c] = append(members[c], int32(u))
	}
	h := &wgraph{
		start: make([]int32, k+1),
		loop:  make([]float64, k),
		k:     make([]float64, k),
	}
	acc := make([]float64, k)
	for i := range acc {
		acc[i] = -1
	}
	var touched []int32
	for c := range members {
		touched = touched[:0]
		for _, u := range members[c] {
			h.loop[c] += g.loop[u]
			for i := g.start[u]; i < g.start[u+1]; i++ {
				d := comm[g.adj[i]]
				if int(d) == c {
					h.loop[c] += g.w[i]
					continue
				}
				if acc[d] < 0 {
					acc[d] = 0
					touched = append(touched, d)
				}
				acc[d] += g.w[i]
			}
		}
		for _, d := range touched {
			h.adj = append(h.adj, d)
			h.w = append(h.w, acc[d])
			acc[d] = -1
		}
		h.start[c+1] = int32(len(h.adj))
	}
	h.degrees()
	return h
}

// modularity returns Q of the partition comm of g at the given resolution.
func modularity(g *wgraph, comm []int32, resolution float64) float64 {
	if g.m2 == 0 {
		return 0
	}
	k := 0
	for _, c := range comm {
		if int(c) >= k {
			k = int(c) + 1
		}
	}
	in := make([]float64, k)
	tot := make([]float64, k)
	for u, c := range comm {
		tot[c] += g.k[u]
		in[c] += g.loop[u]
		for i := g.start[u]; i < g.start[u+1]; i++ {
			if comm[g.adj[i]] == c {
				in[c] += g.w[i]
			}
		}
	}
	q := 0.0
	for c := range in {
		q += in[c]/g.m2 - resolution*(tot[c]/g.m2)*(tot[c]/g.m2)
	}
	return q
}

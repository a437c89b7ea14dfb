package graph

import (
	"math/rand/v2"
)

// BetweennessScores returns the betweenness centrality of each node in the
// undirected view, indexed by dense node ID: the sum over ordered pairs
// (s, t) of the share of shortest s–t paths through the node, as gonum's
// network.Betweenness computes it on the Undirected view.
//
// With samples = 0 and N ≤ ExactBetweennessNodes it is exact, by Brandes'
// algorithm in O(N·E) time and O(N + E) memory. Otherwise it runs Brandes
// from samples sources (DefaultBetweennessSamples if samples is 0), drawn
// with the given seed, and scales by N/samples, in O(samples·E): an unbiased
// estimate, good enough to rank the most central nodes.
func (s *Snapshot) BetweennessScores(samples int, seed uint64) []float64 {
	n := len(s.ids)
	cb := make([]float64, n)
	if n == 0 {
		return cb
	}
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	scale := 1.0
	if samples == 0 && n > ExactBetweennessNodes {
		samples = DefaultBetweennessSamples
	}
	if samples > 0 && samples < n {
		r := rand.New(rand.NewPCG(seed, 0x6b67))
		r.Shuffle(n, func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:samples]
		scale = float64(n) / float64(samples)
	}
	sigma := make([]float64, n)
	delta := make([]float64, n)
	dist := make([]int32, n)
	for i := range dist {
		dist[i] = -1
	}
	order := make([]int32, 0, n)
	adj := &s.undNbr
	for _, src := range sources {
		order = order[:0]
		sigma[src], dist[src] = 1, 0
		order = append(order, src)
		for i := 0; i < len(order); i++ {
			x := order[i]
			for _, y := range adj.row(x) {
				if dist[y] < 0 {
					dist[y] = dist[x] + 1
					order = append(order, y)
				}
				if dist[y] == dist[x]+1 {
					sigma[y] += sigma[x]
				}
			}
		}
		// Accumulate dependencies in reverse BFS order; predecessors of
		// w are its neighbours one hop closer to the source.
		for i := len(order) - 1; i >= 0; i-- {
			w := order[i]
			for _, v := range adj.row(w) {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if w != src {
				cb[w] += delta[w] * scale
			}
		}
		for _, x := range order {
			sigma[x], delta[x], dist[x] = 0, 0, -1
		}
	}
	return cb
}

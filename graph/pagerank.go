package graph

import "gonum.org/v1/gonum/graph/network"

// PageRankScores returns the PageRank of each node, indexed by dense node ID,
// computed by gonum's network.PageRankSparse on the snapshot (so an edge
// weighs its number of lines). Damping defaults to 0.85 and tol to 1e-6 when
// zero. Each iteration takes O(N + E) for E distinct edges; the dense
// network.PageRank would need O(N²) memory.
func (s *Snapshot) PageRankScores(damping, tol float64) []float64 {
	if damping == 0 {
		damping = 0.85
	}
	if tol == 0 {
		tol = 1e-6
	}
	v := make([]float64, len(s.ids))
	if len(v) == 0 {
		return v
	}
	for id, x := range network.PageRankSparse(s, damping, tol) {
		v[id] = x
	}
	return v
}

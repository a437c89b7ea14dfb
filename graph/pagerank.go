package graph

import "math"

// PageRankScores returns the PageRank of each node, indexed by dense node ID,
// with edges weighted by their number of lines. Damping defaults to 0.85 and
// tol to 1e-6 when zero.
//
// It is the power iteration of gonum's network.PageRankSparse on the
// snapshot (the same update, dangling-node and convergence rules: stop when
// the 2-norm of the change is below tol), run over the in-line CSR arrays
// instead of a sparse matrix built through the graph interfaces: each
// iteration takes O(N + L) for N nodes and L lines, without allocation. On
// the 1M-fact benchmark it is an order of magnitude faster than
// network.PageRankSparse on the same snapshot; the tests check that the
// two agree. Results sum to 1.
func (s *Snapshot) PageRankScores(damping, tol float64) []float64 {
	if damping == 0 {
		damping = 0.85
	}
	if tol == 0 {
		tol = 1e-6
	}
	n := len(s.ids)
	x := make([]float64, n)
	if n == 0 {
		return x
	}
	// share[u] is damping / (number of lines out of u), 0 for dangling u.
	share := make([]float64, n)
	var dangling []int32
	for u := 0; u < n; u++ {
		if z := s.outStart[u+1] - s.outStart[u]; z > 0 {
			share[u] = damping / float64(z)
		} else {
			dangling = append(dangling, int32(u))
		}
	}
	last := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	df := damping / float64(n)
	dt := (1 - damping) / float64(n)
	for iter := 0; iter < 10000; iter++ {
		x, last = last, x
		var with, sum float64
		for _, u := range dangling {
			with += df * last[u]
		}
		for u, v := range last {
			y[u] = v * share[u]
			sum += v
		}
		c := with + dt*sum
		var diff float64
		for v := 0; v < n; v++ {
			acc := c
			for _, l := range s.inLine[s.inStart[v]:s.inStart[v+1]] {
				acc += y[s.lfrom[l]]
			}
			x[v] = acc
			d := acc - last[v]
			diff += d * d
		}
		if math.Sqrt(diff) < tol {
			break
		}
	}
	return x
}

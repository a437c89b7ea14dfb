package graph

import (
	"math/rand/v2"
	"runtime"
	"sync"
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
// estimate, good enough to rank the most central nodes. It runs on up to
// GOMAXPROCS goroutines; the result does not depend on their number.
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
	// Sources are cut into a fixed number of blocks, each summed into
	// its own array by one of up to GOMAXPROCS workers; the blocks are
	// then added in order, so the result does not depend on the number
	// of workers.
	nb := min(betweennessBlocks, len(sources))
	part := make([][]float64, nb)
	blocks := make(chan int, nb)
	for i := 0; i < nb; i++ {
		blocks <- i
	}
	close(blocks)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), nb); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bs := newBrandes(n)
			for i := range blocks {
				part[i] = make([]float64, n)
				lo, hi := i*len(sources)/nb, (i+1)*len(sources)/nb
				for _, src := range sources[lo:hi] {
					bs.accumulate(&s.undNbr, src, part[i])
				}
			}
		}()
	}
	wg.Wait()
	for _, p := range part {
		for u, x := range p {
			cb[u] += x * scale
		}
	}
	return cb
}

// betweennessBlocks is the number of blocks sources are cut into.
const betweennessBlocks = 8

// brandes is the per-worker state of Brandes' algorithm.
type brandes struct {
	sigma, delta []float64
	dist         []int32
	order        []int32
}

func newBrandes(n int) *brandes {
	b := &brandes{sigma: make([]float64, n), delta: make([]float64, n), dist: make([]int32, n), order: make([]int32, 0, n)}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// accumulate adds the dependencies of source src to cb.
func (b *brandes) accumulate(adj *csr, src int32, cb []float64) {
	sigma, delta, dist := b.sigma, b.delta, b.dist
	order := b.order[:0]
	sigma[src], dist[src] = 1, 0
	order = append(order, src)
	for i := 0; i < len(order); i++ {
		x := order[i]
		dx := dist[x] + 1
		for _, y := range adj.row(x) {
			if dist[y] < 0 {
				dist[y] = dx
				order = append(order, y)
			}
			if dist[y] == dx {
				sigma[y] += sigma[x]
			}
		}
	}
	// Accumulate dependencies in reverse BFS order; the predecessors of
	// w are its neighbours one hop closer to the source.
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		coef := (1 + delta[w]) / sigma[w]
		dw := dist[w] - 1
		for _, v := range adj.row(w) {
			if dist[v] == dw {
				delta[v] += sigma[v] * coef
			}
		}
		cb[w] += delta[w]
	}
	for _, x := range order {
		sigma[x], delta[x], dist[x] = 0, 0, -1
	}
	b.order = order
}

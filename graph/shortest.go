package graph

import (
	"fmt"
	"sync"
)

// ShortestPath returns a path with the fewest hops from the entity with store
// ID from to the one with store ID to, undirected unless opt.Directed, with
// the facts of every hop as evidence. Among equally short paths it returns
// the one through the lowest node indices found first.
//
// It runs a bidirectional breadth-first search over the CSR arrays, which
// visits O(b^(d/2)) nodes for branching factor b and distance d instead of
// O(b^d), and takes O(N) memory for N nodes, reused between calls.
//
// It returns an error wrapping ErrUnknownNode if from or to is not a node
// and ErrNoPath if no path of at most opt.MaxDepth hops exists.
func (s *Snapshot) ShortestPath(from, to uint64, opt PathOptions) (Path, error) {
	if err := opt.check(); err != nil {
		return Path{}, err
	}
	u, err := s.node(from)
	if err != nil {
		return Path{}, err
	}
	v, err := s.node(to)
	if err != nil {
		return Path{}, err
	}
	nodes := s.bfsPath(u, v, opt.Directed, opt.MaxDepth, nil, nil)
	if nodes == nil {
		return Path{}, fmt.Errorf("%w: from %d to %d", ErrNoPath, from, to)
	}
	return s.pathOf(nodes, opt.Directed), nil
}

// bfsScratch holds per-node search state. A node is visited by side 1 or 2
// in the current search when mark == stamp+side.
type bfsScratch struct {
	mark   []uint32
	parent []int32
	dist   []int32
	stamp  uint32
	qa, qb []int32
}

var scratchPool sync.Pool

func (s *Snapshot) scratch() *bfsScratch {
	sc, _ := scratchPool.Get().(*bfsScratch)
	if sc == nil || len(sc.mark) != len(s.ids) {
		n := len(s.ids)
		sc = &bfsScratch{mark: make([]uint32, n), parent: make([]int32, n), dist: make([]int32, n)}
	}
	if sc.stamp > 1<<31 {
		clear(sc.mark)
		sc.stamp = 0
	}
	sc.stamp += 3
	return sc
}

// bfsPath returns the nodes of a shortest path from u to v of at most
// maxDepth hops (any when maxDepth <= 0), or nil. Nodes with blocked[x]
// true are not entered, nor are the edges between u and the nodes in skip.
func (s *Snapshot) bfsPath(u, v int32, directed bool, maxDepth int, blocked []bool, skip []int32) []int32 {
	if u == v {
		return []int32{u}
	}
	sc := s.scratch()
	defer scratchPool.Put(sc)
	fw, bw := &s.outNbr, &s.inNbr
	if !directed {
		fw, bw = &s.undNbr, &s.undNbr
	}
	st := sc.stamp
	sc.mark[u], sc.parent[u], sc.dist[u] = st+1, -1, 0
	sc.mark[v], sc.parent[v], sc.dist[v] = st+2, -1, 0
	qa := append(sc.qa[:0], u)
	qb := append(sc.qb[:0], v)
	da, db := 0, 0 // depth of each frontier
	defer func() { sc.qa, sc.qb = qa[:0], qb[:0] }()
	for len(qa) > 0 && len(qb) > 0 {
		if maxDepth > 0 && da+db >= maxDepth {
			return nil
		}
		// Expand the side with the smaller frontier (by adjacency size).
		side, adj, q := uint32(1), fw, &qa
		if frontierWork(bw, qb) < frontierWork(fw, qa) {
			side, adj, q = 2, bw, &qb
		}
		cur := *q
		n := len(cur)
		meet, via := int32(-1), int32(-1)
	expand:
		for _, x := range cur[:n] {
			for _, y := range adj.row(x) {
				if blocked != nil && blocked[y] {
					continue
				}
				if skip != nil && ((x == u && contains(skip, y)) || (y == u && contains(skip, x))) {
					continue
				}
				switch sc.mark[y] {
				case st + side:
					continue
				case st + 3 - side:
					meet, via = y, x
					break expand
				}
				sc.mark[y], sc.parent[y] = st+side, x
				cur = append(cur, y)
			}
		}
		if meet >= 0 {
			return joinPath(sc, meet, via, side)
		}
		if side == 1 {
			qa = append(qa[:0], cur[n:]...)
			da++
		} else {
			qb = append(qb[:0], cur[n:]...)
			db++
		}
	}
	return nil
}

// frontierWork is the number of adjacency entries expanding q would scan.
func frontierWork(c *csr, q []int32) int {
	w := 0
	for _, x := range q {
		w += int(c.start[x+1] - c.start[x])
		if w > 1<<20 {
			break
		}
	}
	return w
}

// joinPath builds the path when the side expanding from node via reached
// node meet, already seen by the other side.
func joinPath(sc *bfsScratch, meet, via int32, side uint32) []int32 {
	// a: chain from via back to its root; b: chain from meet to its root.
	var a, b []int32
	for x := via; x >= 0; x = sc.parent[x] {
		a = append(a, x)
	}
	for x := meet; x >= 0; x = sc.parent[x] {
		b = append(b, x)
	}
	// a runs via..root(side), b runs meet..root(other side).
	if side == 1 {
		// root(1)=u ... via, meet ... v
		for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
			a[i], a[j] = a[j], a[i]
		}
		return append(a, b...)
	}
	// side 2 expanded from v: u ... meet, via ... v
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return append(b, a...)
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

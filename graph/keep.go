package graph

import "container/heap"

// keepConnected chooses the k nodes an export keeps when it cannot keep
// them all: the most central (by scores) that stay connected to one
// another, so that a picture never shows a node whose every line was cut.
// It may keep one fewer than k rather than keep a node alone.
//
// It grows the kept set best first: the next node is the highest-scored
// neighbour of a kept node, unless a node outside scores higher and at
// least two places are left, in which case that node starts a new group
// and its best neighbour comes next. ranked lists every node by
// descending score.
// It takes O((N + M) log N) for N nodes and M neighbour pairs.
func (s *Snapshot) keepConnected(ranked []Score, scores []float64, k int) []bool {
	n := s.Len()
	keep := make([]bool, n)
	queued := make([]bool, n)
	front := &frontier{score: scores}
	next := 0         // ranked[next:] holds the best node not yet kept
	seed := int32(-1) // a node that started a group and has no kept neighbour yet
	for kept := 0; kept < k && kept < n; kept++ {
		for next < len(ranked) && keep[ranked[next].Node] {
			next++
		}
		for front.Len() > 0 && keep[front.nodes[0]] {
			heap.Pop(front)
		}
		u := int32(-1)
		if seed >= 0 {
			// the seed's best neighbour, so that the seed is not left alone
			for _, v := range s.undNbr.row(seed) {
				if !keep[v] && (u < 0 || scores[v] > scores[u]) {
					u = v
				}
			}
			seed = -1
		}
		switch {
		case u >= 0:
		case front.Len() == 0 && k-kept < 2 && kept > 0:
			return keep // a new group would be one node alone
		case front.Len() == 0 || k-kept >= 2 && scores[ranked[next].Node] > scores[front.nodes[0]]:
			u = int32(ranked[next].Node)
			seed = u
		default:
			u = heap.Pop(front).(int32)
		}
		keep[u] = true
		for _, v := range s.undNbr.row(u) {
			if !keep[v] && !queued[v] {
				queued[v] = true
				heap.Push(front, v)
			}
		}
	}
	return keep
}

// frontier is a max-heap of nodes by score.
type frontier struct {
	nodes []int32
	score []float64
}

func (f *frontier) Len() int { return len(f.nodes) }
func (f *frontier) Less(i, j int) bool {
	a, b := f.nodes[i], f.nodes[j]
	if f.score[a] != f.score[b] {
		return f.score[a] > f.score[b]
	}
	return a < b
}
func (f *frontier) Swap(i, j int) { f.nodes[i], f.nodes[j] = f.nodes[j], f.nodes[i] }
func (f *frontier) Push(x any)    { f.nodes = append(f.nodes, x.(int32)) }
func (f *frontier) Pop() any {
	x := f.nodes[len(f.nodes)-1]
	f.nodes = f.nodes[:len(f.nodes)-1]
	return x
}

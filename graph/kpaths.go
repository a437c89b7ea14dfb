package graph

import (
	"fmt"
	"slices"
)

// KShortestPaths returns up to k loopless paths from the entity with store ID
// from to the one with store ID to, shortest first (ties in discovery order),
// undirected unless opt.Directed, each of at most opt.MaxDepth hops if
// MaxDepth is positive. Every hop carries its facts as evidence.
//
// It runs Yen's algorithm with the bidirectional breadth-first search of
// ShortestPath as the spur search, so it takes O(k·L) searches for paths of
// up to L hops, and O(N + k·L) memory. gonum's path.YenKShortestPaths gives
// the same paths on the Snapshot, with a Dijkstra search per spur.
//
// It returns an error wrapping ErrBadOption if k < 1, ErrUnknownNode if from
// or to is not a node, and ErrNoPath if no path exists.
func (s *Snapshot) KShortestPaths(from, to uint64, k int, opt PathOptions) ([]Path, error) {
	if k < 1 {
		return nil, fmt.Errorf("%w: k = %d", ErrBadOption, k)
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	u, err := s.node(from)
	if err != nil {
		return nil, err
	}
	v, err := s.node(to)
	if err != nil {
		return nil, err
	}
	paths := s.yen(u, v, k, opt.Directed, opt.MaxDepth)
	if len(paths) == 0 {
		return nil, fmt.Errorf("%w: from %d to %d", ErrNoPath, from, to)
	}
	out := make([]Path, len(paths))
	for i, p := range paths {
		out[i] = s.pathOf(p, opt.Directed)
	}
	return out, nil
}

func (s *Snapshot) yen(u, v int32, k int, directed bool, maxDepth int) [][]int32 {
	first := s.bfsPath(u, v, directed, maxDepth, nil, nil)
	if first == nil {
		return nil
	}
	found := [][]int32{first}
	seen := map[string]bool{pathKey(first): true}
	var cand [][]int32 // kept sorted by length, stable
	blocked := make([]bool, len(s.ids))
	for len(found) < k {
		prev := found[len(found)-1]
		for i := 0; i < len(prev)-1; i++ {
			spur, root := prev[i], prev[:i+1]
			var skip []int32
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) && !contains(skip, p[i+1]) {
					skip = append(skip, p[i+1])
				}
			}
			depth := 0
			if maxDepth > 0 {
				if depth = maxDepth - i; depth <= 0 {
					continue
				}
			}
			for _, x := range root[:i] {
				blocked[x] = true
			}
			tail := s.bfsPath(spur, v, directed, depth, blocked, skip)
			for _, x := range root[:i] {
				blocked[x] = false
			}
			if tail == nil {
				continue
			}
			p := append(slices.Clone(root[:i]), tail...)
			key := pathKey(p)
			if seen[key] {
				continue
			}
			seen[key] = true
			j, _ := slices.BinarySearchFunc(cand, len(p), func(c []int32, n int) int {
				if len(c) <= n {
					return -1
				}
				return 1
			})
			cand = slices.Insert(cand, j, p)
		}
		if len(cand) == 0 {
			break
		}
		found = append(found, cand[0])
		cand = cand[1:]
	}
	return found
}

func pathKey(p []int32) string {
	b := make([]byte, 0, 4*len(p))
	for _, x := range p {
		b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
	}
	return string(b)
}

package graph

import "fmt"

// Neighbor is a node of an ego network with its distance in hops from the
// centre.
type Neighbor struct {
	ID    uint64 // store ID
	Node  int64  // dense node ID
	Depth int
}

// Neighbors returns the nodes within depth hops of the entity with store ID
// id (itself first, at depth 0), in breadth-first order, following lines in
// both directions unless directed, in which case only outgoing lines are
// followed. It takes O(N + L) time for the N nodes and L lines reached.
//
// It returns an error wrapping ErrUnknownNode if id is not a node and
// ErrBadOption if depth is negative.
func (s *Snapshot) Neighbors(id uint64, depth int, directed bool) ([]Neighbor, error) {
	if depth < 0 {
		return nil, fmt.Errorf("%w: negative depth %d", ErrBadOption, depth)
	}
	u, err := s.node(id)
	if err != nil {
		return nil, err
	}
	adj := &s.undNbr
	if directed {
		adj = &s.outNbr
	}
	seen := map[int32]bool{u: true}
	out := []Neighbor{{ID: id, Node: int64(u)}}
	for lo := 0; lo < len(out); lo++ {
		x := out[lo]
		if x.Depth == depth {
			continue
		}
		for _, y := range adj.row(int32(x.Node)) {
			if !seen[y] {
				seen[y] = true
				out = append(out, Neighbor{ID: s.ids[y], Node: int64(y), Depth: x.Depth + 1})
			}
		}
	}
	return out, nil
}

// Ego returns the snapshot induced by the nodes within depth hops of the
// entity with store ID id, lines followed in both directions. Errors are
// those of Neighbors.
func (s *Snapshot) Ego(id uint64, depth int) (*Snapshot, error) {
	nb, err := s.Neighbors(id, depth, false)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, len(s.ids))
	for _, n := range nb {
		keep[n.Node] = true
	}
	return s.Induce(func(n int64) bool { return keep[n] }), nil
}

// Induce returns the snapshot of the nodes n for which keep(n) is true, with
// their attributes and the lines between them. Node IDs are renumbered
// densely in their old order. It takes O(N + L) time.
func (s *Snapshot) Induce(keep func(n int64) bool) *Snapshot {
	n := len(s.ids)
	used := make([]bool, n)
	for u := range used {
		used[u] = keep(int64(u))
	}
	var lfrom, lto []int32
	var lpred, llabel []uint64
	for l := range s.lfrom {
		if used[s.lfrom[l]] && used[s.lto[l]] {
			lfrom = append(lfrom, s.lfrom[l])
			lto = append(lto, s.lto[l])
			lpred = append(lpred, s.lpred[l])
			llabel = append(llabel, s.llabel[l])
		}
	}
	var anode []int32
	var attrs []Fact
	for u := 0; u < n; u++ {
		if used[u] {
			for _, a := range s.Attributes(int64(u)) {
				anode = append(anode, int32(u))
				attrs = append(attrs, a)
			}
		}
	}
	ids := append([]uint64(nil), s.ids...)
	typ := append([]uint64(nil), s.typ...)
	name := append([]uint64(nil), s.name...)
	t := assemble(s.namer, ids, typ, name, used, lfrom, lto, lpred, llabel, anode, attrs)
	t.meta = s.meta
	return t
}

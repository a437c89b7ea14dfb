package graph

import (
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
	gonum "gonum.org/v1/gonum/graph"
)

// Snapshot is an immutable directed multigraph of stored facts in compressed
// sparse row (CSR) form. Nodes are entities; each line is one fact, carrying
// its predicate and label (evidence) IDs.
//
// Nodes are numbered densely from 0 to Len()-1 in the order they were first
// seen; these dense indices are the int64 node IDs that gonum sees. NodeOf and
// StoreID map between them and the store's dictionary IDs.
//
// A Snapshot implements graph.Directed, graph.Weighted,
// graph.WeightedDirected, graph.DirectedMultigraph and
// graph.WeightedDirectedMultigraph, so any gonum algorithm runs on it
// unchanged. Undirected returns the undirected view. A Snapshot is safe for
// concurrent use by multiple goroutines.
type Snapshot struct {
	ids   []uint64 // dense -> store ID
	index idMap    // store ID -> dense

	typ  []uint64 // per node: type value ID (0: none)
	name []uint64 // per node: display name value ID (0: none)

	// Lines sorted by (from, to), then in scan order. Line i runs from
	// lfrom[i] to lto[i]. Lines of node u are outStart[u]:outStart[u+1].
	lfrom, lto    []int32
	lpred, llabel []uint64
	outStart      []int32

	// inLine lists line indices sorted by (to, from); those ending at
	// node v are inLine[inStart[v]:inStart[v+1]].
	inStart, inLine []int32

	// Distinct neighbours, sorted ascending.
	outNbr, inNbr, undNbr csr

	// Attribute facts (not lines) of each node: attrs[attrStart[u]:attrStart[u+1]].
	attrStart []int32
	attrs     []Fact

	meta  map[uint64]bool // IDs of the type and name predicates
	namer Namer
	nodes []gonum.Node // boxed once, so iterators do not allocate
}

// csr is a compressed sparse row list of int32.
type csr struct {
	start []int32
	adj   []int32
}

func (c *csr) row(u int32) []int32 { return c.adj[c.start[u]:c.start[u+1]] }

// Len returns the number of nodes.
func (s *Snapshot) Len() int { return len(s.ids) }

// Size returns the number of lines (facts kept as edges).
func (s *Snapshot) Size() int { return len(s.lfrom) }

// NodeOf returns the dense node ID of the entity with store ID id.
func (s *Snapshot) NodeOf(id uint64) (int64, bool) {
	n, ok := s.index.get(id)
	return int64(n), ok
}

// node is NodeOf with ErrUnknownNode.
func (s *Snapshot) node(id uint64) (int32, error) {
	n, ok := s.index.get(id)
	if !ok {
		return 0, fmt.Errorf("%w: id %d", ErrUnknownNode, id)
	}
	return n, nil
}

// StoreID returns the store ID of the node with dense ID n, or 0 if n is not
// a node.
func (s *Snapshot) StoreID(n int64) uint64 {
	if n < 0 || n >= int64(len(s.ids)) {
		return 0
	}
	return s.ids[n]
}

// TypeID returns the ID of the type value of node n (the object of its
// `<n> <type> <T>` fact), or 0.
func (s *Snapshot) TypeID(n int64) uint64 {
	if n < 0 || n >= int64(len(s.ids)) {
		return 0
	}
	return s.typ[n]
}

// NameID returns the ID of the display name value of node n (the object of
// its `<n> <name> "..."` fact), or 0.
func (s *Snapshot) NameID(n int64) uint64 {
	if n < 0 || n >= int64(len(s.ids)) {
		return 0
	}
	return s.name[n]
}

// Attributes returns the facts about node n that are not lines: its type and
// name facts and facts with literal objects. The slice must not be modified.
func (s *Snapshot) Attributes(n int64) []Fact {
	if n < 0 || n >= int64(len(s.ids)) {
		return nil
	}
	return s.attrs[s.attrStart[n]:s.attrStart[n+1]]
}

// Fact returns the fact carried by line l (the line's ID), and whether l is a
// line of s.
func (s *Snapshot) Fact(l int64) (Fact, bool) {
	if l < 0 || l >= int64(len(s.lfrom)) {
		return Fact{}, false
	}
	return s.fact(int32(l)), true
}

func (s *Snapshot) fact(l int32) Fact {
	return Fact{S: s.ids[s.lfrom[l]], P: s.lpred[l], O: s.ids[s.lto[l]], L: s.llabel[l]}
}

// Facts returns the facts from node u to node v, in the order the Source
// gave them.
func (s *Snapshot) Facts(u, v int64) []Fact {
	if !s.valid(u) || !s.valid(v) {
		return nil
	}
	a, b := s.lineRange(int32(u), int32(v))
	out := make([]Fact, 0, b-a)
	for l := a; l < b; l++ {
		out = append(out, s.fact(l))
	}
	return out
}

// Incident returns every line fact with node n as subject or object, outgoing
// facts first.
func (s *Snapshot) Incident(n int64) []Fact {
	if !s.valid(n) {
		return nil
	}
	u := int32(n)
	var out []Fact
	for l := s.outStart[u]; l < s.outStart[u+1]; l++ {
		out = append(out, s.fact(l))
	}
	for _, l := range s.inLine[s.inStart[u]:s.inStart[u+1]] {
		if s.lfrom[l] != u { // self loops were listed already
			out = append(out, s.fact(l))
		}
	}
	return out
}

// Value resolves a dictionary ID with the Namer the snapshot was built with.
func (s *Snapshot) Value(id uint64) (quad.Value, error) {
	if id == 0 {
		return nil, nil
	}
	return s.namer.ValueOf(id)
}

func (s *Snapshot) valid(n int64) bool { return n >= 0 && n < int64(len(s.ids)) }

// lineRange returns the half-open range of lines from u to v.
func (s *Snapshot) lineRange(u, v int32) (int32, int32) {
	lo, hi := s.outStart[u], s.outStart[u+1]
	row := s.lto[lo:hi]
	a := sort.Search(len(row), func(i int) bool { return row[i] >= v })
	b := a
	for b < len(row) && row[b] == v {
		b++
	}
	return lo + int32(a), lo + int32(b)
}

// degree returns the number of lines incident to u (a self loop counts twice).
func (s *Snapshot) degree(u int32) int {
	return int(s.outStart[u+1]-s.outStart[u]) + int(s.inStart[u+1]-s.inStart[u])
}

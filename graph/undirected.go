package graph

import (
	"math"

	gonum "gonum.org/v1/gonum/graph"
)

// Undirected is the undirected view of a Snapshot, for connectivity: x and y
// are adjacent when a line runs between them in either direction, and the
// weight of the edge is the number of such lines. It implements
// graph.Undirected, graph.WeightedUndirected, graph.UndirectedMultigraph and
// graph.WeightedUndirectedMultigraph.
type Undirected struct {
	s *Snapshot
}

var (
	_ gonum.Undirected                   = Undirected{}
	_ gonum.WeightedUndirected           = Undirected{}
	_ gonum.UndirectedMultigraph         = Undirected{}
	_ gonum.WeightedUndirectedMultigraph = Undirected{}
)

// Undirected returns the undirected view of s. It takes O(1).
func (s *Snapshot) Undirected() Undirected { return Undirected{s} }

// Snapshot returns the underlying snapshot.
func (g Undirected) Snapshot() *Snapshot { return g.s }

// Node returns the node with dense ID id, or nil.
func (g Undirected) Node(id int64) gonum.Node { return g.s.Node(id) }

// Nodes returns all nodes.
func (g Undirected) Nodes() gonum.Nodes { return g.s.Nodes() }

// From returns the distinct neighbours of x in either direction.
func (g Undirected) From(id int64) gonum.Nodes {
	if !g.s.valid(id) {
		return gonum.Empty
	}
	return newNodeIter(g.s.nodes, g.s.undNbr.row(int32(id)), false)
}

// HasEdgeBetween reports whether a line joins x and y.
func (g Undirected) HasEdgeBetween(xid, yid int64) bool { return g.s.HasEdgeBetween(xid, yid) }

// Edge returns the edge between u and v, as EdgeBetween.
func (g Undirected) Edge(uid, vid int64) gonum.Edge { return g.EdgeBetween(uid, vid) }

// EdgeBetween returns the Edge holding every line between x and y, each
// oriented from x to y, or nil.
func (g Undirected) EdgeBetween(xid, yid int64) gonum.Edge {
	if e := g.edge(xid, yid); e != nil {
		return *e
	}
	return nil
}

// WeightedEdge returns the edge between u and v, as WeightedEdgeBetween.
func (g Undirected) WeightedEdge(uid, vid int64) gonum.WeightedEdge {
	return g.WeightedEdgeBetween(uid, vid)
}

// WeightedEdgeBetween returns the edge between x and y weighted by its
// number of lines, or nil.
func (g Undirected) WeightedEdgeBetween(xid, yid int64) gonum.WeightedEdge {
	if e := g.edge(xid, yid); e != nil {
		return *e
	}
	return nil
}

func (g Undirected) edge(xid, yid int64) *Edge {
	s := g.s
	if !s.valid(xid) || !s.valid(yid) {
		return nil
	}
	a, b := s.lineRange(int32(xid), int32(yid))
	lines := s.lineSlice(a, b, false)
	if xid != yid {
		c, d := s.lineRange(int32(yid), int32(xid))
		lines = append(lines, s.lineSlice(c, d, true)...)
	}
	if len(lines) == 0 {
		return nil
	}
	return &Edge{F: s.nodes[xid], T: s.nodes[yid], Lines: lines}
}

// Weight returns the number of lines between x and y (a self loop counts
// once). For x == y without a self loop it returns 0, true; for nodes not
// joined, +Inf, false.
func (g Undirected) Weight(xid, yid int64) (float64, bool) {
	s := g.s
	if s.valid(xid) && s.valid(yid) {
		a, b := s.lineRange(int32(xid), int32(yid))
		w := b - a
		if xid != yid {
			c, d := s.lineRange(int32(yid), int32(xid))
			w += d - c
		}
		if w > 0 {
			return float64(w), true
		}
	}
	if xid == yid {
		return 0, true
	}
	return math.Inf(1), false
}

// Lines returns the lines between u and v, as LinesBetween.
func (g Undirected) Lines(uid, vid int64) gonum.Lines { return g.LinesBetween(uid, vid) }

// LinesBetween returns every line between x and y, oriented from x to y.
func (g Undirected) LinesBetween(xid, yid int64) gonum.Lines {
	e := g.edge(xid, yid)
	if e == nil {
		return gonum.Empty
	}
	return &lineIter{lines: e.Lines, i: -1}
}

// WeightedLines returns the lines between u and v, as WeightedLinesBetween.
func (g Undirected) WeightedLines(uid, vid int64) gonum.WeightedLines {
	return g.WeightedLinesBetween(uid, vid)
}

// WeightedLinesBetween returns every line between x and y, oriented from x to
// y, each of weight 1.
func (g Undirected) WeightedLinesBetween(xid, yid int64) gonum.WeightedLines {
	e := g.edge(xid, yid)
	if e == nil {
		return gonum.Empty
	}
	return &lineIter{lines: e.Lines, i: -1}
}

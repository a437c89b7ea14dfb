// Package graph gives gonum views of kg's stored facts, the relationship
// algorithms kg answers questions with, and DOT and JSON export.
//
// # Snapshot
//
// Build reads every fact from a Source (the store's dictionary-encoded
// quads) and lays the selected ones out as an immutable Snapshot in
// compressed sparse row form: dense node indices, out- and in-adjacency, one
// line per fact carrying its predicate and label (evidence) IDs. It holds no
// Go map and no pointer per line, so building from a million facts takes
// about half a second and 50 MB.
//
// By default a fact becomes a line when its object is an entity (an IRI or
// blank node) and its predicate is not <type> or <name>; type facts, name
// facts and facts with literal objects become node attributes (TypeID,
// NameID, Attributes). BuildOptions selects by predicate, by label (document,
// sentence or, through a callback, date range), by entity type, or replaces
// the line rule; Ego and Induce cut out an ego network or any node subset.
//
// A Snapshot implements graph.Directed, graph.WeightedDirected,
// graph.DirectedMultigraph and graph.WeightedDirectedMultigraph, and
// Undirected returns the undirected view (graph.Undirected,
// graph.UndirectedMultigraph and their weighted forms), so any gonum
// algorithm runs on it unchanged. gonum sees node IDs as dense indices
// 0..Len()-1; NodeOf and StoreID translate to and from store IDs. An edge's
// weight is its number of lines (facts); a line's weight is 1.
//
// # Algorithms
//
// The methods take and return store IDs, and report unknown entities with
// errors wrapping ErrUnknownNode; see the var block of sentinel errors.
//
//   - ShortestPath: bidirectional breadth-first search over the CSR arrays,
//     undirected unless asked; each Hop lists the facts joining its ends.
//   - KShortestPaths: Yen's algorithm with the same search, with MaxDepth.
//   - Neighbors and Ego: the ego network within a depth.
//   - Rank: PageRank (the power iteration of gonum's PageRankSparse over the
//     CSR), betweenness (Brandes, exact or sampled), degree.
//   - Communities: this package's Louvain over the CSR for any size, or
//     gonum's community.Modularize for graphs small enough for it.
//
// Each function documents its complexity. gonum's own algorithms are used
// where they are fast enough; the specialised ones exist because the
// benchmarks (bench_test.go) show gonum's generic versions to be the
// bottleneck on a million facts: run
//
//	nice go test ./graph -run TestBenchTable -benchtable -timeout 30m
//
// to print them beside gonum's simple and multi graphs.
//
// # Export
//
// WriteDOT writes Graphviz DOT through gonum's dot.MarshalMulti, with display
// names, shapes and colours by entity type, predicate edge labels, dashed
// negated facts, evidence tooltips, community clusters, a legend and a
// MaxNodes limit that keeps the most central nodes and reports the rest.
// WriteJSON writes the same selection as JSON. ExportOptions carries the
// callbacks for what the snapshot does not know: negation and evidence text.
//
// Library code in this package never prints, exits or panics on bad input.
package graph

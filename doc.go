// Package kg builds a knowledge graph of who did what to whom from English
// text, and answers questions about it.
//
// kg reads news text, extracts subject–predicate–object facts with their
// evidence (document, date, sentence, character spans), keeps them as
// quads in an embedded Badger database, and answers relationship questions
// with gonum graph algorithms. Everything runs offline: the language
// models and lexicons are embedded.
//
// # Opening a database
//
// A DB is a directory (or memory only):
//
//	db, err := kg.Open(kg.DefaultOptions("news.db"))
//	db, err := kg.Open(kg.Options{InMemory: true})
//	defer db.Close()
//
// Open refuses a directory that is not a kg database, and a database that
// another process has open (see the store package's errors).
//
// # Putting facts in
//
// Ingest reads documents — text files, directories, JSON Lines corpora,
// standard input — extracts their facts on all cores and stores them with
// their evidence; IngestText does the same for a string. A document that
// has not changed is skipped; an edited one replaces its old facts
// atomically. Import loads N-Quads (atomically per file).
//
//	res, err := db.IngestText(ctx, "story-1", "2025-07-14", text)
//	res, err := db.Ingest(ctx, os.Stdin, []string{"news/"}, kg.IngestOptions{})
//
// # Asking
//
// Ask answers who/what/when/where questions. Answers see through voice
// (detained ↔ detained_by), verbs of one action (SetVerbClasses) and
// entity names and aliases (Resolve), are ranked by their evidence, and
// list their sentences; negated facts are shown as denials and never
// count as support.
//
//	ans, err := db.Ask(ctx, "Who detained Bazoum?")
//	for _, a := range ans.Answers {
//		fmt.Println(a.Answer, a.Score, a.Evidence[0].Text)
//	}
//
// Query answers triple patterns with variables and joins:
//
//	res, err := db.Query(ctx, "?who condemn ?what . ?what type EVENT", kg.QueryOptions{})
//
// # Relationships
//
// Path finds the shortest connections between two entities, each hop with
// its fact and sentence; Neighbors gives an ego network, Rank the most
// central entities (PageRank, betweenness, degree), Communities groups
// (Louvain), Timeline one entity's facts by date.
//
// Graph returns the facts as a gonum graph — an immutable compressed
// sparse row multigraph (see package graph) — on which any gonum
// algorithm runs:
//
//	g, err := db.Graph(ctx, nil)
//	ranks := network.PageRankSparse(g, 0.85, 1e-6)
//
// The whole-graph snapshot is cached in memory and on disk beside the
// database until the store changes.
//
// # Getting facts out
//
// Export writes Graphviz DOT (display names, types as shapes and colours,
// negated facts dashed, evidence in tooltips, communities as clusters),
// JSON or N-Quads; ExportDgraph writes RDF and a schema for Dgraph's
// loaders, the path past one machine (see docs/scale-out.md).
//
// # Errors
//
// Errors wrap once per layer with the operation ("kg: path: …"). Use
// errors.Is with ErrUnknownEntity, ErrQuestion, ErrBadQuery and ErrNoPath,
// and errors.As with *UnknownEntityError (its Suggestions are the nearest
// known names), *QuestionError and *QueryError.
//
// # Packages
//
// kg wires three packages that do not import each other: extract (text to
// analysed sentences and facts; pure and deterministic), store (quads and
// evidence on Badger) and graph (gonum views, algorithms, DOT and JSON).
// The command kg (cmd/kg) is a thin CLI over this package.
package kg

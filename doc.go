// Package kg builds a knowledge graph of who did what to whom from English
// text, and answers questions about it.
//
// kg reads news text, extracts subject–predicate–object facts with their
// evidence (document, date, sentence, character spans), keeps them as
// quads in an embedded Badger store, and answers relationship questions
// with gonum graph algorithms.
//
// Open a database, load facts, and read them back:
//
//	db, err := kg.Open(kg.DefaultOptions("news.db"))
//	if err != nil { ... }
//	defer db.Close()
//	_, err = db.ImportFile(ctx, "facts.nq.gz", kg.ImportOptions{})
//	st, err := db.Stats(ctx)
//
// Package kg is the library's front door: it wires the packages extract
// (text to facts), store (quads on Badger) and graph (gonum views and
// algorithms) together. Those packages do not import each other.
package kg

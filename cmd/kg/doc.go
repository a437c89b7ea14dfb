// Command kg builds a knowledge graph of who did what to whom from English
// text and answers questions about it.
//
//	kg ingest news/                     extract facts from text, with evidence
//	kg ask "Who detained Bazoum?"        answer a who-did-what question
//	kg query 'Bazoum detained_by ?x'     triple patterns with variables and joins
//	kg path Guterres Bazoum              how two entities are connected
//	kg rank --by pagerank                the most central entities
//	kg communities                       groups of closely connected entities
//	kg timeline Bazoum                   the facts about one entity, by date
//	kg export --format dot -o graph.svg  Graphviz, JSON, N-Quads or Dgraph
//	kg import facts.nq.gz                load N-Quads
//	kg extract corpus/ --format jsonl    facts to stdout, no database
//	kg parse                             the linguistic analysis, as CoNLL-U
//	kg stats                             quads, nodes, predicates, documents
//
// The database is --db, else $KG_DB, else ./kg.db. Exit status: 0 ok,
// 1 failure, 2 usage error. See "kg help COMMAND" for each command's
// flags and examples.
package main

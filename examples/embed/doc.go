// Command embed shows kg used as a Go library: open a database, ingest
// text from a string, ask a question, and run a gonum algorithm on the
// graph of facts.
package main

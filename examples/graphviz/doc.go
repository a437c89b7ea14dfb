// Command graphviz exports the neighbourhood of one entity of the Valdoria
// corpus as Graphviz DOT and renders it to SVG when Graphviz is installed.
//
//	go run ./examples/graphviz [-focus "General Viktor Tesh"] [-o tesh.svg]
package main

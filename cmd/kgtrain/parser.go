package main

import "github.com/kgraph/kg/extract/training"

// The parser trains after the tagger, whose model file it reuses to tag
// the development set.
func init() { register("parser", 40, training.Parser) }

package main

import "github.com/kgraph/kg/extract/training"

func init() { register("tagger", 10, training.Tagger) }

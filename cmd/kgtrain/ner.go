package main

import "github.com/kgraph/kg/extract/training"

func init() { register("ner", 30, training.NER) }

package main

import "github.com/kgraph/kg/extract/training"

func init() { register("lemma", 20, training.Lemmas) }

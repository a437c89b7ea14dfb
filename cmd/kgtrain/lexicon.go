package main

import (
	"context"

	"github.com/kgraph/kg/extract/training"
)

// wordnetDir is set by the -wordnet flag.
var wordnetDir string

func init() {
	register("lexicon", 0, func(ctx context.Context, cfg *training.Config) error {
		return training.Lexicon(ctx, cfg, wordnetDir)
	})
}

package extract

// Parser assigns a dependency tree to one sentence. It is the seam between
// the analysis pipeline (tokens, tags, lemmas, entities) and the
// dependency parser, which lives in its own package and is plugged in with
// Analyzer.SetParser (or Options.Parser).
//
// words are the token forms as fed to the models (curly quotes already
// normalised) and tags their predicted Penn XPOS tags; both have the same
// length n ≥ 1. Parse returns heads[i] in 0..n, the 1-based index of word
// i's head with 0 for the root, and rels[i], its UD relation (such as
// "nsubj:pass"). Both results must have length n. Implementations must be
// safe for concurrent use and deterministic.
type Parser interface {
	Parse(words, tags []string) (heads []int, rels []string)
}

// Package postag is a greedy left-to-right part-of-speech tagger built on an
// averaged perceptron. Each class is a pair of a Penn Treebank tag (XPOS)
// and a universal tag (UPOS), so one decision gives both, consistently.
//
// Features: the word, its affixes and shape, the surrounding words, the two
// previous predicted tags, and ambiguity classes (the tags a word took in
// training) for the word and its right neighbours. A tag dictionary fixes
// the tag of frequent words that were unambiguous in training, which is
// both faster and slightly more accurate.
//
// A Tagger is safe for concurrent use and deterministic.
package postag

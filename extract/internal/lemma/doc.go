// Package lemma gives the lemma of a word from its form and Penn tag
// (XPOS).
//
// Known words are looked up in a dictionary built from the training
// treebank, keyed by lower-case form and XPOS. Unseen words go through
// WordNet's exception lists and morphy rules (checked against the lexicon's
// lemmas), then through suffix rules learned from the treebank, and
// finally keep their form (proper nouns) or its lower case.
//
// A Lemmatizer is read-only after Load and safe for concurrent use.
package lemma

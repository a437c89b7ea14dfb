// Package lexicon holds the word lists the models share: the parts of
// speech WordNet gives each English word, WordNet's irregular-form
// exception lists (for the lemmatiser), and a gazetteer of places,
// organisations and people with the demonyms of countries.
//
// It is generated from Princeton WordNet 3.0 (Debian wordnet-base) by
// cmd/kgtrain and embedded zstd-compressed; WordNet's licence allows
// redistribution with its notice, which is kept in the models directory.
// A Lexicon is read-only after Load and safe for concurrent use.
package lexicon

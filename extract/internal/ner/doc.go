// Package ner finds named entities: PER, ORG and LOC (countries, cities and
// other places, GPE included) with a greedy averaged-perceptron BIO tagger,
// and DATE and NUMBER with rules.
//
// The tagger's features are the words, their shapes and affixes, the Penn
// tags around them, the two previous entity tags, title words
// ("President", "Minister", "spokesman"), and gazetteer matches from the
// lexicon (WordNet instance nouns plus curated organisations and places).
// Demonyms ("Nigerien") are not entities; they are a feature, and the
// lexicon maps them to their country. Curated gazetteer names that the
// model leaves untagged are tagged by rule.
//
// The package also reads the IOB2 files of Universal NER and scores
// entity spans (exact span and type).
//
// A Tagger is safe for concurrent use and deterministic.
package ner

// Package seeds scores extracted facts against facts.tsv, the facts a reader
// takes from the seed articles in ../shared/data/seeds, with the lenient
// matching its header describes: case-insensitive, on head words, plurals
// lemmatised, alternatives separated by "|", a LEMMA_by predicate also
// matched by the active fact with subject and object swapped, the verb
// lexicon's classes for rows of kind "synonym", and a negated fact for
// rows of kind "negated". The title predicate has_title counts as "be".
package seeds

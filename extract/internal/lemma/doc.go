// Package lemma gives the lemma of a word from its form and Penn tag
// (XPOS).
//
// Known words are looked up in a dictionary built from the training
// treebank, keyed by lower-case form and XPOS (and by the form's case
// pattern, and, for the few words whose lemma the next word decides, by
// the next word past any adverbs: "'s been", "'s always been"). Unseen words go through WordNet's exception
// lists and morphy rules (checked against the lexicon's lemmas), then
// through suffix rules learned from the treebank, and finally keep their
// form (proper nouns, acronyms) or its lower case. Letters stretched for
// emphasis ("sooooo") are shortened when that gives a known word.
//
// Lemma works word by word; Sentence takes a whole tagged sentence and
// also uses the next word, and the case model: for a title-case noun,
// adjective or verb ("Housing") a small averaged perceptron, trained with
// predicted (jackknifed) tags, decides whether the lemma keeps its capital
// (as EWT writes proper nouns' lemmas) when it is sure enough to overrule
// the tag, which confuses NN and NNP on such words. An all-capitals
// proper noun of five letters or more beside another word in capitals
// ("CRAZY HORSE") gets a title-case lemma, as in EWT.
//
// A Lemmatizer is read-only after Load and safe for concurrent use.
package lemma

// Package depparse is kg's labelled dependency parser.
//
// It is a transition-based parser in the arc-hybrid system
// (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the root token at the
// bottom of the stack and a single-root constraint, so every output is a
// well-formed tree with exactly one word attached to the root.
// Two averaged perceptrons over hashed feature templates in the style of
// Zhang and Nivre (2011) drive it. One chooses the transition from words,
// tags, the leftmost and rightmost children of the stack and buffer items,
// their labels, valencies, distances, the punctuation in between and each
// word's ambiguity class (the tags it had in the training data, which do
// not depend on the tagger's choice in context). The other labels each arc
// as it is made, when the dependent is complete. Splitting the label
// decision from the transition keeps the model small and the parser fast.
// Training uses the dynamic oracle of Goldberg and Nivre (2013) with error
// exploration, so the model learns to recover from its own mistakes.
//
// [Model.Parse] is greedy: it takes the best transition at every step.
// [Model.ParseBeam] keeps the best few partial parses instead, ranked by
// the sum of the log-probabilities of their transitions and labels, the
// perceptrons' scores normalised at each step by a softmax, and drops those
// far behind the best, so that it is wide only where the model is unsure.
// kg's analyzer parses with a beam of [DefaultBeam] (2), which adds 0.8
// points of UAS and 0.9 of LAS on EWT test at 0.7 times the greedy speed.
// The models are trained greedily.
//
// Non-projective trees are handled by pseudo-projective parsing (Nivre and
// Nilsson 2005, "head" encoding): training trees are projectivised by
// lifting arcs and marking the lifted labels ("obl↑advcl"); the parser's
// output is deprojectivised by a breadth-first search for the original head.
//
// Labels are Universal Dependencies relations with their subtypes
// (nsubj:pass, obl:tmod, ...). Heads follow CoNLL-U: heads[i] is the 1-based
// index of the head of word i+1, 0 for the root.
//
// Training can average several models trained with different shuffles and
// exploration ([TrainOptions].Ensemble): a linear model with the averaged
// weights scores exactly as the ensemble summing their scores would, so the
// ensemble costs one model's lookups when parsing (its table is larger, as
// it holds the union of the members' features).
//
// The trained weights are averaged, pruned and quantised to 16 bits, and the
// model file is a zstd model file (see package modelfile) read by [Read]. A loaded [Model] is safe for
// concurrent use by many goroutines; the EWT model takes about 33 MB of
// memory.
//
// Two UD conventions are enforced while decoding: compound and flat arcs
// never span a comma (the next best transition is taken instead), and in
// "A, B and C" every conjunct attaches to the first.
//
// Accuracy is measured with [Evaluate] over every word, punctuation
// included, as in the CoNLL 2018 shared task; [Score] gives LAS both as
// that task computes it (universal relation only) and with full relations.
package depparse

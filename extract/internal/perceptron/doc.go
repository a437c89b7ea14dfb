// Package perceptron is a multi-class averaged perceptron with hashed
// string features, built for fast greedy taggers.
//
// Features are 64-bit FNV-1a hashes of a template number and one or more
// strings (see Features), so no feature string is ever built. A Trainer
// learns float32 weights with lazy averaging; Trainer.Model averages them,
// drops features seen fewer than a minimum number of times and zero
// weights, and returns a compact read-only Model whose rows are stored
// sparsely (only the classes a feature has a weight for). Models are saved
// in a small zstd-compressed binary format with bfloat16 weights.
//
// A Model is safe for concurrent use; a Trainer is not.
package perceptron

// Package training holds the entry points that cmd/kgtrain uses to train
// kg's language models from the shared treebanks; it exists so that the
// command can reach the models' internal packages. Each model has its own
// file and one exported function with the signature
//
//	func(ctx context.Context, cfg *Config) error
//
// Training is deterministic for a given Config.Seed and data. This package
// is not meant for general use and its API may change.
package training

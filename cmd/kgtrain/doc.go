// Command kgtrain trains kg's language models from the shared treebanks and
// writes the files that package extract embeds.
//
// Usage:
//
//	kgtrain [-data ../shared/data] [-out extract/internal/models] [-seed 1] [model ...]
//
// With no model names it trains all of them, in dependency order. Each model
// lives in its own file of this command and registers itself with
// register. Training is deterministic for a given seed and data.
package main

// Package cayley benchmarks the Cayley quad store (github.com/cayleygraph/cayley)
// on the same inputs and queries as kg's store benchmarks, so that
// internal/benchtab can print kg and Cayley side by side. It is a separate
// module so that Cayley's old dependencies never enter kg's go.mod.
package cayley

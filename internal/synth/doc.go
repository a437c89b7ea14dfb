// Package synth generates deterministic synthetic knowledge graphs as
// N-Quads, for benchmarks: news-like facts with power-law degrees.
package synth

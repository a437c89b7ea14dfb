// Package carb scores Open IE extractions against the CaRB benchmark, in Go,
// following the matching rules of the CaRB README in ../shared/data/carb
// (Bhardwaj, Aggarwal and Mausam, EMNLP 2019): token-level partial credit
// on a two-slot view of each tuple, per-threshold greedy one-to-one
// precision matching, best-F1 operating point and trapezoid AUC, plus the
// "CaRB(1-1)" variant of OpenIE6 that matches recall one-to-one as well.
//
// Scoring is O(G·P) per sentence for G gold and P predicted tuples, times
// the number of distinct confidence values.
package carb

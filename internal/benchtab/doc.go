// Command benchtab runs kg's benchmarks and prints one table per area, with
// medians, min–max and ratios against baselines measured in the same run,
// and writes the tables to BENCHMARKS.md. It is what "make bench" runs.
//
//	go run ./internal/benchtab [-quick] [-shared ../shared/data] [-out BENCHMARKS.md]
//
// Every figure comes from Go benchmarks (testing.B) or kg's own eval
// commands run as child processes, so that peak RSS is per measurement.
package main

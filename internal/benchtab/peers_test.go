package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Cayley's sub-benchmark names and kg's column names must land where the
// peers table looks for them.
func TestMergeRun(t *testing.T) {
	cayley := `BenchmarkLoad/bolt-2   	       1	20002158963 ns/op	         7.037 cpu-s	        40.22 disk-MB	       589.6 maxrss-MB	       578.1 peak-heap-MB	      2500 quads/s
BenchmarkMatch/memstore/??o-2    	       5	    180677 ns/op	       178.9 p50-µs	       300.5 p99-µs	       100.0 results/op
BenchmarkMatch/memstore/2hop-2   	       5	    216574 ns/op	       214.7 p50-µs	       400 p99-µs	       100.0 results/op
PASS`
	loads := map[string]result{}
	mergeRun(loads, parseBench(strings.NewReader(cayley[:strings.Index(cayley, "\n")])), "bolt", 612)
	mergeRun(loads, parseBench(strings.NewReader(cayley[:strings.Index(cayley, "\n")])), "bolt", 600)
	if got := loads["bolt"]["quads/s"]; len(got) != 2 || got[0] != 2500 {
		t.Errorf("bolt quads/s = %v", got)
	}
	if got := loads["bolt"]["child-maxrss-MB"]; len(got) != 2 || median(got) != 606 {
		t.Errorf("bolt child-maxrss-MB = %v", got)
	}
	match := map[string]result{}
	mergeRun(match, parseBench(strings.NewReader(cayley)), "", 0)
	if got := match["Match/memstore/2hop"]["p50-µs"]; len(got) != 1 || got[0] != 214.7 {
		t.Errorf("2hop p50 = %v", got)
	}
	if _, ok := match["Match/memstore/??o"]["child-maxrss-MB"]; ok {
		t.Error("child RSS recorded for a run without a column")
	}
}

func TestBenchSources(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("func BenchmarkExtractArticles(b *testing.B) { b.ReportMetric(1, \"sentences/s\") }"), 0o644)
	os.WriteFile(filepath.Join(dir, "b_test.go"), []byte("func BenchmarkTagger(b *testing.B) {}"), 0o644)
	re := regexp.MustCompile(`func BenchmarkExtract\w*\(`)
	src := benchSources(dir, re)
	if !strings.Contains(src, "sentences/s") || strings.Contains(src, "Tagger") {
		t.Errorf("benchSources = %q", src)
	}
	if benchSources(t.TempDir(), re) != "" {
		t.Error("empty dir has sources")
	}
}

var peersTable = flag.Bool("peers", false, "run the peers section alone and print its table (slow: minutes)")

// TestPeersTable runs the peers section by itself, from the repository
// root:
//
//	go test ./internal/benchtab -run TestPeersTable -peers -v [-quick]
func TestPeersTable(t *testing.T) {
	if !*peersTable {
		t.Skip("needs -peers")
	}
	t.Chdir(filepath.Join("..", ".."))
	var r report
	if err := peersSection(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
}

func TestMicros(t *testing.T) {
	for _, tc := range []struct {
		v    []float64
		want string
	}{
		{[]float64{13.44}, "13.4"},
		{[]float64{6159}, "6159"},
		{[]float64{175091}, "175k"},
		{[]float64{70, 60, 120}, "70.0 [60.0–120]"},
	} {
		if got := latCell(tc.v); got != tc.want {
			t.Errorf("latCell(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestTargetVerdict(t *testing.T) {
	for _, tc := range []struct {
		ts   []peerTarget
		want string
	}{
		{[]peerTarget{{"memstore", 30, 10, 3}, {"bolt", 100, 10, 10}}, "met"},
		{[]peerTarget{{"memstore", 29, 10, 3}, {"bolt", 100, 10, 10}}, "**not met** against memstore (met against bolt)"},
		{[]peerTarget{{"memstore", 1, 10, 2}, {"bolt", 1, 10, 2}}, "**not met**"},
		{[]peerTarget{{"memstore", 0, 10, 2}}, "**not met**"}, // not measured is not met
	} {
		if got := targetVerdict(tc.ts); got != tc.want {
			t.Errorf("targetVerdict(%v) = %q, want %q", tc.ts, got, tc.want)
		}
	}
	// quick mode says that a miss is at quick size; a hit stays "met"
	defer func(q bool) { *quick = q }(*quick)
	*quick = true
	miss := []peerTarget{{"memstore", 1, 10, 2}}
	if got, want := targetVerdict(miss), "**not met** at quick size (the target is judged by the full run, make bench)"; got != want {
		t.Errorf("quick targetVerdict = %q, want %q", got, want)
	}
	if got := verdict(true); got != "met" {
		t.Errorf("quick verdict(true) = %q", got)
	}
	if got := verdict(false); !strings.HasSuffix(got, "(the target is judged by the full run, make bench)") {
		t.Errorf("quick verdict(false) = %q", got)
	}
	*quick = false
	if got := targetText([]peerTarget{{"memstore", 0, 0, 3}, {"bolt", 0, 0, 10}}); got != "≥ 3× memstore, ≥ 10× bolt" {
		t.Errorf("targetText = %q", got)
	}
	if pratio(0, 5) != "—" || pratio(5, 0) != "—" || pratio(6, 3) != "2.00×" {
		t.Error("pratio")
	}
	if got := pairList([]float64{1.914, 1.5}); got != "1.91×, 1.50×" {
		t.Errorf("pairList = %q", got)
	}
	if got := pairList(nil); got != "—" {
		t.Errorf("pairList(nil) = %q", got)
	}
}

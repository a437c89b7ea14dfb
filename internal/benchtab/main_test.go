package main

import (
	"strings"
	"testing"
)

func TestParseBench(t *testing.T) {
	out := `goos: linux
BenchmarkLoadEmpty-2   	       1	15493210311 ns/op	        96.53 disk-MB	    64544 quads/s
BenchmarkLoadEmpty-2   	       1	15493210311 ns/op	        96.53 disk-MB	    70000 quads/s
BenchmarkMatch/s??-2   	    2000	     12345 ns/op	        20.5 p50-µs	  99.1 p99-µs
PASS`
	res := parseBench(strings.NewReader(out))
	if got := res["LoadEmpty"]["quads/s"]; len(got) != 2 || got[1] != 70000 {
		t.Fatalf("LoadEmpty quads/s = %v", got)
	}
	if got := median(res["LoadEmpty"]["quads/s"]); got != 67272 {
		t.Fatalf("median = %v", got)
	}
	if got := res["Match/s??"]["p50-µs"]; len(got) != 1 || got[0] != 20.5 {
		t.Fatalf("Match p50 = %v", got)
	}
	if c := cell([]float64{3, 1, 2}, 0); c != "2 [1–3]" {
		t.Fatalf("cell = %q", c)
	}
}

func TestLiveProcessed(t *testing.T) {
	log := "Processed ...\nNumber of TXs run            : 3\nNumber of N-Quads processed  : 2049\nTime spent                   : 1.2s\n"
	if n, ok := liveProcessed(log); !ok || n != 2049 {
		t.Fatalf("liveProcessed = %d, %v; want 2049", n, ok)
	}
	if _, ok := liveProcessed("error: connection refused"); ok {
		t.Fatal("liveProcessed found a count in a log without one")
	}
}

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

func TestEvalFields(t *testing.T) {
	out := "EWT test               sentences 2077 words 25094 XPOS 95.18 UPOS 95.87 lemma 97.45 (with gold tags 98.99) UAS 85.48 LAS 82.44\n" +
		"GUM test, news genre   sentences 85 words 1891 XPOS 93.13 UPOS 94.87 lemma 95.29 (with gold tags 99.21) UAS 81.28 LAS 77.79\n" +
		"UNER test  sentences 2077 gold 1088 predicted 1009 correct 749 P 74.23 R 68.84 F1 71.44\n" +
		"  PER gold 449 P 77.43 R 81.74 F1 79.52\n"
	ewt := evalFields(out, "EWT test", "XPOS", "UPOS", "lemma", "UAS", "LAS")
	want := map[string]float64{"XPOS": 95.18, "UPOS": 95.87, "lemma": 97.45, "UAS": 85.48, "LAS": 82.44}
	for k, v := range want {
		if ewt[k] != v {
			t.Errorf("EWT %s = %v, want %v", k, ewt[k], v)
		}
	}
	if ner := evalFields(out, "UNER test", "F1"); ner["F1"] != 71.44 {
		t.Errorf("UNER F1 = %v, want 71.44 (the overall line, not PER's)", ner["F1"])
	}
	if got := evalFields(out, "missing", "F1"); len(got) != 0 {
		t.Errorf("absent line gave %v", got)
	}
}

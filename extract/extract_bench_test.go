package extract

import (
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// benchText is a news-like paragraph written for the benchmarks.
const benchText = `The presidential guard detained the mayor of Kano on Monday, officials said. ` +
	`He had been elected in 2019 and was held in a military camp near the airport. ` +
	`ECOWAS, the African Union and France condemned the arrest and called on the soldiers to release him. ` +
	`"We will never accept this," the spokesman of the party, Idrissa Sow, told reporters. ` +
	`The junta shut down the border and imposed a curfew, but protesters who gathered in the capital refused to leave.` + "\n\n"

// BenchmarkExtract measures the whole pipeline (analysis and facts) and
// the analysis alone on the same text in the same run, and reports the
// pipeline's rate as a fraction of the analysis rate (target ≥ 0.7).
func BenchmarkExtract(b *testing.B) {
	a := factAnalyzer(b)
	x, err := NewExtractor(Options{Analyzer: a})
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(benchText, 20)
	doc := Document{ID: "bench", Text: text}
	b.SetBytes(int64(len(text)))
	var analyze, facts time.Duration
	nfacts := 0
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		sents, err := a.Analyze(text)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		res := x.FromSentences(doc, sents)
		facts += time.Since(t1)
		analyze += t1.Sub(t0)
		nfacts += len(res.Facts)
	}
	b.ReportMetric(float64(analyze)/float64(analyze+facts), "x-analysis-rate")
	b.ReportMetric(float64(nfacts)/float64(b.N), "facts/op")
}

// BenchmarkExtractThroughput reports sentences/s of the whole pipeline
// (analysis and facts), documents in parallel on every -cpu: on whole
// articles (the benchmark's news paragraphs, 20 to a document) and on
// CaRB's dev sentences (one pretokenised sentence a line, as kg eval
// carb reads them; skipped without ../shared/data).
func BenchmarkExtractThroughput(b *testing.B) {
	a := factAnalyzer(b)
	b.Run("input=articles", func(b *testing.B) {
		x, err := NewExtractor(Options{Analyzer: a})
		if err != nil {
			b.Fatal(err)
		}
		doc := Document{ID: "bench", Text: strings.Repeat(benchText, 20)}
		res, err := x.Extract(doc)
		if err != nil {
			b.Fatal(err)
		}
		throughput(b, len(res.Sentences), func() error { _, err := x.Extract(doc); return err })
	})
	b.Run("input=carb", func(b *testing.B) {
		text, err := os.ReadFile("../../shared/data/carb/dev_sentences.txt")
		if err != nil {
			b.Skip("CaRB sentences absent:", err)
		}
		x, err := NewExtractor(Options{Analyzer: a, Pretokenized: true})
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(text)), "\n")
		if len(lines) > 200 {
			lines = lines[:200]
		}
		doc := Document{ID: "carb", Text: strings.Join(lines, "\n")}
		throughput(b, len(lines), func() error { _, err := x.Extract(doc); return err })
	})
}

// throughput runs extract (which handles n sentences) on every -cpu in
// parallel and reports sentences per wall-clock second and per second of
// the process's CPU time. With -cpu 1 on a shared machine, the second is
// the steadier "per core" figure: wall time also counts the waits for a
// core that other processes hold.
func throughput(b *testing.B, n int, extract func() error) {
	var done atomic.Int64
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := extract(); err != nil {
				b.Error(err)
				return
			}
			done.Add(int64(n))
		}
	})
	b.ReportMetric(float64(done.Load())/b.Elapsed().Seconds(), "sentences/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(done.Load())/cpu.Seconds(), "sentences/cpu-s")
	}
}

package extract

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/models"
	"github.com/kgraph/kg/extract/internal/postag"
)

// benchSentences returns EWT dev sentences as normalised forms, or skips.
func benchSentences(b *testing.B) [][]string {
	f, err := os.Open(sharedData + "/ud-ewt/en_ewt-ud-dev.conllu")
	if err != nil {
		b.Skipf("shared data absent: %v", err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f)
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]string, len(ss))
	for i, s := range ss {
		for _, w := range s.Words {
			out[i] = append(out[i], postag.Normalize(w.Form))
		}
	}
	return out
}

// reportTokens reports throughput per wall-clock second and per second of
// CPU time used by the process; on a shared, loaded machine the second is
// the fairer "one core" figure (run with GOMAXPROCS=1).
func reportTokens(b *testing.B, tokens int, start time.Time, cpu0 time.Duration) {
	b.ReportMetric(float64(tokens)/time.Since(start).Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)/cpu.Seconds(), "tokens/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTagger measures the POS tagger alone (target ≥ 250k tokens/s
// on one core).
func BenchmarkTagger(b *testing.B) {
	ss := benchSentences(b)
	a, err := NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	x, u := make([]string, 200), make([]string, 200)
	b.ResetTimer()
	start, cpu0, tokens := time.Now(), cpuTime(), 0
	for i := 0; i < b.N; i++ {
		s := ss[i%len(ss)]
		a.tagger.Tag(s, x[:len(s)], u[:len(s)])
		tokens += len(s)
	}
	reportTokens(b, tokens, start, cpu0)
}

// BenchmarkAnalyzeTokens measures tagging, lemmas and entities (and the
// parser when embedded) on pretokenised sentences.
func BenchmarkAnalyzeTokens(b *testing.B) {
	ss := benchSentences(b)
	a, err := NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start, cpu0, tokens := time.Now(), cpuTime(), 0
	for i := 0; i < b.N; i++ {
		s := ss[i%len(ss)]
		if _, err := a.AnalyzeTokens(s); err != nil {
			b.Fatal(err)
		}
		tokens += len(s)
	}
	reportTokens(b, tokens, start, cpu0)
}

// BenchmarkLoad measures loading every embedded model (target ≤ 300 ms)
// and reports, as heap-MB, the Go heap that the loaded models keep live
// (target ≤ 300 MB): the heap in use after a collection with the models
// held, less the heap in use after a collection before loading them.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var l *loaded
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l = nil // let the previous load go, as a program loads once
		var err error
		if l, err = loadFrom(models.FS()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(l)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-MB")
}

// BenchmarkAnalyzeText measures the whole pipeline on raw text of growing
// size, prose and one long line without punctuation; MB/s staying flat
// across sizes shows that analysis time is linear in the input.
func BenchmarkAnalyzeText(b *testing.B) {
	a, err := NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	prose := "The African Union, regional bloc ECOWAS and the European Union have all condemned the attempted coup. " +
		"Gen. Amadou Keita said on Friday that 1,200 soldiers had been sent to the border.\n\n"
	line := "soldiers marched toward the capital and the crowd waited "
	for _, kind := range []struct{ name, unit string }{{"prose", prose}, {"line", line}} {
		for _, size := range []int{16 << 10, 256 << 10} {
			text := strings.Repeat(kind.unit, size/len(kind.unit)+1)[:size]
			b.Run(fmt.Sprintf("%s/%dKB", kind.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					if _, err := a.Analyze(text); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

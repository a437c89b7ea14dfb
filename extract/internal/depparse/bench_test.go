package depparse

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// benchModel loads the shipped model (or $KG_PARSER_MODEL), skipping when
// there is none.
func benchModel(b *testing.B) []byte {
	path := os.Getenv("KG_PARSER_MODEL")
	if path == "" {
		path = filepath.Join("..", "models", "parser.bin.zst")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no parser model: %v", err)
	}
	return data
}

// BenchmarkParse measures parsing speed on EWT dev (gold tags) as the
// analyzer parses, with a beam of DefaultBeam, and reports tokens per
// second of wall time and of CPU time (run with GOMAXPROCS=1).
func BenchmarkParse(b *testing.B) {
	m, err := Read(bytes.NewReader(benchModel(b)))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, m.Beam(DefaultBeam))
}

// BenchmarkParseGreedy is BenchmarkParse without the beam.
func BenchmarkParseGreedy(b *testing.B) {
	m, err := Read(bytes.NewReader(benchModel(b)))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, m)
}

func benchParse(b *testing.B, m Parser) {
	dev := loadTreebank(b, "ud-ewt/en_ewt-ud-dev.conllu", "")
	words := 0
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for i := 0; i < b.N; i++ {
		for _, s := range dev {
			m.Parse(s.Words, s.Tags)
			words += len(s.Words)
		}
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		// Per second of CPU: what one idle core would do.
		b.ReportMetric(float64(words)/cpu, "tokens/cpu-s")
	}
}

// BenchmarkLoad measures reading the model file.
func BenchmarkLoad(b *testing.B) {
	data := benchModel(b)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

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
		path = filepath.Join("..", "models", "parser.bin.gz")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no parser model: %v", err)
	}
	return data
}

// BenchmarkParse measures parsing speed on EWT dev (gold tags) and reports
// tokens per second.
func BenchmarkParse(b *testing.B) {
	m, err := Read(bytes.NewReader(benchModel(b)))
	if err != nil {
		b.Fatal(err)
	}
	dev := loadTreebank(b, "ud-ewt/en_ewt-ud-dev.conllu", "")
	words := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range dev {
			m.Parse(s.Words, s.Tags)
			words += len(s.Words)
		}
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "tokens/s")
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

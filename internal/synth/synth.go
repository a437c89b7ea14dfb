package synth

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Shape of the generated graph, per quad.
const (
	EntitiesPerQuad  = 0.2    // distinct entities ≈ 0.2 n
	Predicates       = 400    // distinct predicates
	LiteralShare     = 5      // one object in LiteralShare is a literal
	FactsPerSentence = 3      // quads per label
	SentencesPerDoc  = 20     // labels per document
	zipfS            = 1.15   // Zipf exponent for entity degrees
	zipfV            = 2.0    // Zipf v parameter
	seedA            = 0x6b67 // fixed seeds: same n, same file
	seedB            = 0x7379
)

// Write writes n quads to w. The same n always gives the same bytes.
func Write(w io.Writer, n int) error {
	r := rand.New(rand.NewPCG(seedA, seedB))
	ents := uint64(max(10, int(float64(n)*EntitiesPerQuad)))
	subj := rand.NewZipf(r, zipfS, zipfV, ents-1)
	obj := rand.NewZipf(r, zipfS, zipfV, ents-1)
	pred := rand.NewZipf(r, 1.3, 1, Predicates-1)
	bw := bufio.NewWriterSize(w, 1<<20)
	for i := 0; i < n; i++ {
		sentence := i / FactsPerSentence
		doc := sentence / SentencesPerDoc
		fmt.Fprintf(bw, "<e%d> <p%d> ", subj.Uint64(), pred.Uint64())
		switch {
		case i%LiteralShare == 0 && i%(2*LiteralShare) == 0:
			fmt.Fprintf(bw, "\"%d-%02d-%02d\"^^<http://www.w3.org/2001/XMLSchema#date>", 1990+r.IntN(35), 1+r.IntN(12), 1+r.IntN(28))
		case i%LiteralShare == 0:
			fmt.Fprintf(bw, "\"quoted text %d\"", r.IntN(n))
		default:
			fmt.Fprintf(bw, "<e%d>", obj.Uint64())
		}
		fmt.Fprintf(bw, " <doc%d#%d> .\n", doc, sentence%SentencesPerDoc)
	}
	return bw.Flush()
}

// File returns the path of a cached file of n quads in dir (the system's
// temporary directory when dir is ""), writing it first if needed.
func File(dir string, n int) (string, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("kg-synth-v1-%d.nq", n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp, err := os.CreateTemp(dir, "kg-synth-*")
	if err != nil {
		return "", err
	}
	if err := Write(tmp, n); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}

// Sample returns every nth quad of an N-Quads file, for benchmarks that
// draw bound values from the data.
func Sample(path string, every int) ([]quad.Quad, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := nquads.NewReader(f, false)
	var out []quad.Quad
	for i := 0; ; i++ {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if i%every == 0 {
			out = append(out, q)
		}
	}
}

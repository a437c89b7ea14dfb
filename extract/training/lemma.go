package training

import (
	"context"
	"io"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/lemma"
	"github.com/kgraph/kg/extract/internal/postag"
)

// Lemmas builds the lemmatiser from EWT train, reports its dev accuracy
// with gold tags and writes lemma.bin.zst.
func Lemmas(ctx context.Context, cfg *Config) error {
	train, err := readTreebank(cfg, EWTTrain)
	if err != nil {
		return err
	}
	dev, err := readTreebank(cfg, EWTDev)
	if err != nil {
		return err
	}
	lex, err := loadLexicon(cfg)
	if err != nil {
		return err
	}
	l := lemma.Train(lemmaData(train), lex)
	cfg.logf("dev (gold tags): lemma %.2f%%\n", 100*lemmaAccuracy(l, dev))
	return writeFile(cfg, "lemma.bin.zst", func(w io.Writer) error { return l.Save(w) })
}

func lemmaData(ss []*conllu.Sentence) []lemma.Example {
	var out []lemma.Example
	for _, s := range ss {
		for i, w := range s.Words {
			next := ""
			if i+1 < len(s.Words) {
				next = postag.Normalize(s.Words[i+1].Form)
			}
			out = append(out, lemma.Example{Form: postag.Normalize(w.Form), XPOS: w.XPOS, Lemma: postag.Normalize(w.Lemma), Next: next})
		}
	}
	return out
}

func lemmaAccuracy(l *lemma.Lemmatizer, ss []*conllu.Sentence) float64 {
	ok, n := 0, 0
	for _, s := range ss {
		for _, w := range s.Words {
			if l.Lemma(postag.Normalize(w.Form), w.XPOS) == postag.Normalize(w.Lemma) {
				ok++
			}
			n++
		}
	}
	return float64(ok) / float64(n)
}

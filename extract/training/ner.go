package training

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kgraph/kg/extract/internal/ner"
	"github.com/kgraph/kg/extract/internal/postag"
)

// NER trains the named-entity tagger on the UNER train draft (with tags
// from the trained POS tagger), reports its UNER dev score and writes
// ner.bin.zst.
func NER(ctx context.Context, cfg *Config) error {
	lex, err := loadLexicon(cfg)
	if err != nil {
		return err
	}
	tg, err := loadTagger(cfg)
	if err != nil {
		return err
	}
	train, err := readIOB2(cfg, UNERTrain)
	if err != nil {
		return err
	}
	dev, err := readIOB2(cfg, UNERDev)
	if err != nil {
		return err
	}
	m, err := ner.Train(nerData(tg, train), lex, ner.TrainOptions{
		Seed:       cfg.Seed,
		Passes:     2,
		Iterations: cfg.Iterations,
		Progress: func(it int, acc float64) {
			cfg.logf("iteration %d: train accuracy %.2f%%\n", it, 100*acc)
		},
	})
	if err != nil {
		return err
	}
	sc := NERScore(m, tg, dev)
	cfg.logf("dev PER/ORG/LOC exact spans: P %.2f R %.2f F1 %.2f\n", 100*sc.P(), 100*sc.R(), 100*sc.F1())
	return writeFile(cfg, "ner.bin.zst", func(w io.Writer) error { return m.Save(w) })
}

func loadTagger(cfg *Config) (*postag.Tagger, error) {
	f, err := os.Open(filepath.Join(cfg.Out, "tagger.bin.zst"))
	if err != nil {
		return nil, fmt.Errorf("%w (train the tagger first)", err)
	}
	defer f.Close()
	return postag.Load(f)
}

func readIOB2(cfg *Config, rel string) ([]ner.Sentence, error) {
	path := filepath.Join(cfg.Data, rel)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ss, err := ner.ReadIOB2(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if cfg.Limit > 0 && len(ss) > cfg.Limit {
		ss = ss[:cfg.Limit]
	}
	return ss, nil
}

func nerData(tg *postag.Tagger, ss []ner.Sentence) []ner.TrainSentence {
	out := make([]ner.TrainSentence, len(ss))
	for i, s := range ss {
		forms := make([]string, len(s.Forms))
		for j, f := range s.Forms {
			forms[j] = postag.Normalize(f)
		}
		x := make([]string, len(forms))
		u := make([]string, len(forms))
		tg.Tag(forms, x, u)
		out[i] = ner.TrainSentence{Forms: forms, POS: x, Tags: s.Tags}
	}
	return out
}

// NERScore tags ss with tg and m and scores PER, ORG and LOC spans.
func NERScore(m *ner.Tagger, tg *postag.Tagger, ss []ner.Sentence) ner.Score {
	var sc ner.Score
	for _, d := range nerData(tg, ss) {
		out := make([]string, len(d.Forms))
		m.Tag(d.Forms, d.POS, out)
		sc.Add(d.Tags, out, "PER", "ORG", "LOC")
	}
	return sc
}

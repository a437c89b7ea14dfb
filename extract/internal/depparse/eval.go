package depparse

import (
	"fmt"
	"strings"
)

// Parser is what Evaluate needs: anything that parses tagged words.
type Parser interface {
	Parse(words, tags []string) (heads []int, rels []string)
}

// Score counts attachment agreement with a gold treebank, over every word,
// punctuation included, as in the CoNLL 2018 shared task.
type Score struct {
	Words     int // words scored
	Head      int // words with the gold head
	Label     int // gold head and gold universal relation (subtype ignored)
	FullLabel int // gold head and gold relation including its subtype
}

// UAS is the unlabelled attachment score in percent.
func (s Score) UAS() float64 { return pct(s.Head, s.Words) }

// LAS is the labelled attachment score in percent as the CoNLL 2018 shared
// task computes it: the relation's language-specific subtype (the part after
// ':') is ignored.
func (s Score) LAS() float64 { return pct(s.Label, s.Words) }

// FullLAS is the labelled attachment score with full relations: nsubj:pass
// must match nsubj:pass.
func (s Score) FullLAS() float64 { return pct(s.FullLabel, s.Words) }

// Add returns the sum of two scores.
func (s Score) Add(t Score) Score {
	return Score{s.Words + t.Words, s.Head + t.Head, s.Label + t.Label, s.FullLabel + t.FullLabel}
}

func (s Score) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (full relations %.2f) over %d words", s.UAS(), s.LAS(), s.FullLAS(), s.Words)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func universal(rel string) string {
	r, _, _ := strings.Cut(rel, ":")
	return r
}

// Evaluate parses every sentence with p, using the sentence's own tags,
// and scores the result against its heads and relations.
func Evaluate(p Parser, gold []Sentence) Score {
	var sc Score
	for _, s := range gold {
		heads, rels := p.Parse(s.Words, s.Tags)
		sc = sc.Add(Compare(s.Heads, s.Rels, heads, rels))
	}
	return sc
}

// Compare scores one predicted tree against the gold one. Words beyond the
// shorter of the two count as wrong.
func Compare(goldHeads []int, goldRels []string, heads []int, rels []string) Score {
	sc := Score{Words: len(goldHeads)}
	for i, h := range goldHeads {
		if i >= len(heads) || heads[i] != h {
			continue
		}
		sc.Head++
		if i >= len(rels) || i >= len(goldRels) {
			continue
		}
		if universal(rels[i]) == universal(goldRels[i]) {
			sc.Label++
		}
		if rels[i] == goldRels[i] {
			sc.FullLabel++
		}
	}
	return sc
}

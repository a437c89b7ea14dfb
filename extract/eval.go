package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/ner"
	"github.com/kgraph/kg/extract/internal/postag"
)

// UDScore counts correct annotations against a gold treebank, on its gold
// tokens (syntactic words). Lemmas are compared exactly, after
// straightening curly quotes on both sides; a word whose gold lemma is "_"
// (EWT leaves the parts of a word split by goeswith unlemmatised) counts
// as correct whatever the lemma, as in the CoNLL 2018 shared task's
// evaluation script, conll18_ud_eval.py. UAS and LAS count every word,
// punctuation included; LAS compares full relations with subtypes.
type UDScore struct {
	Sentences, Words  int
	XPOS, UPOS, Lemma int // correct counts
	// LemmaGoldTags counts correct lemmas when the lemmatiser is given the
	// gold XPOS instead of the predicted one, for information.
	LemmaGoldTags int
	UAS, LAS      int // correct counts; 0 when not Parsed
	Parsed        bool
}

// Pct returns 100·correct/Words.
func (s UDScore) Pct(correct int) float64 {
	if s.Words == 0 {
		return 0
	}
	return 100 * float64(correct) / float64(s.Words)
}

func (s UDScore) String() string {
	out := fmt.Sprintf("sentences %d words %d XPOS %.2f UPOS %.2f lemma %.2f (with gold tags %.2f)", s.Sentences, s.Words,
		s.Pct(s.XPOS), s.Pct(s.UPOS), s.Pct(s.Lemma), s.Pct(s.LemmaGoldTags))
	if s.Parsed {
		out += fmt.Sprintf(" UAS %.2f LAS %.2f", s.Pct(s.UAS), s.Pct(s.LAS))
	} else {
		out += " UAS - LAS - (no parser)"
	}
	return out
}

// EvalUD analyses every sentence of a CoNLL-U treebank from its gold
// tokens and scores tags, lemmas and (with a parser) heads and relations.
// If keep is not nil, only documents whose "newdoc id" it accepts are
// scored (for example the news genre of GUM).
func (a *Analyzer) EvalUD(r io.Reader, keep func(docID string) bool) (UDScore, error) {
	var sc UDScore
	sc.Parsed = a.parser != nil
	cr := conllu.NewReader(r)
	doc := ""
	for {
		cs, err := cr.Read()
		if err == io.EOF {
			return sc, nil
		}
		if err != nil {
			return sc, fmt.Errorf("extract: eval ud: %w", err)
		}
		if d, ok := cs.Comment("newdoc id"); ok {
			doc = d
		}
		if keep != nil && !keep(doc) {
			continue
		}
		words := make([]string, len(cs.Words))
		for i, w := range cs.Words {
			words[i] = w.Form
		}
		s, err := a.AnalyzeTokens(words)
		if err != nil {
			return sc, fmt.Errorf("extract: eval ud: line %d: %w", cs.Line, err)
		}
		sc.Sentences++
		for i, w := range cs.Words {
			t := s.Tokens[i]
			sc.Words++
			if t.XPOS == w.XPOS {
				sc.XPOS++
			}
			if t.UPOS == w.UPOS {
				sc.UPOS++
			}
			gl := postag.Normalize(w.Lemma)
			if t.Lemma == gl || gl == "_" {
				sc.Lemma++
			}
			if gl == "_" || a.lemmas.Lemma(t.Form, w.XPOS) == gl {
				sc.LemmaGoldTags++
			}
			if sc.Parsed && t.Head == w.Head {
				sc.UAS++
				if t.DepRel == w.DepRel {
					sc.LAS++
				}
			}
		}
	}
}

// NERScore is an exact span-and-type score for PER, ORG and LOC.
type NERScore struct {
	Sentences                int
	Gold, Predicted, Correct int
	ByType                   map[string]*NERCounts // "PER", "ORG", "LOC"
}

// NERCounts are the counts of one entity type.
type NERCounts struct{ Gold, Predicted, Correct int }

func prf(correct, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = 100 * float64(correct) / float64(pred)
	}
	if gold > 0 {
		r = 100 * float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// PRF returns precision, recall and F1 in percent.
func (s NERScore) PRF() (p, r, f float64) { return prf(s.Correct, s.Predicted, s.Gold) }

// PRF returns precision, recall and F1 in percent.
func (c NERCounts) PRF() (p, r, f float64) { return prf(c.Correct, c.Predicted, c.Gold) }

func (s NERScore) String() string {
	p, r, f := s.PRF()
	var b strings.Builder
	fmt.Fprintf(&b, "sentences %d gold %d predicted %d correct %d P %.2f R %.2f F1 %.2f", s.Sentences,
		s.Gold, s.Predicted, s.Correct, p, r, f)
	for _, t := range []string{"PER", "ORG", "LOC"} {
		if c := s.ByType[t]; c != nil {
			p, r, f := c.PRF()
			fmt.Fprintf(&b, "\n  %s gold %d P %.2f R %.2f F1 %.2f", t, c.Gold, p, r, f)
		}
	}
	return b.String()
}

// EvalNER analyses every sentence of a Universal NER IOB2 file from its
// tokens and scores exact PER, ORG and LOC spans (DATE and NUMBER, which
// the file does not annotate, are left out).
func (a *Analyzer) EvalNER(r io.Reader) (NERScore, error) {
	ss, err := ner.ReadIOB2(r)
	if err != nil {
		return NERScore{}, fmt.Errorf("extract: eval ner: %w", err)
	}
	sc := NERScore{ByType: map[string]*NERCounts{}}
	types := []string{"PER", "ORG", "LOC"}
	for _, t := range types {
		sc.ByType[t] = &NERCounts{}
	}
	for i, g := range ss {
		s, err := a.AnalyzeTokens(g.Forms)
		if err != nil {
			return sc, fmt.Errorf("extract: eval ner: sentence %d (%s): %w", i+1, g.ID, err)
		}
		pred := make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			pred[j] = t.NER
		}
		sc.Sentences++
		for _, t := range types {
			var one ner.Score
			one.Add(g.Tags, pred, t)
			c := sc.ByType[t]
			c.Gold += one.Gold
			c.Predicted += one.Predicted
			c.Correct += one.Correct
			sc.Gold += one.Gold
			sc.Predicted += one.Predicted
			sc.Correct += one.Correct
		}
	}
	return sc, nil
}

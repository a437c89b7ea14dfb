package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one sentence of an IOB2 file.
type Sentence struct {
	ID    string   // sent_id comment
	Forms []string // tokens
	Tags  []string // BIO tags, "O" outside entities
}

// ReadIOB2 reads Universal NER's IOB2 format: comment lines, then one
// token a line with tab-separated ID, FORM and TAG (further columns are
// ignored), and a blank line after each sentence. Tags other than
// B-/I- PER, ORG and LOC (the draft's OTH and B-O) are read as O.
func ReadIOB2(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var out []Sentence
	var cur Sentence
	line := 0
	flush := func() {
		if len(cur.Forms) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		t := sc.Text()
		switch {
		case strings.TrimSpace(t) == "":
			flush()
		case strings.HasPrefix(t, "#"):
			if k, v, ok := strings.Cut(strings.TrimPrefix(t, "#"), "="); ok && strings.TrimSpace(k) == "sent_id" {
				cur.ID = strings.TrimSpace(v)
			}
		default:
			f := strings.Split(t, "\t")
			if len(f) < 3 || f[1] == "" {
				return out, fmt.Errorf("ner: iob2: line %d: want at least 3 tab-separated columns", line)
			}
			cur.Forms = append(cur.Forms, f[1])
			cur.Tags = append(cur.Tags, cleanTag(f[2]))
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("ner: iob2: line %d: %w", line, err)
	}
	flush()
	return out, nil
}

func cleanTag(t string) string {
	switch t {
	case "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC":
		return t
	}
	return "O"
}

// Span is an entity: tokens [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entity spans of a BIO tag sequence. An I- tag that
// does not continue an entity of its type starts a new one (the usual
// conlleval reading).
func Spans(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, Span{i, j, typ})
		i = j - 1
	}
	return out
}

// Score counts exact span-and-type matches.
type Score struct {
	Gold, Predicted, Correct int
}

// Add scores one sentence.
func (s *Score) Add(gold, pred []string, types ...string) {
	keep := func(sp Span) bool {
		if len(types) == 0 {
			return true
		}
		for _, t := range types {
			if sp.Type == t {
				return true
			}
		}
		return false
	}
	g := map[Span]bool{}
	for _, sp := range Spans(gold) {
		if keep(sp) {
			g[sp] = true
			s.Gold++
		}
	}
	for _, sp := range Spans(pred) {
		if keep(sp) {
			s.Predicted++
			if g[sp] {
				s.Correct++
			}
		}
	}
}

// P returns precision.
func (s Score) P() float64 { return ratio(s.Correct, s.Predicted) }

// R returns recall.
func (s Score) R() float64 { return ratio(s.Correct, s.Gold) }

// F1 returns the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

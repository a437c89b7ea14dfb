package seeds

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kg/extract"
)

// Row is one expected fact.
type Row struct {
	Line                  int
	Doc                   string
	Subject, Pred, Object []string // alternatives
	Kind                  string
}

// Read reads facts.tsv.
func Read(r io.Reader) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("seeds: facts.tsv line %d: %d fields, want 5", n, len(f))
		}
		rows = append(rows, Row{Line: n, Doc: f[0], Subject: strings.Split(f[1], "|"), Pred: strings.Split(f[2], "|"),
			Object: strings.Split(f[3], "|"), Kind: f[4]})
	}
	return rows, sc.Err()
}

func (r Row) String() string {
	return fmt.Sprintf("%s – %s – %s (%s, line %d)", strings.Join(r.Subject, "|"), strings.Join(r.Pred, "|"), strings.Join(r.Object, "|"), r.Kind, r.Line)
}

// singular lemmatises a plural word by spelling.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// norm splits a phrase into lower-case singular words without
// punctuation and possessive endings.
func norm(s string) []string {
	s = strings.ToLower(strings.NewReplacer("_", " ", "’", "'", "'s", "", "“", "", "”", "", "\"", "").Replace(s))
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:!?()[]'")
		if w == "" {
			continue
		}
		out = append(out, singular(w))
	}
	return out
}

func head(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

// phraseMatch: the head words are equal, or every word of the expected
// phrase is in the candidate.
func phraseMatch(want string, cands []string) bool {
	w := norm(want)
	if len(w) == 0 {
		return false
	}
	for _, c := range cands {
		cw := norm(c)
		if len(cw) == 0 {
			continue
		}
		if head(cw) == head(w) {
			return true
		}
		set := map[string]bool{}
		for _, x := range cw {
			set[x] = true
		}
		all := true
		for _, x := range w {
			if !set[x] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func anyPhrase(alts []string, cands []string) bool {
	for _, a := range alts {
		if phraseMatch(a, cands) {
			return true
		}
	}
	return false
}

// predForms returns the normalised forms of one of our predicates: the
// active lemma with its particles ("detain_by" for detained_by), and
// whether it is an agentive passive.
func predForm(p string) string {
	switch p {
	case extract.PredIs, extract.PredTitle:
		return "be"
	}
	if a, ok := extract.ActiveOf(p); ok {
		suffix := p[strings.LastIndexByte(p, '_'):]
		return a + suffix
	}
	return p
}

func predMatch(want, ours string, lex *extract.Lexicon, synonym bool) bool {
	w := strings.ReplaceAll(strings.TrimSpace(strings.ToLower(want)), " ", "_")
	if w == "be_elected" {
		w = "elect_by"
	}
	if w == ours || strings.HasPrefix(ours, w+"_") {
		return true
	}
	if !synonym {
		return false
	}
	wv, wsuf := splitBy(w)
	ov, osuf := splitBy(ours)
	return wsuf == osuf && lex.Class(wv) == lex.Class(ov)
}

func splitBy(p string) (string, string) {
	if strings.HasSuffix(p, "_by") {
		return strings.TrimSuffix(p, "_by"), "_by"
	}
	return p, ""
}

// Candidate is one of our facts in the form the matcher compares.
type Candidate struct {
	Subject, Object []string // canonical name, display name, surface
	Pred            string   // predForm of the predicate
	Negated         bool
	Fact            *extract.Fact
}

// Candidates prepares the facts of one document for matching: values
// are compared by canonical name, display name and surface text.
func Candidates(res extract.Result) []Candidate {
	names := map[string][]string{}
	for _, f := range res.Facts {
		p, _ := extract.ValueString(f.Predicate)
		if p == extract.PredName || p == extract.PredAlias {
			s, _ := extract.ValueString(f.Subject)
			o, _ := extract.ValueString(f.Object)
			names[s] = append(names[s], o)
		}
	}
	var out []Candidate
	for i := range res.Facts {
		f := &res.Facts[i]
		if f.Kind == extract.KindEntity {
			continue
		}
		s, _ := extract.ValueString(f.Subject)
		o, _ := extract.ValueString(f.Object)
		p, _ := extract.ValueString(f.Predicate)
		c := Candidate{Pred: predForm(p), Negated: f.Negated, Fact: f}
		c.Subject = append([]string{s, f.Surface[0]}, names[s]...)
		c.Object = append([]string{o, f.Surface[2]}, names[o]...)
		out = append(out, c)
	}
	return out
}

// Match reports whether a row is found among the candidates, and by which.
func Match(r Row, cands []Candidate, lex *extract.Lexicon) (*Candidate, bool) {
	syn := r.Kind == "synonym"
	for i := range cands {
		c := &cands[i]
		if r.Kind == "negated" && !c.Negated {
			continue
		}
		for _, wp := range r.Pred {
			if predMatch(wp, c.Pred, lex, syn) && anyPhrase(r.Subject, c.Subject) && anyPhrase(r.Object, c.Object) {
				return c, true
			}
			// LEMMA_by is also the active fact, subject and object swapped
			if strings.HasSuffix(strings.TrimSpace(wp), "_by") {
				act := strings.TrimSuffix(strings.TrimSpace(wp), "_by")
				if predMatch(act, c.Pred, lex, syn) && !strings.HasSuffix(c.Pred, "_by") &&
					anyPhrase(r.Subject, c.Object) && anyPhrase(r.Object, c.Subject) {
					return c, true
				}
			}
		}
	}
	return nil, false
}

package extract

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/internal/verbs"
)

// Lexicon groups verb lemmas into action classes of synonyms (confine,
// detain, arrest, capture ... are the class "detain"). Predicates are
// compared through it: two facts whose verbs share a class state the same
// action. A Lexicon is read-only and safe for concurrent use.
type Lexicon struct {
	class   map[string]string   // lemma → class
	members map[string][]string // class → sorted lemmas
}

// DefaultLexicon returns the embedded verb lexicon (internal/verbs/verbs.tsv).
var DefaultLexicon = sync.OnceValue(func() *Lexicon {
	l, err := ReadLexicon(strings.NewReader(verbs.TSV))
	if err != nil {
		panic("extract: embedded verb lexicon: " + err.Error()) // a build defect, caught by tests
	}
	return l
})

// ReadLexicon reads a lexicon in the verbs.tsv format: one class a line,
// "class TAB lemma,lemma,...", with "#" comments and blank lines ignored.
// A lemma listed twice keeps its first class.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	l := &Lexicon{class: map[string]string{}, members: map[string][]string{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		cls, list, ok := strings.Cut(s, "\t")
		cls = strings.TrimSpace(cls)
		if !ok || cls == "" {
			return nil, fmt.Errorf("extract: lexicon line %d: want \"class<TAB>members\"", line)
		}
		for _, m := range append([]string{cls}, strings.Split(list, ",")...) {
			m = strings.TrimSpace(m)
			if m == "" {
				continue
			}
			if _, dup := l.class[m]; dup {
				continue
			}
			l.class[m] = cls
			l.members[cls] = append(l.members[cls], m)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("extract: lexicon: %w", err)
	}
	for _, ms := range l.members {
		sort.Strings(ms)
	}
	return l, nil
}

// Class returns the action class of a verb lemma or predicate (passive
// predicates are mapped to their active lemma first: "detained_by" →
// "detain"). A lemma in no class is its own class.
func (l *Lexicon) Class(lemma string) string {
	if a, ok := ActiveOf(lemma); ok {
		lemma = a
	}
	if c, ok := l.class[lemma]; ok {
		return c
	}
	// A phrasal or prepositional predicate falls back to its verb.
	if v, _, ok := strings.Cut(lemma, "_"); ok {
		if c, ok := l.class[v]; ok {
			return c
		}
	}
	return lemma
}

// Members returns the lemmas of a class, sorted; a lemma in no class is
// the only member of its own.
func (l *Lexicon) Members(class string) []string {
	if ms, ok := l.members[class]; ok {
		return append([]string(nil), ms...)
	}
	return []string{class}
}

// Synonyms returns the members of lemma's class.
func (l *Lexicon) Synonyms(lemma string) []string { return l.Members(l.Class(lemma)) }

// Same reports whether two predicates name the same action in the same
// voice: both active, or both passive, with verbs of one class.
func (l *Lexicon) Same(p, q string) bool {
	_, pp := ActiveOf(p)
	_, qp := ActiveOf(q)
	return pp == qp && l.Class(p) == l.Class(q)
}

// PredicateForm is one stored predicate that a query predicate stands for.
// Inverse means the stored fact has subject and object swapped
// (a query "X detained_by Y" finds the stored "Y confine X").
type PredicateForm struct {
	Predicate string
	Inverse   bool
}

// Expand returns the predicates that state what pred states: the members
// of its action class in the same voice, and in the other voice with
// subject and object swapped. For "detained_by": detained_by, confined_by,
// held_by, ... and detain, confine, hold, ... (inverse). Predicates without
// a voice (is, has_title) and unknown verbs expand to themselves and their
// inverse. pred itself is first.
func (l *Lexicon) Expand(pred string) []PredicateForm {
	out := []PredicateForm{{Predicate: pred}}
	seen := map[PredicateForm]bool{out[0]: true}
	addf := func(p string, inv bool) {
		f := PredicateForm{p, inv}
		if p != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	switch pred {
	case PredIs, PredTitle, PredType, PredName, PredAlias:
		return out
	}
	passive := false
	if a, ok := ActiveOf(pred); ok {
		if !strings.HasSuffix(pred, "_by") {
			return out // a prepositional passive (jailed_in) has no agent to swap
		}
		passive = true
		_ = a
	}
	for _, m := range l.Members(l.Class(pred)) {
		if passive {
			addf(PassiveOf(m), false)
			addf(m, true)
		} else {
			addf(m, false)
			addf(PassiveOf(m), true)
		}
	}
	return out
}

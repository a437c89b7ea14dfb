package kg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kgraph/kg/extract"
)

// ErrQuestion is returned (in a *QuestionError) for a question kg cannot
// parse.
var ErrQuestion = errors.New("question not understood")

// QuestionError says why a question could not be parsed.
type QuestionError struct {
	Question string
	Reason   string
}

func (e *QuestionError) Error() string {
	return fmt.Sprintf("cannot answer %q: %s; ask e.g. \"Who detained Bazoum?\", \"What did the African Union condemn?\", \"When was Bazoum elected?\", \"Who is Abdramane?\", \"What happened to Bazoum?\"", e.Question, e.Reason)
}

func (e *QuestionError) Unwrap() error { return ErrQuestion }

// Want is what a question asks for.
type Want int

const (
	WantAgent    Want = iota // who did it: "Who detained Bazoum?"
	WantPatient              // to whom / what: "What did the AU condemn?", "Who was detained?"
	WantTime                 // "When was Bazoum elected?"
	WantPlace                // "Where was Bazoum held?"
	WantIdentity             // "Who is Abdramane?"
	WantEvents               // "What happened to Bazoum?"
)

// Question is a parsed question: a pattern with one unknown.
type Question struct {
	Text  string
	Want  Want
	Verb  string // verb lemma, with a particle or preposition: "detain", "call_on"
	Agent string // the doer, when given: "African Union"
	Theme string // the one done to, when given: "Bazoum"
}

var whWords = map[string]bool{"who": true, "whom": true, "what": true, "which": true, "when": true, "where": true}

// parseQuestion reads a who/what/when/where question from its analysis.
func parseQuestion(text string, sents []extract.Sentence) (Question, error) {
	q := Question{Text: text}
	fail := func(reason string) (Question, error) {
		return Question{}, &QuestionError{Question: text, Reason: reason}
	}
	var toks []extract.Token
	for _, s := range sents {
		toks = append(toks, s.Tokens...)
	}
	for len(toks) > 0 && toks[len(toks)-1].UPOS == "PUNCT" {
		toks = toks[:len(toks)-1]
	}
	if len(toks) < 2 {
		return fail("it is too short")
	}
	wh := strings.ToLower(toks[0].Text)
	if !whWords[wh] {
		return fail("it does not start with who, what, when or where")
	}
	rest := toks[1:]
	lower := func(i int) string { return strings.ToLower(rest[i].Text) }
	lemma := func(i int) string { return strings.ToLower(rest[i].Lemma) }
	isVerb := func(i int) bool { return strings.HasPrefix(rest[i].XPOS, "VB") }
	phrase := func(ts []extract.Token) string {
		var words []string
		for i, t := range ts {
			w := t.Text
			if i == 0 && (strings.EqualFold(w, "the") || strings.EqualFold(w, "a") || strings.EqualFold(w, "an")) {
				continue
			}
			words = append(words, w)
		}
		return strings.Join(words, " ")
	}
	// verbAt returns the verb lemma at i, joined with a particle or
	// preposition that follows it (call on → call_on), and the index
	// after them.
	verbAt := func(i int) (string, int) {
		v := lemma(i)
		j := i + 1
		if j < len(rest) && (rest[j].XPOS == "RP" || rest[j].XPOS == "IN") && !strings.EqualFold(rest[j].Text, "by") {
			v += "_" + strings.ToLower(rest[j].Text)
			j++
		}
		return v, j
	}
	// "What happened to X?"
	if wh == "what" && lemma(0) == "happen" {
		j := 1
		if j < len(rest) && (lower(j) == "to" || lower(j) == "with") {
			j++
		}
		if j >= len(rest) {
			return fail("it does not say to whom")
		}
		q.Want, q.Theme = WantEvents, phrase(rest[j:])
		return q, nil
	}
	aux := lemma(0)
	switch {
	case aux == "be" && (wh == "who" || wh == "what") && !hasParticiple(rest[1:]):
		// "Who is Abdramane?"
		if len(rest) < 2 {
			return fail("it does not say who")
		}
		q.Want, q.Theme = WantIdentity, phrase(rest[1:])
		return q, nil
	case aux == "be" || aux == "have" && len(rest) > 1 && lemma(1) == "be":
		// Passive: "When was Bazoum elected?", "Who was detained by the
		// army?", "Who was Bazoum detained by?"
		start := 1
		if aux == "have" {
			start = 2
		}
		p := -1
		for i := start; i < len(rest); i++ {
			if rest[i].XPOS == "VBN" || rest[i].XPOS == "VBD" && i == len(rest)-1 {
				p = i
			}
		}
		if p < 0 {
			return fail("it has no verb")
		}
		q.Verb, _ = verbAt(p)
		q.Theme = phrase(rest[start:p])
		by := -1
		for i := p + 1; i < len(rest); i++ {
			if lower(i) == "by" {
				by = i
			}
		}
		if by >= 0 && by+1 < len(rest) {
			q.Agent = phrase(rest[by+1:])
		}
		switch wh {
		case "when":
			q.Want = WantTime
		case "where":
			q.Want = WantPlace
		default:
			if q.Theme == "" {
				q.Want = WantPatient // "Who was detained?"
			} else {
				q.Want = WantAgent // "Who was Bazoum detained by?"
			}
		}
		if q.Theme == "" && q.Want != WantPatient {
			return fail("it does not say who or what")
		}
		return q, nil
	case aux == "do" || aux == "have" || aux == "will" || rest[0].XPOS == "MD":
		// "What did the African Union condemn?", "Where did the guards
		// hold Bazoum?"
		v := -1
		for i := len(rest) - 1; i >= 1; i-- {
			if isVerb(i) && (rest[i].XPOS == "VB" || rest[i].XPOS == "VBN") {
				v = i
				break
			}
		}
		if v < 0 {
			return fail("it has no verb")
		}
		var after int
		q.Verb, after = verbAt(v)
		q.Agent = phrase(rest[1:v])
		if after < len(rest) {
			q.Theme = phrase(rest[after:])
		}
		switch wh {
		case "when":
			q.Want = WantTime
		case "where":
			q.Want = WantPlace
		default:
			q.Want = WantPatient
		}
		if q.Agent == "" {
			return fail("it does not say who did it")
		}
		return q, nil
	case isVerb(0) && (wh == "who" || wh == "what" || wh == "which"):
		// "Who detained Bazoum?", "Who called on ECOWAS?"
		var after int
		q.Verb, after = verbAt(0)
		if after < len(rest) {
			q.Theme = phrase(rest[after:])
		}
		q.Want = WantAgent
		return q, nil
	}
	return fail("kg does not know this kind of question")
}

func hasParticiple(ts []extract.Token) bool {
	for _, t := range ts {
		if t.XPOS == "VBN" {
			return true
		}
	}
	return false
}

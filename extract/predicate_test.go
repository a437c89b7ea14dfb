package extract

import (
	"io"
	"testing"
)

func TestPassiveOfActiveOf(t *testing.T) {
	for _, c := range []struct{ lemma, passive string }{
		{"detain", "detained_by"}, {"confine", "confined_by"}, {"arrest", "arrested_by"},
		{"take", "taken_by"}, {"hold", "held_by"}, {"shut_down", "shut_down_by"},
		{"stop", "stopped_by"}, {"deny", "denied_by"}, {"admit", "admitted_by"}, {"kill", "killed_by"},
		{"oust", "ousted_by"}, {"overthrow", "overthrown_by"}, {"free", "freed_by"}, {"panic", "panicked_by"},
		{"elect", "elected_by"}, {"disperse", "dispersed_by"}, {"jail", "jailed_by"}, {"use", "used_by"},
		{"open", "opened_by"}, {"visit", "visited_by"}, {"ban", "banned_by"}, {"seize", "seized_by"},
	} {
		if got := PassiveOf(c.lemma); got != c.passive {
			t.Errorf("PassiveOf(%q) = %q, want %q", c.lemma, got, c.passive)
		}
		if got, ok := ActiveOf(c.passive); !ok || got != c.lemma {
			t.Errorf("ActiveOf(%q) = %q, %v, want %q", c.passive, got, ok, c.lemma)
		}
	}
	for _, c := range []struct{ pred, lemma string }{{"jailed_in", "jail"}, {"taken_into", "take"}, {"killed_in", "kill"}} {
		if got, ok := ActiveOf(c.pred); !ok || got != c.lemma {
			t.Errorf("ActiveOf(%q) = %q, %v, want %q", c.pred, got, ok, c.lemma)
		}
	}
	for _, p := range []string{"detain", "search_for", "shut_down", "call_on", "is", "has_title", "step_down_after", "put_in"} {
		if a, ok := ActiveOf(p); ok {
			t.Errorf("ActiveOf(%q) = %q, true; it is not a passive", p, a)
		}
	}
}

func TestInverse(t *testing.T) {
	for _, c := range []struct {
		p, inv string
		ok     bool
	}{{"detain", "detained_by", true}, {"detained_by", "detain", true}, {"jailed_in", "", false}, {"is", "", false}} {
		if got, ok := Inverse(c.p); got != c.inv || ok != c.ok {
			t.Errorf("Inverse(%q) = %q, %v", c.p, got, ok)
		}
	}
}

func TestLexicon(t *testing.T) {
	l := DefaultLexicon()
	for _, group := range [][]string{
		{"confine", "detain", "hold", "arrest", "capture", "detained_by", "confined_by", "held_by", "jailed_in"},
		{"kill", "slay", "killed_by"},
		{"condemn", "denounce"},
		{"oust", "topple", "overthrow", "overthrown_by"},
	} {
		c := l.Class(group[0])
		for _, m := range group[1:] {
			if l.Class(m) != c {
				t.Errorf("Class(%q) = %q, want %q like %q", m, l.Class(m), c, group[0])
			}
		}
	}
	if l.Class("condemn") == l.Class("kill") {
		t.Error("condemn and kill share a class")
	}
	if got := l.Class("frobnicate"); got != "frobnicate" {
		t.Errorf("unknown verb class %q", got)
	}
	ms := l.Members(l.Class("confine"))
	found := false
	for _, m := range ms {
		found = found || m == "confine"
	}
	if !found {
		t.Errorf("Members(detain) = %v lacks confine", ms)
	}
	if !l.Same("detained_by", "confined_by") || l.Same("detain", "detained_by") {
		t.Error("Same ignores voice or class")
	}
	if _, err := ReadLexicon(stringsReader("bad line without tab\n")); err == nil {
		t.Error("malformed lexicon accepted")
	}
}

func stringsReader(s string) *stringReader { return &stringReader{s: s} }

type stringReader struct{ s string }

func (r *stringReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

func TestExpand(t *testing.T) {
	l := DefaultLexicon()
	has := func(fs []PredicateForm, p string, inv bool) bool {
		for _, f := range fs {
			if f.Predicate == p && f.Inverse == inv {
				return true
			}
		}
		return false
	}
	e := l.Expand("detained_by")
	for _, w := range []PredicateForm{{"detained_by", false}, {"confined_by", false}, {"confine", true}, {"detain", true}, {"arrest", true}} {
		if !has(e, w.Predicate, w.Inverse) {
			t.Errorf("Expand(detained_by) lacks %v: %v", w, e)
		}
	}
	if has(e, "kill", true) || has(e, "confine", false) {
		t.Errorf("Expand(detained_by) has a wrong form: %v", e)
	}
	e = l.Expand("condemn")
	if !has(e, "denounce", false) || !has(e, "condemned_by", true) {
		t.Errorf("Expand(condemn) = %v", e)
	}
	if e := l.Expand("is"); len(e) != 1 {
		t.Errorf("Expand(is) = %v", e)
	}
}

func TestClausePredicateAvoidsVocabulary(t *testing.T) {
	for in, want := range map[string]string{"name": "designate", "type": "classify", "alias": "alias_as", "detain": "detain", "named_by": "named_by"} {
		if got := clausePredicate(in); got != want {
			t.Errorf("clausePredicate(%q) = %q, want %q", in, got, want)
		}
	}
}

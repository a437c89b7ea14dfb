package lemma

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

// caseTrained returns a lemmatiser whose case model learnt, from
// sentences where the tagger (wrongly) called "Housing" and "Gulf" common
// nouns inside a name, that a title-case word between two capitalised
// words keeps its capital, and, from sentences where it called a
// capitalised sentence start a proper noun, that the start of a sentence
// does not; after a round trip through Save and Load.
func caseTrained(t *testing.T) *Lemmatizer {
	t.Helper()
	lex := lexicon.New()
	split := func(s string) []string { return strings.Fields(s) }
	var data []CaseExample
	var words []Example
	add := func(forms, tags, lemmas string) {
		e := CaseExample{Forms: split(forms), XPOS: split(tags), Lemmas: split(lemmas)}
		data = append(data, e)
		for i := range e.Forms {
			words = append(words, Example{Form: e.Forms[i], XPOS: e.XPOS[i], Lemma: e.Lemmas[i]})
		}
	}
	for range 5 {
		add("the Department of Housing and Urban Development said", "DT NNP IN NN CC NNP NNP VBD", "the Department of Housing and Urban Development say")
		add("the Gulf Coast Bank opened", "DT NN NNP NNP VBD", "the Gulf Coast Bank open")
		add("Housing is scarce", "NNP VBZ JJ", "housing be scarce")
		add("Pizza was cold", "NNP VBD JJ", "pizza be cold")
		add("we like housing and pizza", "PRP VBP NN CC NN", "we like housing and pizza")
	}
	l := Train(words, lex)
	l.TrainCase(data)
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := Load(&buf, lex)
	if err != nil {
		t.Fatal(err)
	}
	if l.cased == nil {
		t.Fatal("case model lost in Save and Load")
	}
	return l
}

func TestCaseModel(t *testing.T) {
	l := caseTrained(t)
	for _, c := range []struct{ forms, tags, want string }{
		// tagged NN inside a name: the case model keeps the capital
		{"the Ministry of Housing and Urban Planning said", "DT NNP IN NN CC NNP NNP VBD", "the Ministry of Housing and Urban Planning say"},
		{"the Gulf Coast Hotel opened", "DT NN NNP NNP VBD", "the Gulf Coast Hotel open"},
		{"the Ministry of Transport and Urban Planning said", "DT NNP IN NN CC NNP NNP VBD", "the Ministry of Transport and Urban Planning say"},
		// tagged NNP at the start of a sentence: lower case
		{"Pizza is scarce", "NNP VBZ JJ", "pizza be scarce"},
		// lower-case words are left to the tag
		{"we like housing", "PRP VBP NN", "we like housing"},
	} {
		forms, tags := strings.Fields(c.forms), strings.Fields(c.tags)
		got := make([]string, len(forms))
		l.Sentence(forms, tags, got)
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Sentence(%q, %q) = %q, want %q", c.forms, c.tags, g, c.want)
		}
	}
	// without the case model the tag decides
	l.cased = nil
	got := make([]string, 8)
	l.Sentence(strings.Fields("the Ministry of Transport and Urban Planning said"), strings.Fields("DT NNP IN NN CC NNP NNP VBD"), got)
	if got[3] != "transport" {
		t.Errorf("without the case model: lemma of Transport/NN = %q, want %q", got[3], "transport")
	}
}

func TestCaseCandidate(t *testing.T) {
	for _, c := range []struct {
		form, xpos string
		want       bool
	}{
		{"Housing", "NN", true}, {"Housing", "NNP", true}, {"Fair", "JJ", true}, {"Visit", "VB", true},
		{"housing", "NN", false}, {"HOUSING", "NN", false}, {"A", "NN", false},
		{"Me", "PRP", false}, {"The", "DT", false}, {"API.pdf", "NN", false}, {"S100", "NN", false},
	} {
		if got := caseCandidate(c.form, c.xpos); got != c.want {
			t.Errorf("caseCandidate(%q, %q) = %v, want %v", c.form, c.xpos, got, c.want)
		}
	}
}

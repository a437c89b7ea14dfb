package lemma

import (
	"bytes"
	"testing"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

func TestLemma(t *testing.T) {
	lex := lexicon.New()
	lex.Words["go"] = lexicon.Verb | lexicon.Common
	lex.Words["city"] = lexicon.Noun | lexicon.Common
	lex.Words["detain"] = lexicon.Verb | lexicon.Common
	lex.AddException('v', "went", "go")
	lex.Demonyms["chilean"] = "Chile"
	train := []Example{
		{"was", "VBD", "be"}, {"The", "DT", "the"}, {"the", "DT", "the"},
		{"walked", "VBD", "walk"}, {"talked", "VBD", "talk"}, {"Bush", "NNP", "Bush"},
		{"n't", "RB", "not"}, {"parties", "NNS", "party"}, {"ladies", "NNS", "lady"},
		{"al", "NNP", "al"}, {"Al", "NNP", "Al"}, {"Al", "NNP", "Al"},
	}
	l := Train(train, lex)
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := Load(&buf, lex)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ form, xpos, want string }{
		{"was", "VBD", "be"},          // dictionary
		{"The", "DT", "the"},          // dictionary, lower case
		{"went", "VBD", "go"},         // WordNet exception
		{"detained", "VBN", "detain"}, // WordNet morphy
		{"cities", "NNS", "city"},     // WordNet morphy
		{"jumped", "VBD", "jump"},     // learned suffix rule (-ed)
		{"babies", "NNS", "baby"},     // learned suffix rule (-ies)
		{"Bazoum", "NNP", "Bazoum"},   // proper noun keeps its form
		{"ECOWAS", "NNP", "ECOWAS"},   // acronym
		{"glasgow", "NNP", "glasgow"}, // proper noun keeps its case, as in EWT
		{"Chilean", "JJ", "Chilean"},  // demonym keeps its capital
		{"Chilean", "NNP", "Chilean"},
		{"Dreadful", "JJ", "dreadful"}, // other adjectives do not
		{"1,200", "CD", "1200"},        // numbers lose commas
		{"Running", "VBG", "running"},  // unknown, no rule: lower case
	}
	for _, tt := range tests {
		if got := l.Lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
}

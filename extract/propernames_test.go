package extract

import (
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

func TestTagNames(t *testing.T) {
	lex := lexicon.New()
	for _, n := range []string{"European Union", "Gulf of Mexico", "Gulf States", "Union", "Bank of England", "Bank of England Museum"} {
		lex.AddName(n, lexicon.ORG)
	}
	x := newNameIndex(lex)
	tests := []struct {
		name       string
		forms      string
		xpos, upos string // before
		want       string // XPOS/UPOS after, space-separated
	}{
		{"common noun in a name", "the European Union met",
			"DT JJ NN VBD", "DET ADJ NOUN VERB", "DT/DET NNP/ADJ NNP/PROPN VBD/VERB"},
		{"link word kept", "across the Gulf of Mexico .",
			"IN DT NN IN NNP .", "ADP DET NOUN ADP PROPN PUNCT", "IN/ADP DT/DET NNP/PROPN IN/ADP NNP/PROPN ./PUNCT"},
		{"plural", "the Gulf States agreed",
			"DT NNP NNS VBD", "DET PROPN NOUN VERB", "DT/DET NNP/PROPN NNPS/PROPN VBD/VERB"},
		{"longest name", "the Bank of England Museum opened",
			"DT NN IN NNP NN VBD", "DET NOUN ADP PROPN NOUN VERB", "DT/DET NNP/PROPN IN/ADP NNP/PROPN NNP/PROPN VBD/VERB"},
		{"lower case is no name", "the european union met",
			"DT JJ NN VBD", "DET ADJ NOUN VERB", "DT/DET JJ/ADJ NN/NOUN VBD/VERB"},
		{"single words are left to the tagger", "the Union met",
			"DT NN VBD", "DET NOUN VERB", "DT/DET NN/NOUN VBD/VERB"},
		{"name cut short", "the Gulf of mexico",
			"DT NN IN NN", "DET NOUN ADP NOUN", "DT/DET NN/NOUN IN/ADP NN/NOUN"},
		{"name at the end", "near the Gulf of",
			"IN DT NN IN", "ADP DET NOUN ADP", "IN/ADP DT/DET NN/NOUN IN/ADP"},
	}
	for _, tt := range tests {
		forms := strings.Fields(tt.forms)
		xpos, upos := strings.Fields(tt.xpos), strings.Fields(tt.upos)
		x.tagNames(forms, xpos, upos)
		var got []string
		for i := range forms {
			got = append(got, xpos[i]+"/"+upos[i])
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %q tagged %s, want %s", tt.name, tt.forms, g, tt.want)
		}
	}
	var none *nameIndex // no lexicon: nothing changes
	xp, up := []string{"NN"}, []string{"NOUN"}
	none.tagNames([]string{"Union"}, xp, up)
	if xp[0] != "NN" || up[0] != "NOUN" {
		t.Errorf("nil index changed tags: %s/%s", xp[0], up[0])
	}
}

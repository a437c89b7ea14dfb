package extract

import (
	"strings"
	"testing"
)

// evalTreebank is a two-sentence treebank whose gold annotation the
// embedded models get right except where the test says otherwise.
const evalTreebank = `# newdoc id = a
# sent_id = 1
1	The	the	DET	DT	_	2	det	_	_
2	soldiers	soldier	NOUN	NNS	_	3	nsubj	_	_
3	left	leave	VERB	VBD	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

# newdoc id = b
# sent_id = 2
1	They	they	PRON	PRP	_	2	nsubj	_	_
2	left	LEMMA	VERB	VBD	_	0	root	_	_
3	.	_	PUNCT	.	_	2	punct	_	_

`

func TestEvalUDLemmas(t *testing.T) {
	a := analyzer(t)
	tests := []struct {
		name  string
		keep  func(string) bool
		words int
		lemma int
	}{
		// "LEMMA" is wrong whatever the analyser says; "_" is right
		// whatever it says, as in conll18_ud_eval.py
		{"all", nil, 7, 6},
		{"first document", func(d string) bool { return d == "a" }, 4, 4},
		{"second document", func(d string) bool { return d == "b" }, 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := a.EvalUD(strings.NewReader(evalTreebank), tt.keep)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Words != tt.words || sc.Lemma != tt.lemma || sc.LemmaGoldTags != tt.lemma {
				t.Errorf("words %d lemma %d (gold tags %d), want %d, %d, %d", sc.Words, sc.Lemma, sc.LemmaGoldTags, tt.words, tt.lemma, tt.lemma)
			}
			if sc.XPOS != tt.words {
				t.Errorf("XPOS correct %d of %d; the test expects the tagger to get these easy words right", sc.XPOS, sc.Words)
			}
		})
	}
}

package depparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shipped loads the model file committed in ../models (or
// $KG_PARSER_MODEL), skipping the test when it has not been trained yet.
func shipped(t testing.TB) *Model {
	t.Helper()
	path := os.Getenv("KG_PARSER_MODEL")
	if path == "" {
		path = filepath.Join("..", "models", "parser.bin.zst")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no trained parser: %v", err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type arc struct {
	dep, head int // 1-based
	rel       string
}

// TestShippedModel checks the acceptance sentences, with correct
// tags, on the shipped model parsing greedily. (With these gold tags a beam
// of 2 makes "regional bloc ECOWAS" an appositive of "African Union"; the
// analyzer, with its predicted tags and beam, is checked on both sentences
// in package extract.)
func TestShippedModel(t *testing.T) {
	m := shipped(t)
	tests := []struct {
		words, tags string
		want        []arc
		// wantAny: for each group, at least one of the arcs holds.
		wantAny [][]arc
	}{
		{
			words: "he had been detained by the military",
			tags:  "PRP VBD VBN VBN IN DT NN",
			want: []arc{
				{4, 0, "root"}, {1, 4, "nsubj:pass"}, {2, 4, "aux"}, {3, 4, "aux:pass"},
				{5, 7, "case"}, {6, 7, "det"},
			},
			// EWT marks the passive agent obl:agent, a subtype of obl.
			wantAny: [][]arc{{{7, 4, "obl"}, {7, 4, "obl:agent"}}},
		},
		{
			words: "The African Union , regional bloc ECOWAS and the European Union have all condemned the attempted coup .",
			tags:  "DT NNP NNP , JJ NN NNP CC DT NNP NNP VBP RB VBN DT VBN NN .",
			want: []arc{
				{14, 0, "root"}, {3, 14, "nsubj"}, {11, 3, "conj"}, {17, 14, "obj"},
			},
			// "regional bloc ECOWAS": either word may head the conjunct.
			wantAny: [][]arc{{{6, 3, "conj"}, {7, 3, "conj"}}},
		},
	}
	for _, tt := range tests {
		words, tags := strings.Fields(tt.words), strings.Fields(tt.tags)
		heads, rels := m.Parse(words, tags)
		has := func(a arc) bool { return heads[a.dep-1] == a.head && rels[a.dep-1] == a.rel }
		for _, a := range tt.want {
			if !has(a) {
				t.Errorf("%q: %s got head %d %s, want %d %s", tt.words, words[a.dep-1], heads[a.dep-1], rels[a.dep-1], a.head, a.rel)
			}
		}
		for _, group := range tt.wantAny {
			ok := false
			for _, a := range group {
				ok = ok || has(a)
			}
			if !ok {
				t.Errorf("%q: none of %v in heads %v rels %v", tt.words, group, heads, rels)
			}
		}
	}
}

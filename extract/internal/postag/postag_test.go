package postag

import (
	"bytes"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := map[string]string{"“It’s”": `"It's"`, "plain": "plain", "«x»": `"x"`, "é": "é"}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTrainTag learns a toy grammar in which "can" is a modal after a
// pronoun and a noun after a determiner, which only context can tell.
func TestTrainTag(t *testing.T) {
	var data []Sentence
	for i := 0; i < 30; i++ {
		data = append(data,
			Sentence{Forms: []string{"we", "can", "go"}, XPOS: []string{"PRP", "MD", "VB"}, UPOS: []string{"PRON", "AUX", "VERB"}},
			Sentence{Forms: []string{"the", "can", "fell"}, XPOS: []string{"DT", "NN", "VBD"}, UPOS: []string{"DET", "NOUN", "VERB"}},
		)
	}
	for _, opt := range []TrainOptions{{Passes: 1}, {Passes: 2}, {Passes: 2, Ensemble: 3}} {
		passes := opt.Passes
		opt.MinCount = 1
		tg, err := Train(data, opt)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		tg, err = Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct{ forms, xpos []string }{
			{[]string{"we", "can", "go"}, []string{"PRP", "MD", "VB"}},
			{[]string{"the", "can", "fell"}, []string{"DT", "NN", "VBD"}},
		} {
			x, u := make([]string, 3), make([]string, 3)
			tg.Tag(s.forms, x, u)
			if x[1] != s.xpos[1] {
				t.Errorf("passes %d, ensemble %d: %v tagged %v", passes, opt.Ensemble, s.forms, x)
			}
		}
	}
	if _, err := Load(bytes.NewReader([]byte("junk"))); err == nil {
		t.Error("junk loaded")
	}
}

package training

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgraph/kg/extract/internal/lemma"
	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/ner"
	"github.com/kgraph/kg/extract/internal/postag"
)

const sharedData = "../../../shared/data"

// smokeConfig trains on the first few hundred treebank sentences into a
// temporary directory holding a copy of the committed lexicon.
func smokeConfig(t *testing.T) *Config {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, EWTTrain)); err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	out := t.TempDir()
	lex, err := os.ReadFile("../internal/models/lexicon.zst")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "lexicon.zst"), lex, 0o644); err != nil {
		t.Fatal(err)
	}
	return &Config{Data: sharedData, Out: out, Seed: 1, Limit: 300, Iterations: 4}
}

// TestSmoke trains the tagger, lemmatiser and NER on 300 sentences (4
// iterations), checks
// that the files load and work, and that training is deterministic.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("trains models")
	}
	ctx := context.Background()
	cfg := smokeConfig(t)
	for _, step := range []func(context.Context, *Config) error{Tagger, Lemmas, NER} {
		if err := step(ctx, cfg); err != nil {
			t.Fatal(err)
		}
	}
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(cfg.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	lex, err := lexicon.Load(open("lexicon.zst"))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := postag.Load(open("tagger.bin.zst"))
	if err != nil {
		t.Fatal(err)
	}
	forms := []string{"The", "soldiers", "have", "closed", "the", "border", "."}
	x, u := make([]string, len(forms)), make([]string, len(forms))
	tg.Tag(forms, x, u)
	correct := 0
	for i, want := range []string{"DT", "NNS", "VBP", "VBN", "DT", "NN", "."} {
		if x[i] == want {
			correct++
		}
	}
	if correct < 5 {
		t.Errorf("tags %v after 300 sentences", x)
	}
	lm, err := lemma.Load(open("lemma.bin.zst"), lex)
	if err != nil {
		t.Fatal(err)
	}
	if got := lm.Lemma("soldiers", "NNS"); got != "soldier" {
		t.Errorf("lemma of soldiers = %q", got)
	}
	if _, err := ner.Load(open("ner.bin.zst"), lex); err != nil {
		t.Fatal(err)
	}

	// same data and seed, same bytes
	cfg2 := *cfg
	cfg2.Out = t.TempDir()
	os.WriteFile(filepath.Join(cfg2.Out, "lexicon.zst"), mustRead(t, filepath.Join(cfg.Out, "lexicon.zst")), 0o644)
	if err := Tagger(ctx, &cfg2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(cfg.Out, "tagger.bin.zst")), mustRead(t, filepath.Join(cfg2.Out, "tagger.bin.zst"))) {
		t.Error("tagger training is not deterministic")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLexiconFromWordNet builds the lexicon when WordNet is installed.
func TestLexiconFromWordNet(t *testing.T) {
	if _, err := os.Stat(filepath.Join(WordNetDir, "data.noun")); err != nil {
		t.Skip("WordNet (Debian wordnet-base) not installed")
	}
	lex, err := buildLexicon(WordNetDir)
	if err != nil {
		t.Fatal(err)
	}
	if lex.Demonyms["nigerien"] != "Niger" {
		t.Errorf("demonym nigerien → %q, want Niger", lex.Demonyms["nigerien"])
	}
	if got := lex.Gazetteer["niger"]; len(got) == 0 {
		t.Error("Niger is not in the gazetteer")
	}
	if got := lex.Bases("went", 'v'); len(got) == 0 || got[0] != "go" {
		t.Errorf("bases of went = %v", got)
	}
}

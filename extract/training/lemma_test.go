package training

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/lemma"
	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/models"
	"github.com/kgraph/kg/extract/internal/postag"
)

var lemmaSplit = flag.String("lemma-split", "dev", "EWT split that TestLemmaErrors reports on (dev; test only to confirm)")

// TestLemmaErrors tags EWT dev with the committed tagger and reports the
// committed lemmatiser's accuracy (of Sentence) with predicted and gold
// tags, and of Lemma word by word with predicted tags, and that of a
// lemmatiser trained afresh on EWT train without the case model. With -v it prints the errors grouped by kind, gold XPOS and word,
// for error analysis. It skips when the shared data is absent.
func TestLemmaErrors(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, EWTTrain)); err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	cfg := &Config{Data: sharedData}
	train, err := readTreebank(cfg, EWTTrain)
	if err != nil {
		t.Fatal(err)
	}
	rel := EWTDev
	if *lemmaSplit == "test" {
		rel = EWTTest
	}
	eval, err := readTreebank(cfg, rel)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load(embedded(t, "lexicon.zst"))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := postag.Load(embedded(t, "tagger.bin.zst"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lemma.Load(embedded(t, "lemma.bin.zst"), lex)
	if err != nil {
		t.Fatal(err)
	}
	plain := lemma.Train(lemmaData(train), lex) // no case model

	type errKey struct{ kind, goldTag, predTag, form, got, want string }
	errs := map[errKey]int{}
	n, okPred, okGold, okWord, okPlain := 0, 0, 0, 0, 0
	for _, s := range eval {
		forms := make([]string, len(s.Words))
		gold := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = postag.Normalize(w.Form)
			gold[i] = w.XPOS
		}
		xpos, upos := make([]string, len(forms)), make([]string, len(forms))
		tg.Tag(forms, xpos, upos)
		lemmas, goldLemmas := make([]string, len(forms)), make([]string, len(forms))
		l.Sentence(forms, xpos, lemmas)
		l.Sentence(forms, gold, goldLemmas)
		plainLemmas := make([]string, len(forms))
		plain.Sentence(forms, xpos, plainLemmas)
		for i, w := range s.Words {
			n++
			want := postag.Normalize(w.Lemma)
			if want == "_" {
				// unlemmatised in EWT (goeswith parts): any lemma counts,
				// as in EvalUD and conll18_ud_eval.py
				okGold++
				okPlain++
				okWord++
				okPred++
				continue
			}
			if goldLemmas[i] == want {
				okGold++
			}
			if plainLemmas[i] == want {
				okPlain++
			}
			if l.Lemma(forms[i], xpos[i]) == want {
				okWord++
			}
			got := lemmas[i]
			if got == want {
				okPred++
				continue
			}
			errs[errKey{errorKind(got, want, w.XPOS, xpos[i]), w.XPOS, xpos[i], forms[i], got, want}]++
		}
	}
	pct := func(ok int) float64 { return 100 * float64(ok) / float64(n) }
	t.Logf("%s: %d words, lemma %.2f%% (%d errors), with gold tags %.2f%% (%d errors); word by word (Lemma) %.2f%% (%d errors); without the case model %.2f%% (%d errors)",
		*lemmaSplit, n, pct(okPred), n-okPred, pct(okGold), n-okGold, pct(okWord), n-okWord, pct(okPlain), n-okPlain)
	if !testing.Verbose() {
		return
	}
	byKind, byGold := map[string]int{}, map[string]int{}
	for k, c := range errs {
		byKind[k.kind] += c
		byGold[k.goldTag] += c
	}
	dump := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(m[b]-m[a], strings.Compare(a, b)) })
		var sb strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&sb, " %s=%d", k, m[k])
		}
		t.Logf("%s:%s", title, sb.String())
	}
	dump("by kind", byKind)
	dump("by gold XPOS", byGold)
	keys := make([]errKey, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b errKey) int {
		return cmp.Or(strings.Compare(a.kind, b.kind), errs[b]-errs[a], strings.Compare(a.form, b.form), strings.Compare(a.predTag, b.predTag))
	})
	for _, k := range keys {
		t.Logf("%-10s %3d  %-20s gold %-5s pred %-5s got %-20q want %q", k.kind, errs[k], k.form, k.goldTag, k.predTag, k.got, k.want)
	}
}

// errorKind names the kind of a lemma error: "case" when only the letter
// case is wrong, with "/tag" added when the predicted tag was wrong.
func errorKind(got, want, goldTag, predTag string) string {
	kind := "other"
	if strings.EqualFold(got, want) {
		kind = "case"
	}
	if goldTag != predTag {
		kind += "/tag"
	}
	return kind
}

// embedded opens one of the committed model files.
func embedded(t *testing.T, name string) io.Reader {
	t.Helper()
	f, err := models.FS().Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestDocumentFolds checks that the case model's jackknife folds are whole
// documents, dealt round robin, and that a treebank without "newdoc id"
// comments is one document.
func TestDocumentFolds(t *testing.T) {
	const text = "# newdoc id = a\n# sent_id = a-1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" +
		"# sent_id = a-2\n1\tYo\tyo\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" +
		"# newdoc id = b\n# sent_id = b-1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" +
		"# newdoc id = c\n# sent_id = c-1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" +
		"# sent_id = c-2\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" +
		"# sent_id = c-3\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
	read := func(s string) []*conllu.Sentence {
		var out []*conllu.Sentence
		r := conllu.NewReader(strings.NewReader(s))
		for {
			cs, err := r.Read()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, cs)
		}
	}
	if got, want := documentFolds(read(text), 2), []int{0, 0, 1, 0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("documentFolds = %v, want %v", got, want)
	}
	if got, want := documentFolds(read(text), 5), []int{0, 0, 1, 2, 2, 2}; !slices.Equal(got, want) {
		t.Errorf("documentFolds = %v, want %v", got, want)
	}
	noDocs := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(text, "# newdoc id = a\n", ""), "# newdoc id = b\n", ""), "# newdoc id = c\n", "")
	if got, want := documentFolds(read(noDocs), 5), []int{0, 0, 0, 0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("documentFolds without newdoc = %v, want %v", got, want)
	}
}

package extract

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

var (
	testAnalyzerOnce sync.Once
	testAnalyzer     *Analyzer
	testAnalyzerErr  error
)

func analyzer(t testing.TB) *Analyzer {
	t.Helper()
	testAnalyzerOnce.Do(func() { testAnalyzer, testAnalyzerErr = NewAnalyzer() })
	if testAnalyzerErr != nil {
		t.Fatal(testAnalyzerErr)
	}
	return testAnalyzer
}

// TestGolden analyses testdata/golden.txt, sentences written for this test,
// and compares the CoNLL-U output with testdata/golden.conllu. Run with
// -update after changing a model, and review the diff.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := analyzer(t).Analyze(string(in))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := WriteCoNLLU(&got, string(in), ss); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/golden.conllu"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("output differs from %s at line %d:\ngot  %q\nwant %q\n(run go test -update to accept)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("output has %d lines, %s has %d", len(gl), golden, len(wl))
	}
}

// TestAcceptance checks the sentences named in the issue.
func TestAcceptance(t *testing.T) {
	a := analyzer(t)
	ss, err := a.Analyze("The African Union, regional bloc ECOWAS and the European Union have all condemned the attempted coup.")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 {
		t.Fatalf("%d sentences, want 1", len(ss))
	}
	var got []string
	s := ss[0]
	for _, e := range s.Entities() {
		var words []string
		for _, tk := range s.Tokens[e.First : e.Last+1] {
			words = append(words, tk.Text)
		}
		got = append(got, e.Type+":"+strings.Join(words, " "))
	}
	want := []string{"ORG:African Union", "ORG:ECOWAS", "ORG:European Union"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("entities %v, want %v", got, want)
	}
}

func TestParagraphsAndAbbreviations(t *testing.T) {
	text := "Gen. Amadou Keita spoke on Jan. 5 in the U.S. capital. Sen. Lopez agreed.\n\nA new paragraph starts here.\nHEADLINE\nAnother line."
	ss, err := analyzer(t).Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var paras []int
	for _, s := range ss {
		got = append(got, text[s.Start:s.End])
		paras = append(paras, s.Paragraph)
	}
	want := []string{
		"Gen. Amadou Keita spoke on Jan. 5 in the U.S. capital.",
		"Sen. Lopez agreed.",
		"A new paragraph starts here.",
		"HEADLINE",
		"Another line.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n%q\nwant\n%q", got, want)
	}
	if p := paras[len(paras)-1]; p != 3 || paras[1] != 0 || paras[2] != 1 {
		t.Errorf("paragraphs %v, want [0 0 1 2 3]", paras)
	}
}

// TestOpeningStraightQuote checks that a straight single quote opening a
// quotation is a token of its own, while clitics and words written with a
// leading apostrophe keep it.
func TestOpeningStraightQuote(t *testing.T) {
	tests := []struct{ text, want string }{
		{"It is being rebranded as 'X'.", "It|is|being|rebranded|as|'|X|'|."},
		{"'Operation Barkhane' ended", "'|Operation|Barkhane|'|ended"},
		{"It's the '90s 'cause we said so", "It|'s|the|'90s|'cause|we|said|so"},
		{"the dogs' bones", "the|dogs|'|bones"},
	}
	for _, tt := range tests {
		ss, err := analyzer(t).Analyze(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range ss {
			for _, tok := range s.Tokens {
				if tt.text[tok.Start:tok.End] != tok.Text {
					t.Errorf("%q: token %q at %d:%d slices %q", tt.text, tok.Text, tok.Start, tok.End, tt.text[tok.Start:tok.End])
				}
				got = append(got, tok.Text)
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q: tokens %s, want %s", tt.text, g, tt.want)
		}
	}
}

func TestCurlyQuotesKeepOffsets(t *testing.T) {
	text := "“It’s over,” she said."
	ss, err := analyzer(t).Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	var forms []string
	for _, tk := range ss[0].Tokens {
		if text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q at %d:%d does not slice the input", tk.Text, tk.Start, tk.End)
		}
		forms = append(forms, tk.Form)
	}
	if got := strings.Join(forms, " "); got != `" It 's over , " she said .` {
		t.Errorf("model forms %q", got)
	}
}

func TestInvalidUTF8(t *testing.T) {
	_, err := analyzer(t).Analyze("good \xff bad")
	if !errors.Is(err, ErrInvalidUTF8) || !strings.Contains(err.Error(), "byte 5") {
		t.Errorf("err = %v, want ErrInvalidUTF8 at byte 5", err)
	}
}

func TestPretokenizedAndCoNLLU(t *testing.T) {
	a := analyzer(t)
	ss, err := a.AnalyzePretokenized(strings.NewReader("he had been detained by the military\n\nThe U.N. met .\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || len(ss[0].Tokens) != 7 || ss[1].Tokens[1].Text != "U.N." {
		t.Fatalf("pretokenised: %d sentences %+v", len(ss), ss)
	}
	if ss[0].Tokens[3].Lemma != "detain" || ss[0].Tokens[3].XPOS != "VBN" {
		t.Errorf("detained: %+v", ss[0].Tokens[3])
	}
	in := "# sent_id = x1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n2\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	cs, err := a.AnalyzeCoNLLU(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].ID != "x1" || len(cs[0].Tokens) != 3 || cs[0].Tokens[1].Lemma != "not" {
		t.Fatalf("conllu: %+v", cs)
	}
	_, err = a.AnalyzeCoNLLU(strings.NewReader("1\tbad\n"))
	if err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad CoNLL-U: err = %v, want a line number", err)
	}
}

// randomText returns text mixing words, punctuation, white space and
// arbitrary Unicode, including combining marks and astral characters.
func randomText(r *rand.Rand, n int) string {
	pieces := []string{"the", "U.S.", "Gen.", "don't", "e-mail", "20%", ".", ",", "!", "?", "“", "”", "’s",
		" ", " ", " ", "\n", "\n\n", "\t", "Niamey", "ECOWAS", "1,200", "$", "--", "...", "(", ")"}
	var b strings.Builder
	for b.Len() < n {
		if r.IntN(3) == 0 {
			var c rune
			for {
				c = rune(r.IntN(0x2FFFF))
				if utf8.ValidRune(c) {
					break
				}
			}
			b.WriteRune(c)
		} else {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
	}
	return b.String()
}

// TestOffsetsProperty: on random Unicode, every token slices the input
// exactly, tokens are in order without overlap, and no token has white
// space at its ends.
func TestOffsetsProperty(t *testing.T) {
	a := analyzer(t)
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 300; i++ {
		text := randomText(r, 1+r.IntN(400))
		ss, err := a.Analyze(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		last := 0
		for _, s := range ss {
			if len(s.Tokens) == 0 || len(s.Tokens) > MaxSentenceTokens {
				t.Fatalf("%q: sentence with %d tokens", text, len(s.Tokens))
			}
			for _, tk := range s.Tokens {
				if tk.Start < last || tk.End <= tk.Start || tk.End > len(text) || text[tk.Start:tk.End] != tk.Text {
					t.Fatalf("%q: token %q at [%d,%d) after %d", text, tk.Text, tk.Start, tk.End, last)
				}
				if strings.TrimSpace(tk.Text) != tk.Text {
					t.Fatalf("%q: token %q has white space", text, tk.Text)
				}
				if tk.XPOS == "" || tk.UPOS == "" || tk.NER == "" {
					t.Fatalf("%q: token %q not analysed: %+v", text, tk.Text, tk)
				}
				last = tk.End
			}
		}
	}
}

// TestLongLine: a 1 MB line with no punctuation is analysed in bounded
// chunks.
func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("long input")
	}
	words := []string{"soldiers", "marched", "toward", "the", "capital", "and", "Niamey", "waited"}
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	text := b.String()
	ss, err := analyzer(t).Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range ss {
		if len(s.Tokens) > MaxSentenceTokens {
			t.Fatalf("chunk of %d tokens", len(s.Tokens))
		}
		n += len(s.Tokens)
	}
	if want := len(strings.Fields(text)); n != want {
		t.Errorf("%d tokens, want %d", n, want)
	}
}

func TestConcurrentDeterministic(t *testing.T) {
	a := analyzer(t)
	text := "The European Union and Reuters said President Ada Obi met soldiers in Niamey on Friday."
	want, _ := a.Analyze(text)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				got, _ := a.Analyze(text)
				for j := range got[0].Tokens {
					if got[0].Tokens[j] != want[0].Tokens[j] {
						errs <- got[0].Tokens[j].Text
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("token %q differs between runs", e)
	}
}

// TestBatchMatchesOneByOne: Analyze, AnalyzePretokenized and
// AnalyzeCoNLLU run each stage over all their sentences before the next
// stage; the analysis of every sentence must be what analysing it alone
// gives, with long sentences cut into chunks the same way.
func TestBatchMatchesOneByOne(t *testing.T) {
	a := analyzer(t)
	in, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	batch, err := a.Analyze(string(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) < 10 {
		t.Fatalf("%d sentences: the test needs more", len(batch))
	}
	var lines strings.Builder
	for _, s := range batch {
		for i, tk := range s.Tokens {
			if i > 0 {
				lines.WriteByte(' ')
			}
			lines.WriteString(tk.Text)
		}
		lines.WriteByte('\n')
	}
	// a line the analyzer cuts into three chunks
	lines.WriteString(strings.Repeat("the army and the guards of the capital ", 2*MaxSentenceTokens/8+1) + "held him .\n")
	pre, err := a.AnalyzePretokenized(strings.NewReader(lines.String()))
	if err != nil || len(pre) != len(batch)+1 || len(pre[len(batch)].Tokens) <= 2*MaxSentenceTokens {
		t.Fatalf("AnalyzePretokenized: %d sentences, %v", len(pre), err)
	}
	check := func(what string, ss []Sentence) {
		t.Helper()
		for j, s := range ss {
			words := make([]string, len(s.Tokens))
			for i, tk := range s.Tokens {
				words[i] = tk.Text
			}
			alone, err := a.AnalyzeTokens(words)
			if err != nil {
				t.Fatal(err)
			}
			if alone.Parsed != s.Parsed {
				t.Fatalf("%s: Parsed %v alone, %v in the batch", what, alone.Parsed, s.Parsed)
			}
			// chunks are parsed apart: heads stay inside their chunk,
			// counted from the sentence's first token
			roots := map[int]int{}
			for i, tk := range s.Tokens {
				lo := i / MaxSentenceTokens * MaxSentenceTokens
				hi := min(lo+MaxSentenceTokens, len(s.Tokens))
				if tk.Head == 0 {
					roots[lo]++
				} else if tk.Head <= lo || tk.Head > hi {
					t.Fatalf("%s: sentence %d token %d has head %d outside its chunk %d-%d", what, j, i+1, tk.Head, lo+1, hi)
				}
			}
			if want := (len(s.Tokens) + MaxSentenceTokens - 1) / MaxSentenceTokens; len(roots) != want {
				t.Fatalf("%s: sentence %d has roots in %d chunks, want %d", what, j, len(roots), want)
			}
			for i, tk := range s.Tokens {
				tk.Start, tk.End = 0, 0
				if tk != alone.Tokens[i] {
					t.Fatalf("%s: sentence %d token %d: batch %+v, alone %+v", what, j, i, tk, alone.Tokens[i])
				}
			}
		}
	}
	check("Analyze", batch)
	check("AnalyzePretokenized", pre)
}

func FuzzAnalyze(f *testing.F) {
	f.Add("The African Union condemned the coup.")
	f.Add("Gen. X said “no”.\n\nU.S. 20% e-mail \t\r\n")
	f.Add(strings.Repeat("word ", 500))
	f.Fuzz(func(t *testing.T, text string) {
		ss, err := analyzer(t).Analyze(text)
		if err != nil {
			if !utf8.ValidString(text) && errors.Is(err, ErrInvalidUTF8) {
				return
			}
			t.Fatal(err)
		}
		for _, s := range ss {
			if len(s.Tokens) > MaxSentenceTokens {
				t.Fatalf("sentence of %d tokens", len(s.Tokens))
			}
			for _, tk := range s.Tokens {
				if text[tk.Start:tk.End] != tk.Text {
					t.Fatalf("token %q does not slice the input", tk.Text)
				}
			}
		}
		var buf bytes.Buffer
		if err := WriteCoNLLU(&buf, text, ss); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDemonym(t *testing.T) {
	a := analyzer(t)
	for word, want := range map[string]string{"Nigerien": "Niger", "french": "France", "British": "United Kingdom"} {
		if got, ok := a.Demonym(word); !ok || got != want {
			t.Errorf("Demonym(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
	if _, ok := a.Demonym("soldier"); ok {
		t.Error("soldier is a demonym")
	}
}

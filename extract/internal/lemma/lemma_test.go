package lemma

import (
	"bytes"
	"slices"
	"testing"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

// trained returns a lemmatiser trained on a few hand-written words, after
// a round trip through Save and Load.
func trained(t *testing.T) *Lemmatizer {
	t.Helper()
	lex := lexicon.New()
	lex.Words["go"] = lexicon.Verb | lexicon.Common
	lex.Words["city"] = lexicon.Noun | lexicon.Common
	lex.Words["detain"] = lexicon.Verb | lexicon.Common
	lex.Words["diary"] = lexicon.Noun | lexicon.Common
	lex.Words["bus"] = lexicon.Noun | lexicon.Common
	lex.Words["semantics"] = lexicon.Noun | lexicon.Common
	// WordNet lists some plurals as lemmas too
	lex.Words["score"] = lexicon.Noun | lexicon.Verb | lexicon.Common
	lex.Words["scores"] = lexicon.Noun | lexicon.Common
	lex.Words["belonging"] = lexicon.Noun | lexicon.Common
	lex.Words["belongings"] = lexicon.Noun | lexicon.Common
	lex.Words["clothes"] = lexicon.Noun | lexicon.Common
	lex.Words["nato"] = lexicon.Noun | lexicon.Proper
	lex.AddException('v', "went", "go")
	lex.AddException('v', "got", "get")
	lex.Demonyms["chilean"] = "Chile"
	train := []Example{
		{Form: "was", XPOS: "VBD", Lemma: "be"}, {Form: "The", XPOS: "DT", Lemma: "the"}, {Form: "the", XPOS: "DT", Lemma: "the"},
		{Form: "walked", XPOS: "VBD", Lemma: "walk"}, {Form: "talked", XPOS: "VBD", Lemma: "talk"}, {Form: "Bush", XPOS: "NNP", Lemma: "Bush"},
		{Form: "n't", XPOS: "RB", Lemma: "not"}, {Form: "parties", XPOS: "NNS", Lemma: "party"}, {Form: "ladies", XPOS: "NNS", Lemma: "lady"},
		{Form: "al", XPOS: "NNP", Lemma: "al"}, {Form: "Al", XPOS: "NNP", Lemma: "Al"}, {Form: "Al", XPOS: "NNP", Lemma: "Al"},
		{Form: "jeans", XPOS: "NNS", Lemma: "jeans"}, {Form: "means", XPOS: "NNS", Lemma: "means"},
		{Form: "dogs", XPOS: "NNS", Lemma: "dog"}, {Form: "cats", XPOS: "NNS", Lemma: "cat"}, {Form: "hats", XPOS: "NNS", Lemma: "hat"},
		{Form: "s", XPOS: "RB", Lemma: "s"}, {Form: "so", XPOS: "RB", Lemma: "so"}, {Form: "very", XPOS: "RB", Lemma: "very"},
		// one training sentence seen with "CA", "McDonald"
		{Form: "CA", XPOS: "NNP", Lemma: "CA"}, {Form: "McDonald", XPOS: "NNP", Lemma: "McDonald"},
		// "'s" is "be" but "have" before "been", three times or more
		{Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "a"}, {Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "not"},
		{Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "good"}, {Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "going"},
		{Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "a"}, {Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "not"},
		{Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "the"}, {Form: "'s", XPOS: "VBZ", Lemma: "be", Next: "true"},
		{Form: "'s", XPOS: "VBZ", Lemma: "have", Next: "been"}, {Form: "'s", XPOS: "VBZ", Lemma: "have", Next: "been"},
		{Form: "'s", XPOS: "VBZ", Lemma: "have", Next: "been"},
		// twice is not enough
		{Form: "'s", XPOS: "VBZ", Lemma: "have", Next: "got"}, {Form: "'s", XPOS: "VBZ", Lemma: "have", Next: "got"},
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
	return l
}

func TestLemma(t *testing.T) {
	l := trained(t)
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

		// a decimal comma becomes a point; thousands separators go
		{"7,5", "CD", "7.5"},
		{"3,40", "CD", "3.40"},
		{"12,000,000", "CD", "12000000"},
		{"1,5.0", "CD", "15.0"},

		// letters stretched for emphasis, when the short word is known
		{"sooooo", "RB", "so"},
		{"VERYYY", "RB", "very"},
		{"Soooo", "RB", "so"},
		{"zzzzz", "RB", "zzzzz"}, // not a known word
		{"sss", "RB", "sss"},     // "s" is known, but a letter
		{"sooooo", "NN", "sooooo"},

		// unknown all-capitals words keep their case, whatever the tag
		{"RFP", "NN", "RFP"},
		{"XR400", "NN", "XR400"},
		{"ECOWAS", "NNP", "ECOWAS"},
		{"NATO", "NNP", "NATO"},       // known to WordNet: a proper noun kept
		{"NATO", "NN", "nato"},        // and a common noun lowered
		{"CLOTHES", "NNS", "clothes"}, // a WordNet word: not an acronym
		{"AK47s", "NNPS", "AK47"},     // acronyms lose a lower-case -s
		{"GTCs", "NNS", "GTC"},
		{"GTC's", "NNS", "GTC"},
		{"NGOS", "NNS", "NGOS"},

		// plural proper nouns: the common noun's lemma, in the form's case
		{"Diaries", "NNPS", "Diary"},
		{"Buses", "NNPS", "Bus"},
		{"Semantics", "NNPS", "Semantics"}, // a WordNet noun in -s
		{"Israelians", "NNPS", "Israelian"},
		{"Koreans", "NNPS", "Korean"}, // no rule or WordNet entry: -s goes
		{"Jeans", "NNPS", "Jean"},     // even where a rule keeps the common noun
		{"BUSES", "NNPS", "BUSES"},    // all capitals: an acronym, kept
		{"Parties", "NNPS", "Party"},  // from the dictionary's "parties"
		{"AK47s", "NNPS", "AK47"},     // acronyms lose a lower-case -s
		{"GTCs", "NNS", "GTC"},
		{"GTC's", "NNS", "GTC"},
		{"NGOS", "NNS", "NGOS"},

		// plurals that are WordNet lemmas too lose their -s when the
		// singular is a noun
		{"scores", "NNS", "score"},
		{"belongings", "NNS", "belonging"},
		{"clothes", "NNS", "clothes"}, // "clothe" is no noun

		// a capitalised proper noun seen only in another case keeps its
		// own; lower-case and all-capitals forms follow the dictionary
		{"Ca", "NNP", "Ca"},
		{"Mcdonald", "NNP", "McDonald"}, // same case pattern as "McDonald"
		{"ca", "NNP", "CA"},
		{"MCDONALD", "NNP", "McDonald"},
	}
	for _, tt := range tests {
		if got := l.Lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
}

func TestSentence(t *testing.T) {
	l := trained(t)
	tests := []struct {
		forms, xpos, want []string
	}{
		{[]string{"It", "'s", "been", "long"}, []string{"PRP", "VBZ", "VBN", "JJ"}, []string{"it", "have", "been", "long"}},
		{[]string{"It", "'s", "long"}, []string{"PRP", "VBZ", "JJ"}, []string{"it", "be", "long"}},
		// adverbs between do not hide the word that decides
		{[]string{"It", "'s", "always", "been", "long"}, []string{"PRP", "VBZ", "RB", "VBN", "JJ"}, []string{"it", "have", "always", "been", "long"}},
		{[]string{"It", "'s", "not", "long"}, []string{"PRP", "VBZ", "RB", "JJ"}, []string{"it", "be", "not", "long"}},
		{[]string{"It", "'s", "not"}, []string{"PRP", "VBZ", "RB"}, []string{"it", "be", "not"}},
		{[]string{"He", "'s", "got", "it"}, []string{"PRP", "VBZ", "VBN", "PRP"}, []string{"he", "be", "get", "it"}}, // seen twice only
		{[]string{"It", "'s"}, []string{"PRP", "VBZ"}, []string{"it", "be"}},
		{[]string{}, []string{}, []string{}},
		// an all-capitals name of five letters or more beside another word
		// in capitals gets a title-case lemma; alone, or shorter, it is
		// kept as written (an acronym)
		{[]string{"CRAZY", "HORSE", "ROCK"}, []string{"NNP", "NNP", "NNP"}, []string{"Crazy", "Horse", "ROCK"}},
		{[]string{"ÉMILE", "ZOLA"}, []string{"NNP", "NNP"}, []string{"Émile", "ZOLA"}},
		{[]string{"the", "ECOWAS", "summit"}, []string{"DT", "NNP", "NN"}, []string{"the", "ECOWAS", "summit"}},
		{[]string{"NYMEX", "2000"}, []string{"NNP", "CD"}, []string{"NYMEX", "2000"}},
		{[]string{"GEORGE", "WALKER"}, []string{"NNP", "NN"}, []string{"George", "WALKER"}}, // NN: not a name
	}
	for _, tt := range tests {
		got := make([]string, len(tt.forms))
		l.Sentence(tt.forms, tt.xpos, got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sentence(%q, %q) = %q, want %q", tt.forms, tt.xpos, got, tt.want)
		}
	}
}

func TestRecase(t *testing.T) {
	tests := []struct{ lemma, form, want string }{
		{"diary", "Diaries", "Diary"},
		{"bus", "BUSES", "BUS"},
		{"child", "Children", "Child"},
		{"mouse", "Mice", "Mouse"},
		{"", "Xs", ""},
	}
	for _, tt := range tests {
		if got := recase(tt.lemma, tt.form); got != tt.want {
			t.Errorf("recase(%q, %q) = %q, want %q", tt.lemma, tt.form, got, tt.want)
		}
	}
}

func TestSqueeze(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"sooooo", []string{"soo", "so"}},
		{"veryyy", []string{"veryy", "very"}},
		{"good", nil},
		{"aaabbbc", []string{"aabbc", "abc"}},
		{"1000", nil}, // digits are not stretched letters
		{"", nil},
	}
	for _, tt := range tests {
		if got := squeeze(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("squeeze(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

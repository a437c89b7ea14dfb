package extract

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
)

// The construction tests give each sentence its dependency tree by hand
// (word:head:relation, UD conventions), so that they test the clause rules
// and not the parser; tags, lemmas and entity tags come from the analyser,
// and an entity tag can be forced with word:head:relation:NE (B-PER ...).

var (
	factAnalyzerOnce sync.Once
	factAnalyzerVal  *Analyzer
	factAnalyzerErr  error
)

// factAnalyzer is the analyser the fact tests share.
func factAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	factAnalyzerOnce.Do(func() { factAnalyzerVal, factAnalyzerErr = NewAnalyzer() })
	if factAnalyzerErr != nil {
		t.Fatal(factAnalyzerErr)
	}
	return factAnalyzerVal
}

// goldSentence builds an analysed sentence from "word:head:rel[:NE]" items;
// its offsets index the words joined by single spaces.
func goldSentence(t testing.TB, spec string, off int) (Sentence, string) {
	t.Helper()
	items := strings.Fields(spec)
	words := make([]string, len(items))
	heads := make([]int, len(items))
	rels := make([]string, len(items))
	nes := make([]string, len(items))
	for i, it := range items {
		// the word may itself contain ':' only as the first field
		parts := strings.Split(it, ":")
		if len(parts) < 3 {
			t.Fatalf("bad item %q", it)
		}
		ne := ""
		if p := parts[len(parts)-1]; strings.HasPrefix(p, "B-") || strings.HasPrefix(p, "I-") || p == "O" {
			ne = p
			parts = parts[:len(parts)-1]
		}
		// relation may have a subtype: word:head:rel:sub
		hi := 1
		for ; hi < len(parts); hi++ {
			if _, err := strconv.Atoi(parts[hi]); err == nil {
				break
			}
		}
		words[i] = strings.Join(parts[:hi], ":")
		h, _ := strconv.Atoi(parts[hi])
		heads[i] = h
		rels[i] = strings.Join(parts[hi+1:], ":")
		nes[i] = ne
	}
	s, err := factAnalyzer(t).AnalyzeTokens(words)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(words, " ")
	placeTokens(&s, text, off)
	for i := range s.Tokens {
		s.Tokens[i].Head = heads[i]
		s.Tokens[i].DepRel = rels[i]
		if nes[i] != "" {
			s.Tokens[i].NER = nes[i]
		}
	}
	s.Parsed = true
	return s, text
}

// extractGold extracts facts from hand-parsed sentences forming one
// document, and returns them as "subject predicate object" lines (with
// [neg], [mod=...], [attr=...], {role=value} and (res) annotations).
func extractGold(t testing.TB, specs ...string) []string {
	t.Helper()
	var sents []Sentence
	var texts []string
	off := 0
	for _, sp := range specs {
		s, text := goldSentence(t, sp, off)
		sents = append(sents, s)
		texts = append(texts, text)
		off += len(text) + 1
	}
	x, err := NewExtractor(Options{Analyzer: factAnalyzer(t), NoEntityFacts: true})
	if err != nil {
		t.Fatal(err)
	}
	res := x.FromSentences(Document{ID: "t", Text: strings.Join(texts, "\n")}, sents)
	var out []string
	for _, f := range res.Facts {
		out = append(out, factLine(f))
	}
	return out
}

func val(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.String:
		return strconv.Quote(string(v))
	case quad.TypedString:
		return strconv.Quote(string(v.Value)) + "^^" + string(v.Type[strings.LastIndexByte(string(v.Type), '#')+1:])
	}
	return fmt.Sprint(v)
}

func factLine(f Fact) string {
	s := val(f.Subject) + " " + val(f.Predicate) + " " + val(f.Object)
	for _, a := range f.Args {
		s += " {" + a.Role + "=" + a.Text + "}"
	}
	if f.Negated {
		s += " [neg]"
	}
	if f.Modality != "" {
		s += " [mod=" + f.Modality + "]"
	}
	if f.Attribution != "" {
		s += " [attr=" + f.Attribution + "]"
	}
	for _, r := range f.Resolution {
		s += " (" + r + ")"
	}
	return s
}

type constructionCase struct {
	name  string
	sents []string
	want  []string // every line must be among the facts
	not   []string // no fact may contain any of these substrings
}

func runConstruction(t *testing.T, cases []constructionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := extractGold(t, c.sents...)
			have := map[string]bool{}
			for _, g := range got {
				have[g] = true
			}
			for _, w := range c.want {
				if !have[w] {
					sort.Strings(got)
					t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, n := range c.not {
				for _, g := range got {
					if strings.Contains(g, n) {
						t.Errorf("unwanted %q in %q", n, g)
					}
				}
			}
		})
	}
}

func TestActiveSVO(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "svo",
		sents: []string{"The:2:det rebels:3:nsubj seized:0:root the:5:det airport:3:obj .:3:punct"},
		want:  []string{"rebel seize airport"},
	}, {
		name:  "names and place",
		sents: []string{"Mariam:3:nsubj:B-PER Tall:1:flat:I-PER visited:0:root Kano:3:obj:B-LOC on:6:case Monday:3:obl:B-DATE .:3:punct"},
		want:  []string{`Tall visit Kano {time=on Monday}`},
	}})
}

func TestPassive(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "agent",
		sents: []string{"The:2:det mayor:4:nsubj:pass was:4:aux:pass arrested:0:root by:7:case the:7:det police:4:obl:agent .:4:punct"},
		want:  []string{"mayor arrested_by police"},
	}, {
		name:  "no agent, preposition",
		sents: []string{"Four:2:nummod:B-NUMBER journalists:4:nsubj:pass were:4:aux:pass jailed:0:root in:6:case March:4:obl:B-DATE .:4:punct"},
		want:  []string{`four_journalist jailed_in "March"`},
	}, {
		name:  "past perfect with agent and place",
		sents: []string{"The:2:det envoy:5:nsubj:pass had:5:aux been:5:aux:pass held:0:root by:8:case the:8:det army:5:obl:agent in:10:case Tunis:5:obl:B-LOC"},
		want:  []string{"envoy held_by army {place=in Tunis}"},
	}})
}

func TestPrepositionalObject(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "search for",
		sents: []string{"Police:3:nsubj are:3:aux searching:0:root for:5:case survivors:3:obl .:3:punct"},
		want:  []string{"police search_for survivor"},
	}, {
		name:  "call on",
		sents: []string{"The:2:det bishop:3:nsubj called:0:root on:5:case leaders:3:obl to:7:mark talk:3:xcomp .:3:punct"},
		want:  []string{"bishop call_on leader {to=talk}"},
	}})
}

func TestPhrasalVerb(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "shut down",
		sents: []string{"The:2:det troops:3:nsubj shut:0:root down:3:compound:prt the:6:det airport:3:obj .:3:punct"},
		want:  []string{"troops shut_down airport"},
	}, {
		name:  "step down",
		sents: []string{"The:2:det governor:3:nsubj stepped:0:root down:3:compound:prt after:7:case a:7:det scandal:3:obl .:3:punct"},
		want:  []string{"governor step_down_after scandal"},
	}})
}

func TestCoordination(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "subjects",
		sents: []string{"The:3:det Arab:3:amod:B-ORG League:9:nsubj:I-ORG ,:5:punct NATO:3:conj:B-ORG and:8:cc the:8:det UN:3:conj:B-ORG " +
			"denounced:0:root the:11:det bombing:9:obj .:9:punct"},
		want: []string{"Arab_League denounce bombing", "NATO denounce bombing", "UN denounce bombing"},
	}, {
		name:  "verbs",
		sents: []string{"The:2:det army:3:nsubj closed:0:root the:5:det port:3:obj and:7:cc declared:3:conj a:9:det curfew:7:obj .:3:punct"},
		want:  []string{"army close port", "army declare curfew"},
		not:   []string{"port declare"},
	}, {
		name:  "objects",
		sents: []string{"Guards:2:nsubj beat:0:root the:4:det driver:2:obj and:7:cc his:7:nmod:poss son:4:conj .:2:punct"},
		want:  []string{"guard beat driver", "guard beat son"},
	}})
}

func TestAppositionAndTitle(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "apposition after description",
		sents: []string{"The:2:det leader:10:nsubj of:5:case the:5:det union:2:nmod ,:7:punct Kofi:2:appos:B-PER Mensah:7:flat:I-PER ,:7:punct " +
			"resigned:0:root .:10:punct"},
		want: []string{`Mensah is "leader of the union"`},
	}, {
		name:  "title before name",
		sents: []string{"Minister:5:compound of:4:case Water:4:compound Resources:1:nmod Leila:6:nsubj:B-PER Haddad:5:flat:I-PER resigned:0:root .:7:punct"},
		want:  []string{`Haddad has_title "Minister of Water Resources"`},
	}, {
		name:  "short title",
		sents: []string{"President:2:compound Ruto:3:nsubj:B-PER spoke:0:root .:3:punct"},
		want:  []string{`Ruto has_title "President"`},
	}, {
		// the parser headed the phrase by the organisation: the subject
		// is still the person the title belongs to
		name: "organisation, title and name headed by the organisation",
		sents: []string{"UN:7:nsubj:B-ORG Secretary:1:flat -:4:punct General:5:nmod:desc António:1:flat:B-PER Guterres:5:flat:I-PER " +
			"condemned:0:root the:9:det attack:7:obj .:7:punct"},
		want: []string{"Guterres condemn attack"},
		not:  []string{"UN condemn"},
	}, {
		// an organisation followed by a person without a title between
		// them stays the subject
		name:  "organisation without a title",
		sents: []string{"NATO:2:nsubj:B-ORG thanked:0:root Kofi:2:obj:B-PER Mensah:3:flat:I-PER .:2:punct"},
		want:  []string{"NATO thank Mensah"},
	}})
}

func TestCopula(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "is a noun",
		sents: []string{"Sofia:4:nsubj:B-PER is:4:cop the:4:det capital:0:root of:6:case Bulgaria:4:nmod:B-LOC .:4:punct"},
		want:  []string{`Sofia is "capital of Bulgaria"`},
	}, {
		name:  "negated adjective",
		sents: []string{"The:2:det road:5:nsubj was:5:cop not:5:advmod safe:0:root .:5:punct"},
		want:  []string{`road is "safe" [neg]`},
	}})
}

func TestRelativeClause(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "who",
		sents: []string{"Officers:6:nsubj who:3:nsubj fired:1:acl:relcl warning:5:compound shots:3:obj were:6:cop " +
			"suspended:0:root .:6:punct"},
		want: []string{"officer fire warning_shot"},
	}, {
		name:  "participle modifier",
		sents: []string{"Ten:2:nummod:B-NUMBER people:6:nsubj killed:2:acl in:5:case floods:3:obl were:6:aux buried:0:root .:6:punct"},
		want:  []string{"ten_people killed_in flood"},
	}})
}

func TestControlAndComplements(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "claimed to have seized",
		sents: []string{"Rebels:2:nsubj claimed:0:root to:5:mark have:5:aux seized:2:xcomp the:7:det town:5:obj .:2:punct"},
		want:  []string{"rebel seize town [mod=claim]"},
	}, {
		name:  "managed to",
		sents: []string{"Firefighters:2:nsubj managed:0:root to:4:mark rescue:2:xcomp the:6:det crew:4:obj .:2:punct"},
		want:  []string{"firefighter rescue crew"},
	}})
}

func TestReportedSpeech(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "said that",
		sents: []string{"Amina:3:nsubj:B-PER Bello:1:flat:I-PER said:0:root that:6:mark troops:6:nsubj burned:3:ccomp " +
			"the:8:det village:6:obj .:3:punct"},
		want: []string{`Bello say "troops burned the village"`, "troops burn village [attr=Bello]"},
	}, {
		name:  "quote then speaker",
		sents: []string{"\":4:punct prices:4:nsubj will:4:aux hit:0:root records:4:obj ,:9:punct \":9:punct Mensah:9:nsubj:B-PER said:4:parataxis .:4:punct"},
		want:  []string{"price hit record [mod=will] [attr=Mensah]"},
	}, {
		name:  "told someone",
		sents: []string{"Okafor:2:nsubj:B-PER told:0:root Reuters:2:iobj:B-ORG that:6:mark talks:6:nsubj failed:2:ccomp .:2:punct"},
		want:  []string{`Okafor tell Reuters {content=talks failed}`},
	}})
}

func TestNegationAndModality(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "will never accept",
		sents: []string{"The:2:det party:5:nsubj will:5:aux never:5:advmod accept:0:root the:7:det result:5:obj .:5:punct"},
		want:  []string{"party accept result [neg] [mod=will]"},
	}, {
		name:  "did not",
		sents: []string{"Voters:4:nsubj did:4:aux not:4:advmod back:0:root the:6:det plan:4:obj .:4:punct"},
		want:  []string{"voter back plan [neg]"},
	}})
}

func TestTimePlaceArgs(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "year and city",
		sents: []string{"Diallo:2:nsubj:B-PER won:0:root the:4:det vote:2:obj in:6:case 2019:2:obl:B-DATE in:8:case Dakar:2:obl:B-LOC .:2:punct"},
		want:  []string{"Diallo win vote {time=in 2019} {place=in Dakar}"},
	}})
}

func TestPronouns(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "he to most recent person",
		sents: []string{
			"Police:2:nsubj arrested:0:root Omar:2:obj:B-PER Farah:3:flat:I-PER .:2:punct",
			"He:4:nsubj:pass was:4:aux:pass later:4:advmod released:0:root by:7:case a:7:det judge:4:obl:agent .:4:punct",
		},
		want: []string{"police arrest Farah", "Farah released_by judge (He→Farah)"},
	}, {
		name: "they to plural, it to thing",
		sents: []string{
			"The:2:det strikers:3:nsubj blocked:0:root the:5:det bridge:3:obj .:3:punct",
			"They:2:nsubj closed:0:root it:2:obj .:2:punct",
		},
		want: []string{"striker close bridge (They→striker) (it→bridge)"},
	}, {
		name:  "unresolved pronoun dropped",
		sents: []string{"She:2:nsubj left:0:root the:4:det room:2:obj .:2:punct"},
		not:   []string{"leave"},
	}})
}

func TestCanonicalNames(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "full name, surname and title are one",
		sents: []string{
			"Police:2:nsubj questioned:0:root Grace:2:obj:B-PER Mwangi:3:flat:I-PER .:2:punct",
			"President:2:compound Mwangi:3:nsubj:B-PER denied:0:root the:5:det charges:3:obj .:3:punct",
			"Mwangi:2:nsubj:B-PER left:0:root Nairobi:2:obj:B-LOC .:2:punct",
		},
		want: []string{"police question Mwangi", "Mwangi deny charge", "Mwangi leave Nairobi"},
	}, {
		name: "common noun phrase to the document's proper name",
		sents: []string{
			"The:3:det national:3:amod guards:4:nsubj surrounded:0:root the:6:det palace:4:obj .:4:punct",
			"The:3:det National:3:amod:B-ORG Guard:5:nsubj:I-ORG later:5:advmod withdrew:0:root from:7:case Accra:5:obl:B-LOC .:5:punct",
		},
		want: []string{"National_Guard surround palace (guards→National_Guard)", "National_Guard withdraw_from Accra"},
	}})
}

// TestRepairParticipleAdjective: "condemned the “attempted coup”" with
// "attempted" mistagged as a verb governing "coup" is read as the noun
// phrase "attempted coup", object of "condemned".
func TestRepairParticipleAdjective(t *testing.T) {
	tk := func(text, upos, xpos string, head int, rel string) Token {
		return Token{Text: text, Form: text, UPOS: upos, XPOS: xpos, Lemma: strings.ToLower(text), Head: head, DepRel: rel, NER: "O"}
	}
	in := []Token{
		tk("Leaders", "NOUN", "NNS", 2, "nsubj"), tk("condemned", "VERB", "VBD", 0, "root"),
		tk("the", "DET", "DT", 2, "dep"), tk("“", "PUNCT", "``", 5, "punct"),
		tk("attempted", "VERB", "VBD", 2, "ccomp"), tk("coup", "NOUN", "NN", 5, "obj"),
		tk("”", "PUNCT", "''", 5, "punct"),
	}
	out := repairParticipleAdjectives(in)
	if out[5].Head != 2 || out[5].DepRel != "obj" || out[4].Head != 6 || out[4].DepRel != "amod" || out[2].Head != 6 || out[2].DepRel != "det" {
		t.Errorf("not repaired: %+v", out)
	}
	if in[5].Head != 5 {
		t.Error("the sentence's own tokens were changed")
	}
	s := Sentence{Tokens: in, Parsed: true}
	tr := newTree(&s)
	var got []string
	for _, c := range tr.clauses() {
		got = append(got, c.pred+":"+tr.words(c.obj.toks))
	}
	if strings.Join(got, ",") != "condemned:the “ attempted coup ”" {
		t.Errorf("clauses %v", got)
	}
	// a real verb with its own subject is left alone
	in2 := []Token{
		tk("He", "PRON", "PRP", 2, "nsubj"), tk("said", "VERB", "VBD", 0, "root"),
		tk("the", "DET", "DT", 4, "det"), tk("army", "NOUN", "NN", 5, "nsubj"),
		tk("seized", "VERB", "VBD", 2, "ccomp"), tk("power", "NOUN", "NN", 5, "obj"),
	}
	if out := repairParticipleAdjectives(in2); out[5].Head != 5 {
		t.Errorf("a verb with a subject was repaired: %+v", out)
	}
}

// TestRepairRelativeVerb: "members of the guard who fired warning shots"
// with "fired" parsed as a modifier of "shots" and "who" as its subject.
// TestRepairParticipleCopula: "were involved in" with "involved" tagged
// JJ is a passive verb with its oblique, unless an adverb grades it.
func TestRepairParticipleCopula(t *testing.T) {
	tk := func(text, upos, xpos, lemma string, head int, rel string) Token {
		return Token{Text: text, Form: text, UPOS: upos, XPOS: xpos, Lemma: lemma, Head: head, DepRel: rel, NER: "O"}
	}
	sentence := func(adverb bool) []Token {
		toks := []Token{
			tk("Soldiers", "NOUN", "NNS", "soldier", 3, "nsubj"), tk("were", "AUX", "VBD", "be", 3, "cop"),
			tk("involved", "ADJ", "JJ", "involved", 0, "root"), tk("in", "ADP", "IN", "in", 6, "case"),
			tk("the", "DET", "DT", "the", 6, "det"), tk("coup", "NOUN", "NN", "coup", 3, "obl"),
		}
		if adverb {
			toks[2].Text, toks[2].Form = "interested", "interested"
			toks = append(toks[:2:2], append([]Token{tk("very", "ADV", "RB", "very", 4, "advmod")}, toks[2:]...)...)
			for i := range toks {
				if toks[i].Head >= 3 {
					toks[i].Head++
				}
			}
			toks[2].Head = 4 // "very" grades "interested"
		}
		return toks
	}
	clauses := func(in []Token) string {
		s := Sentence{Tokens: in, Parsed: true}
		tr := newTree(&s)
		var got []string
		for _, c := range tr.clauses() {
			got = append(got, c.pred+":"+tr.words(c.obj.toks))
		}
		return strings.Join(got, ",")
	}
	in := sentence(false)
	if got := clauses(in); got != "involved_in:the coup" {
		t.Errorf("involved: clauses %q, want involved_in:the coup", got)
	}
	if in[2].XPOS != "JJ" || in[1].DepRel != "cop" {
		t.Error("the sentence's own tokens were changed")
	}
	if got := clauses(sentence(true)); !strings.HasPrefix(got, "is:") {
		t.Errorf("very interested: clauses %q, want the copula", got)
	}
}

func TestRepairRelativeVerb(t *testing.T) {
	got := extractGold(t, "Members:10:nsubj:pass:O of:4:case the:4:det guard:1:nmod:O who:8:nsubj fired:8:amod warning:8:compound "+
		"shots:4:acl:relcl were:10:aux:pass suspended:0:root .:10:punct")
	for _, g := range got {
		if g == "guard fire warning_shot" {
			return
		}
	}
	t.Errorf("no 'guard fire warning_shot' in %v", got)
}

func TestLinks(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "possessive place",
		sents: []string{"Ghana:3:nmod:poss:B-LOC 's:1:case army:4:nsubj mutinied:0:root .:4:punct"},
		want:  []string{"army of Ghana"},
	}, {
		name: "place deep in the object",
		sents: []string{"Rivera:2:nsubj:B-PER condemned:0:root the:4:det attack:2:obj by:6:case gunmen:4:nmod in:10:case the:10:det " +
			"Kivu:10:compound:B-LOC province:6:nmod .:2:punct"},
		want: []string{"Rivera condemn attack", "attack in Kivu_province", "gunman in Kivu_province"},
	}, {
		name:  "patient of a place argument",
		sents: []string{"Rebels:2:nsubj held:0:root Okafor:2:obj:B-PER in:6:case a:6:det prison:2:obl .:2:punct"},
		want:  []string{"rebel hold Okafor {in=in a prison}", "Okafor held_in prison"},
	}, {
		name:  "formal state name",
		sents: []string{"Rebels:2:nsubj entered:0:root the:4:det Republic:2:obj:B-LOC of:6:case Chad:4:nmod:I-LOC .:2:punct"},
		want:  []string{"rebel enter Chad"},
		not:   []string{"Republic_of"},
	}, {
		name:  "a bare common place is no link",
		sents: []string{"The:2:det progress:4:nsubj of:5:case country:2:nmod stalled:0:root .:4:punct"},
		not:   []string{" of country"},
	}, {
		name:  "negated clause gives no place link",
		sents: []string{"Rebels:4:nsubj did:4:aux not:4:advmod hold:0:root Okafor:4:obj:B-PER in:8:case a:8:det prison:4:obl .:4:punct"},
		not:   []string{"held_in"},
	}})
}

func TestPrepositionTakenForMarker(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "noun with a place, then its verb",
		sents: []string{"The:3:det British:3:amod:B-ORG Embassy:0:root:I-ORG in:6:mark Kabul:6:nsubj:B-LOC suspended:3:acl:relcl " +
			"its:8:nmod:poss services:6:obj .:3:punct"},
		want: []string{"British_Embassy suspend service", "British_Embassy in Kabul"},
		not:  []string{"Kabul suspend"},
	}, {
		name:  "a real relative clause stays one",
		sents: []string{"The:2:det embassy:0:root that:4:nsubj closed:2:acl:relcl .:2:punct"},
		not:   []string{"embassy close"},
	}})
}

func TestButIsNoPreposition(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name:  "but mistagged as a preposition",
		sents: []string{"Rivera:3:nsubj:B-PER was:3:aux doing:0:root well:3:advmod but:8:case that:8:det the:8:det army:3:obl .:3:punct"},
		not:   []string{"do_but"},
	}})
}

func TestMainVerbTakenForModifier(t *testing.T) {
	runConstruction(t, []constructionCase{{
		name: "object parsed as agent",
		sents: []string{"Soldiers:0:root of:4:case the:4:det Guard:1:nmod:B-ORG detained:1:acl President:7:compound Amara:5:obl:agent:B-PER " +
			"at:10:case the:10:det palace:5:obl .:1:punct"},
		want: []string{"soldier_of_Guard detain Amara {at=at the palace}", "Amara detained_at palace"},
	}, {
		name:  "a real reduced relative stays one",
		sents: []string{"Soldiers:0:root detained:1:acl by:4:case rebels:2:obl:agent .:1:punct"},
		want:  []string{"soldier detained_by rebel"},
		not:   []string{"soldier detain rebel"},
	}})
}

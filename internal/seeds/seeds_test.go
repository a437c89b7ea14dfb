package seeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
)

func fact(s, p string, o quad.Value, surface [3]string, neg bool) extract.Fact {
	return extract.Fact{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Surface: surface, Negated: neg, Kind: extract.KindActive}
}

func TestMatch(t *testing.T) {
	res := extract.Result{Facts: []extract.Fact{
		fact("Presidential_Guard", "confine", quad.IRI("Bazoum"), [3]string{"the presidential guards", "had confined", "Mohamed Bazoum"}, false),
		fact("Bazoum", "detained_by", quad.IRI("military"), [3]string{"he", "had been detained by", "the military"}, false),
		fact("government", "accept", quad.IRI("rule"), [3]string{"it", "will never accept", "their rule"}, true),
		fact("Guterres", "call_on", quad.IRI("country"), [3]string{"Guterres", "called on", "countries"}, false),
		fact("Issoufou", "step_down_after", quad.IRI("decade"), [3]string{"Issoufou", "stepped down after", "a decade"}, false),
		{Subject: quad.IRI("Bazoum"), Predicate: quad.IRI("name"), Object: quad.String("Mohamed Bazoum"), Kind: extract.KindEntity},
		fact("Massoudou", "has_title", quad.String("Minister of Foreign Affairs"), [3]string{"Hassoumi Massoudou", "", "Minister of Foreign Affairs"}, false),
	}}
	cands := Candidates(res)
	lex := extract.DefaultLexicon()
	for _, c := range []struct {
		row  string
		want bool
	}{
		{"d\tBazoum|Mohamed Bazoum\tdetain_by|confine_by\tPresidential Guard|presidential guards\tsynonym", true},
		{"d\tBazoum|Mohamed Bazoum\tdetain_by\tPresidential Guard\tpassive", false}, // confine ≠ detain without the lexicon
		{"d\tpresidential guards\tconfine\tMohamed Bazoum\tactive", true},
		{"d\tBazoum\tdetain_by\tmilitary\tcoreference", true},
		{"d\tNiger's government|government\taccept\ttheir rule|rule\tnegated", true},
		{"d\tGuterres\tcall on|call\tcountries in the Sahel region|countries\tactive", true},
		{"d\tMahamadou Issoufou|Issoufou\tstep down|step\tdecade in power|decade\tactive", true},
		{"d\tMassoudou\tbe\tMinister of Foreign Affairs|Minister\tapposition", true},
		{"d\tmilitary\tdetain\tBazoum\tactive", false}, // the active reading is not matched the other way round
		{"d\tBazoum\tkill_by\tmilitary\tpassive", false},
	} {
		rows, err := Read(strings.NewReader(c.row + "\n"))
		if err != nil || len(rows) != 1 {
			t.Fatalf("Read(%q): %v", c.row, err)
		}
		if _, got := Match(rows[0], cands, lex); got != c.want {
			t.Errorf("%s: matched %v, want %v", rows[0], got, c.want)
		}
	}
	if _, err := Read(strings.NewReader("a\tb\n")); err == nil {
		t.Error("a malformed line was accepted")
	}
}

// TestSeedsHeadline extracts the seed articles with the embedded models
// and checks that the headline fact is found; it skips when the articles
// or a parser are absent.
func TestSeedsHeadline(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "seeds")
	f, err := os.Open(filepath.Join(dir, "facts.tsv"))
	if err != nil {
		t.Skip("seed data absent")
	}
	rows, err := Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	if !a.HasParser() {
		t.Skip("no dependency parser embedded")
	}
	x, err := extract.NewExtractor(extract.Options{Analyzer: a})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, rows[0].Doc+".txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.ParseDocument(path, data, extract.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Match(rows[0], Candidates(res), extract.DefaultLexicon()); !ok {
		t.Errorf("headline fact %s not found", rows[0])
	}
}

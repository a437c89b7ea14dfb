package extract

import (
	"strings"
	"testing"
)

func TestPersonKeys(t *testing.T) {
	for _, c := range []struct {
		name    string
		mention [][]string
		keys    []string // key of each mention
		display string   // display name of the first mention's entity at the end
	}{
		{"surname unites", [][]string{{"Mohamed", "Bazoum"}, {"Bazoum"}}, []string{"Bazoum", "Bazoum"}, "Mohamed Bazoum"},
		{"short first, full later", [][]string{{"Bazoum"}, {"Mohamed", "Bazoum"}}, []string{"Bazoum", "Bazoum"}, "Mohamed Bazoum"},
		{"same surname, other first name", [][]string{{"Ali", "Kone"}, {"Awa", "Kone"}}, []string{"Kone", "Awa_Kone"}, "Ali Kone"},
		{"first name alone", [][]string{{"Awa", "Diallo"}, {"Awa"}}, []string{"Diallo", "Diallo"}, "Awa Diallo"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEntities()
			var first *entity
			for i, m := range c.mention {
				x := e.addPerson(m, strings.Join(m, " "), 0, Span{})
				if i == 0 {
					first = x
				}
				if x.key != c.keys[i] {
					t.Errorf("mention %v: key %q, want %q", m, x.key, c.keys[i])
				}
			}
			if first.display != c.display {
				t.Errorf("display %q, want %q", first.display, c.display)
			}
		})
	}
}

func TestSplitTitle(t *testing.T) {
	for _, c := range []struct{ in, title, name string }{
		{"President Mohamed Bazoum", "President", "Mohamed Bazoum"},
		{"Gen. Abdou Issa", "Gen.", "Abdou Issa"},
		{"Mr. Ode", "Mr.", "Ode"},
		{"Awa Diallo", "", "Awa Diallo"},
	} {
		ti, na := splitTitle(strings.Fields(c.in))
		if strings.Join(ti, " ") != c.title || strings.Join(na, " ") != c.name {
			t.Errorf("splitTitle(%q) = %q, %q", c.in, ti, na)
		}
	}
}

func TestIRIName(t *testing.T) {
	for in, want := range map[string]string{
		"Presidential Guard": "Presidential_Guard", " a  b ": "a__b", `x<y>"z"`: "xyz", "Côte d'Ivoire": "Côte_d'Ivoire",
	} {
		if got := iriName(in); got != want {
			t.Errorf("iriName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPronounCompatibility(t *testing.T) {
	person := &entity{typ: TypePerson}
	people := &entity{typ: TypePerson, plural: true}
	org := &entity{typ: TypeOrg}
	thing := &entity{typ: TypeThing}
	for _, c := range []struct {
		pron string
		x    *entity
		ok   bool
	}{
		{"he", person, true}, {"she", person, true}, {"his", person, true}, {"he", org, false}, {"he", people, false},
		{"they", people, true}, {"their", org, true}, {"they", person, false}, {"they", thing, false},
		{"it", thing, true}, {"its", org, true}, {"it", person, false}, {"it", people, false},
	} {
		if got := pronouns[c.pron].compatible(c.x); got != c.ok {
			t.Errorf("%s ~ %+v: %v, want %v", c.pron, *c.x, got, c.ok)
		}
	}
}

func TestEntityFacts(t *testing.T) {
	s1, t1 := goldSentence(t, "Police:2:nsubj questioned:0:root Grace:2:obj:B-PER Mwangi:3:flat:I-PER .:2:punct", 0)
	s2, t2 := goldSentence(t, "President:2:compound:O Mwangi:3:nsubj:B-PER denied:0:root the:5:det charges:3:obj .:3:punct", len(t1)+1)
	x, err := NewExtractor(Options{Analyzer: factAnalyzer(t)})
	if err != nil {
		t.Fatal(err)
	}
	res := x.FromSentences(Document{ID: "d", Text: t1 + "\n" + t2}, []Sentence{s1, s2})
	have := map[string]bool{}
	for _, f := range res.Facts {
		if f.Kind == KindEntity {
			have[factLine(f)] = true
		}
	}
	for _, w := range []string{`Mwangi type PERSON`, `Mwangi name "Grace Mwangi"`, `Mwangi alias "Mwangi"`, `police type ORG`, `charge type THING`} {
		if !have[w] {
			t.Errorf("missing entity fact %q; have %v", w, have)
		}
	}
}

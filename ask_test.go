package kg

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

type testClasses map[string][]string

func (t testClasses) Synonyms(l string) []string { return append([]string{l}, t[l]...) }

func TestAsk(t *testing.T) {
	db := openStory(t)
	ctx := context.Background()
	// A passive fact from a later document, an election with a date, and a
	// synonym of detain.
	extra := []store.Fact{
		{Quad: quad.Quad{Subject: EntityIRI("President Amara"), Predicate: quad.IRI("held_by"), Object: EntityIRI("army"), Label: store.Label("valdoria-3", 0)}, Evidence: &store.Evidence{Confidence: 0.9}},
		{Quad: quad.Quad{Subject: EntityIRI("President Amara"), Predicate: quad.IRI("elected_in"), Object: quad.TypedString{Value: "2019", Type: "http://www.w3.org/2001/XMLSchema#gYear"}, Label: store.Label("valdoria-3", 1)}, Evidence: &store.Evidence{Confidence: 0.9,
			// a time the parser attached to the verb, about something else
			Args: []store.Arg{{Role: "time", Value: "since its founding in 1960"}}}},
		{Quad: quad.Quad{Subject: EntityIRI("President Amara"), Predicate: quad.IRI("is"), Object: EntityIRI("head of state"), Label: store.Label("valdoria-3", 1)}, Evidence: &store.Evidence{Confidence: 0.9}},
	}
	err := db.Store().PutDocument(ctx, store.Document{ID: "valdoria-3", Date: "2024-07-20"},
		[]store.Sentence{{Index: 0, Text: "Amara is held by the army."}, {Index: 1, Text: "Amara, head of state, was elected in 2019."}}, extra)
	if err != nil {
		t.Fatal(err)
	}
	db.SetVerbClasses(testClasses{"detain": {"hold", "confine"}})
	tests := []struct {
		q    string
		want []string // answers, best first
	}{
		{"Who detained President Amara?", []string{"army", "Republican Guard"}},
		{"Who detained Amara?", []string{"army", "Republican Guard"}},
		{"What did the Coastal Union condemn?", []string{"coup"}},
		{"Who condemned the coup?", []string{"Coastal Union", "Northern League"}},
		{"When was Amara elected?", []string{"2019"}},
		{"Who is Amara?", []string{"head of state", "PERSON"}},
		{"What happened to Amara?", []string{"President Amara elected in 2019", "President Amara held by army", "Republican Guard detain President Amara"}},
		{"Who called on General Tesh?", []string{"Coastal Union"}},
		{"Who consulted the cabinet?", []string{"army"}}, // only a negated fact
	}
	for _, tt := range tests {
		res, err := db.Ask(ctx, tt.q)
		if err != nil {
			t.Errorf("Ask(%q): %v", tt.q, err)
			continue
		}
		var got []string
		for _, a := range res.Answers {
			got = append(got, a.Answer)
			for _, ev := range a.Evidence {
				if ev.Text == "" || ev.Doc == "" {
					t.Errorf("Ask(%q): answer %q has evidence without a sentence: %+v", tt.q, a.Answer, ev)
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") && !(tt.q == "What happened to Amara?" && sameSet(got, tt.want)) {
			t.Errorf("Ask(%q) = %q, want %q (parsed %+v)", tt.q, got, tt.want, res.Parsed)
		}
	}
	res, err := db.Ask(ctx, "Who consulted the cabinet?")
	if err != nil || len(res.Answers) == 0 {
		t.Fatalf("Ask: %v", err)
	}
	if a := res.Answers[0]; a.Score != 0 || !a.Evidence[0].Negated {
		t.Errorf("a negated fact counted as support: %+v", a)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestAskErrors(t *testing.T) {
	db := openStory(t)
	ctx := context.Background()
	for _, q := range []string{"Tell me everything.", "Why?", "Who"} {
		if _, err := db.Ask(ctx, q); !errors.Is(err, ErrQuestion) {
			t.Errorf("Ask(%q) = %v, want ErrQuestion", q, err)
		}
	}
	_, err := db.Ask(ctx, "Who detained President Amra?")
	var ue *UnknownEntityError
	if !errors.As(err, &ue) || len(ue.Suggestions) == 0 || ue.Suggestions[0] != "President Amara" {
		t.Errorf("unknown entity: %v", err)
	}
}

package kg

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

// story is a small fictional corpus stored as documents with evidence, as
// the extractor would store it.
type storyFact struct {
	s, p, o string
	sent    int
	neg     bool
}

var storyDocs = []struct {
	id, date  string
	sentences []string
	facts     []storyFact
}{
	{"valdoria-1", "2024-07-12", []string{
		"Soldiers of the Republican Guard detained President Amara in the capital.",
		"General Tesh, who leads the guard, declared a curfew.",
	}, []storyFact{
		{"Republican Guard", "detain", "President Amara", 0, false},
		{"General Tesh", "lead", "Republican Guard", 1, false},
		{"General Tesh", "declare", "curfew", 1, false},
	}},
	{"valdoria-2", "2024-07-13", []string{
		"The Coastal Union and the Northern League condemned the coup.",
		"Minister Oduya said the army had not consulted the cabinet.",
		"The Coastal Union called on General Tesh to free the president.",
	}, []storyFact{
		{"Coastal Union", "condemn", "coup", 0, false},
		{"Northern League", "condemn", "coup", 0, false},
		{"army", "consult", "cabinet", 1, true},
		{"Coastal Union", "call_on", "General Tesh", 2, false},
	}},
}

var storyTypes = map[string]string{
	"President Amara": "PERSON", "General Tesh": "PERSON", "Minister Oduya": "PERSON",
	"Republican Guard": "ORG", "Coastal Union": "ORG", "Northern League": "ORG", "coup": "EVENT",
}

func openStory(t testing.TB) *DB {
	t.Helper()
	db, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	for _, d := range storyDocs {
		var sents []store.Sentence
		for i, s := range d.sentences {
			sents = append(sents, store.Sentence{Index: i, Text: s})
		}
		var facts []store.Fact
		for _, f := range d.facts {
			facts = append(facts, store.Fact{
				Quad:     quad.Quad{Subject: EntityIRI(f.s), Predicate: quad.IRI(f.p), Object: EntityIRI(f.o), Label: store.Label(d.id, f.sent)},
				Evidence: &store.Evidence{Negated: f.neg, Confidence: 0.8},
			})
		}
		for name, typ := range storyTypes {
			facts = append(facts,
				store.Fact{Quad: quad.Quad{Subject: EntityIRI(name), Predicate: PredType, Object: quad.IRI(typ), Label: store.Label(d.id, 0)}},
				store.Fact{Quad: quad.Quad{Subject: EntityIRI(name), Predicate: PredName, Object: quad.String(name), Label: store.Label(d.id, 0)}})
		}
		facts = append(facts, store.Fact{Quad: quad.Quad{Subject: EntityIRI("President Amara"), Predicate: PredAlias, Object: quad.String("Amara"), Label: store.Label(d.id, 0)}})
		if err := db.Store().PutDocument(ctx, store.Document{ID: d.id, Date: d.date}, sents, facts); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func ExampleDB_Query() {
	ctx := context.Background()
	db, _ := Open(Options{InMemory: true})
	defer db.Close()
	db.Import(ctx, strings.NewReader(`<Coastal_Union> <condemn> <coup> <news-1#0> .
<Northern_League> <condemn> <coup> <news-1#0> .
<coup> <type> <EVENT> .
`), ImportOptions{})
	res, _ := db.Query(ctx, "?who condemn ?what . ?what type EVENT", QueryOptions{})
	for _, r := range res.Rows {
		fmt.Println(r.Values["who"], "condemned the", r.Values["what"])
	}
	// Output:
	// Coastal Union condemned the coup
	// Northern League condemned the coup
}

func ExampleDB_Path() {
	ctx := context.Background()
	db, _ := Open(Options{InMemory: true})
	defer db.Close()
	db.Import(ctx, strings.NewReader(`<Guard> <detain> <Amara> <d#0> .
<Tesh> <lead> <Guard> <d#1> .
`), ImportOptions{})
	paths, _ := db.Path(ctx, "Tesh", "Amara", PathOptions{})
	for _, h := range paths[0].Hops {
		fmt.Printf("%s %s %s (%s #%d)\n", h.Subject, h.Predicate, h.Object, h.Doc, h.Sentence)
	}
	// Output:
	// Tesh lead Guard (d #1)
	// Guard detain Amara (d #0)
}

func TestPathEveryHopHasItsSentence(t *testing.T) {
	db := openStory(t)
	paths, err := db.Path(context.Background(), "Northern League", "President Amara", PathOptions{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 || len(paths[0].Hops) != 5 {
		t.Fatalf("paths = %+v", paths)
	}
	for _, p := range paths {
		for _, h := range p.Hops {
			if h.Text == "" || h.Doc == "" || h.Date == "" {
				t.Fatalf("hop %+v has no evidence", h)
			}
			if !strings.Contains(h.Text, strings.Fields(h.Subject)[0]) && !strings.Contains(h.Text, strings.Fields(h.Object)[0]) {
				t.Errorf("hop %s–%s quotes an unrelated sentence %q", h.Subject, h.Object, h.Text)
			}
		}
	}
	if _, err := db.Path(context.Background(), "Amra", "coup", PathOptions{}); !errors.Is(err, ErrUnknownEntity) || !strings.Contains(err.Error(), `"President Amara"`) {
		t.Fatalf("unknown name: %v", err)
	}
	_, err = db.Path(context.Background(), "curfew", "coup", PathOptions{Directed: true})
	if !errors.Is(err, ErrNoPath) || !strings.Contains(err.Error(), "between curfew and coup") {
		t.Fatalf("no path: %v", err)
	}
}

func TestResolve(t *testing.T) {
	db := openStory(t)
	ctx := context.Background()
	tests := []struct {
		name string
		want quad.Value
	}{
		{"President Amara", quad.IRI("President_Amara")},
		{"president amara", quad.IRI("President_Amara")},
		{"<President_Amara>", quad.IRI("President_Amara")},
		{"President_Amara", quad.IRI("President_Amara")},
		{"Amara", quad.IRI("President_Amara")}, // alias
		{"  coastal   UNION ", quad.IRI("Coastal_Union")},
	}
	for _, tt := range tests {
		got, err := db.Resolve(ctx, tt.name)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q) = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	var ue *UnknownEntityError
	_, err := db.Resolve(ctx, "Coastal Unoin")
	if !errors.As(err, &ue) || len(ue.Suggestions) == 0 || ue.Suggestions[0] != "Coastal Union" {
		t.Fatalf("misspelt name: %v", err)
	}
	if _, err := db.Resolve(ctx, "<Nobody>"); !errors.Is(err, ErrUnknownEntity) {
		t.Fatalf("unknown IRI: %v", err)
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct{ q, msg string }{
		{"", "empty query"},
		{"a b", "needs subject, predicate and object"},
		{"a b c d", "expected '.' between patterns"},
		{"a ? c", "'?' must be followed"},
		{`a b "open`, "string not closed"},
		{"<a b c", "IRI not closed"},
		{`a "p" c`, "predicate"},
	}
	for _, tt := range tests {
		_, err := parseQuery(tt.q)
		var qe *QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.msg) {
			t.Errorf("parseQuery(%q) = %v, want %q", tt.q, err, tt.msg)
		}
	}
	ok := []string{"a b c", "a b c .", "?x b ?y . ?y c *", "a b c. d e f", `a b "x"@en`, `?s <p> "2021"^^<http://www.w3.org/2001/XMLSchema#gYear>`}
	for _, q := range ok {
		if _, err := parseQuery(q); err != nil {
			t.Errorf("parseQuery(%q) = %v", q, err)
		}
	}
}

// TestQueryJoinsAgainstBruteForce compares two-pattern joins with a nested
// loop over every stored quad.
func TestQueryJoinsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	db, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var qs []quad.Quad
	for i := 0; i < 300; i++ {
		qs = append(qs, quad.MakeIRI(fmt.Sprintf("e%d", r.IntN(25)), fmt.Sprintf("p%d", r.IntN(4)), fmt.Sprintf("e%d", r.IntN(25)), ""))
	}
	if err := db.Store().Add(context.Background(), qs...); err != nil {
		t.Fatal(err)
	}
	for trial := 0; trial < 60; trial++ {
		p1, p2 := fmt.Sprintf("p%d", r.IntN(4)), fmt.Sprintf("p%d", r.IntN(4))
		q := fmt.Sprintf("?a %s ?b . ?b %s ?c", p1, p2)
		res, err := db.Query(context.Background(), q, QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range res.Rows {
			got = append(got, row.Bound["a"].String()+row.Bound["b"].String()+row.Bound["c"].String())
		}
		var want []string
		seen := map[string]bool{}
		for _, x := range qs {
			for _, y := range qs {
				if x.Predicate == quad.IRI(p1) && y.Predicate == quad.IRI(p2) && x.Object == y.Subject {
					k := x.Subject.String() + x.Object.String() + y.Object.String()
					if !seen[k] {
						seen[k] = true
						want = append(want, k)
					}
				}
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d rows, brute force %d", q, len(got), len(want))
		}
	}
}

func TestQueryShowsNegationAndLexicon(t *testing.T) {
	db := openStory(t)
	ctx := context.Background()
	res, err := db.Query(ctx, "army consult ?x", QueryOptions{Evidence: true})
	if err != nil || len(res.Rows) != 1 || !res.Rows[0].Evidence[0].Negated {
		t.Fatalf("negated fact: %+v, %v", res, err)
	}
	// Without a lexicon, detained_by finds nothing; with one that maps it
	// to the active detain, it finds the guard.
	db.SetLexicon(nil)
	res, err = db.Query(ctx, "President_Amara detained_by ?x", QueryOptions{})
	if err != nil || len(res.Rows) != 0 {
		t.Fatalf("without lexicon: %+v, %v", res, err)
	}
	db.SetLexicon(testLexicon{"detained_by": {{"detain", true}, {"confine", true}}})
	res, err = db.Query(ctx, "President_Amara detained_by ?x", QueryOptions{})
	if err != nil || len(res.Rows) != 1 || res.Rows[0].Values["x"] != "Republican Guard" {
		t.Fatalf("with lexicon: %+v, %v", res, err)
	}
	// The embedded lexicon: confine, hold … are detain.
	db2 := openStory(t)
	db2.Store().Add(ctx, quad.MakeIRI("army", "confine", "Minister_Oduya", "valdoria-2#1"))
	res, err = db2.Query(ctx, "Minister_Oduya detained_by ?x", QueryOptions{})
	if err != nil || len(res.Rows) != 1 || res.Rows[0].Values["x"] != "army" {
		t.Fatalf("embedded lexicon: %+v, %v", res, err)
	}
}

type testLexicon map[string][]PredicateForm

func (l testLexicon) Expand(p string) []PredicateForm { return l[p] }

func TestGraphCacheFollowsTheStore(t *testing.T) {
	db, err := Open(DefaultOptions(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db.Store().Add(ctx, quad.MakeIRI("a", "p", "b", "d#0"))
	s1, err := db.Graph(ctx, nil)
	if err != nil || s1.Size() != 1 {
		t.Fatalf("graph: %v, %v", s1, err)
	}
	if s2, _ := db.Graph(ctx, nil); s2 != s1 {
		t.Fatal("unchanged store: snapshot rebuilt")
	}
	db.Store().Add(ctx, quad.MakeIRI("b", "p", "c", "d#1"))
	s3, err := db.Graph(ctx, nil)
	if err != nil || s3.Size() != 2 {
		t.Fatalf("after a write the graph has %d facts", s3.Size())
	}
	dir := db.Store().Dir()
	db.Close()
	// A new process reads the cached snapshot from disk.
	db, err = Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s := db.readSnapshot(db.Store().Generation()); s == nil || s.Size() != 2 {
		t.Fatal("no usable snapshot cache on disk")
	}
}

func TestExportFocusAndFormats(t *testing.T) {
	db := openStory(t)
	ctx := context.Background()
	var b strings.Builder
	rep, err := db.Export(ctx, &b, ExportOptions{Format: "dot", Focus: "President Amara", Depth: 2, Communities: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Nodes != 3 || !strings.Contains(b.String(), "General Tesh") || strings.Contains(b.String(), "Coastal Union") {
		t.Fatalf("focused DOT: %+v\n%s", rep, b.String())
	}
	b.Reset()
	if _, err := db.Export(ctx, &b, ExportOptions{Format: "json"}); err != nil || !strings.Contains(b.String(), `"negated": true`) {
		t.Fatalf("JSON export lacks the negated fact: %v", err)
	}
	if _, err := db.Export(ctx, &b, ExportOptions{Format: "xml"}); err == nil {
		t.Fatal("unknown format accepted")
	}
}

func TestIngestRefusesDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "story.txt"), []byte("The guards detained the minister.\n"), 0o644)
	}
	db, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Ingest(context.Background(), nil, []string{dir}, IngestOptions{})
	if !errors.Is(err, ErrDuplicateDocument) || !strings.Contains(err.Error(), filepath.Join("a", "story.txt")) || !strings.Contains(err.Error(), filepath.Join("b", "story.txt")) {
		t.Fatalf("Ingest = %v", err)
	}
}

func TestIngestSkipsUnchangedAndReplacesEdited(t *testing.T) {
	db, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	r1, err := db.IngestText(ctx, "note", "2025-01-02", "The guards detained the minister.")
	if err != nil || r1.Added != 1 {
		t.Fatalf("first: %+v %v", r1, err)
	}
	r2, err := db.IngestText(ctx, "note", "2025-01-02", "The guards detained the minister.")
	if err != nil || r2.Unchanged != 1 || r2.Facts != 0 {
		t.Fatalf("unchanged: %+v %v", r2, err)
	}
	r3, err := db.IngestText(ctx, "note", "2025-01-02", "The soldiers released the minister.")
	if err != nil || r3.Replaced != 1 {
		t.Fatalf("edited: %+v %v", r3, err)
	}
	st, _ := db.Stats(ctx)
	if st.Documents != 1 {
		t.Fatalf("%d documents after re-ingesting one", st.Documents)
	}
	for q, err := range db.Store().Match(ctx, store.Pattern{}) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(q.String(), "guard") {
			t.Fatalf("the edited document kept an old fact: %v", q)
		}
	}
}

func TestTimelineInDateOrder(t *testing.T) {
	db := openStory(t)
	evs, err := db.Timeline(context.Background(), "General Tesh")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, ev := range evs {
		if ev.Predicate == "alias" || ev.Predicate == "type" || ev.Predicate == "name" {
			t.Errorf("attribute %s in the timeline", ev.Predicate)
		}
		if i > 0 && ev.Date < evs[i-1].Date {
			t.Errorf("event %d (%s) before event %d (%s)", i, ev.Date, i-1, evs[i-1].Date)
		}
		if ev.Text == "" {
			t.Errorf("event without its sentence: %+v", ev)
		}
		got = append(got, ev.Predicate+" "+ev.Date)
	}
	want := []string{"lead 2024-07-12", "declare 2024-07-12", "call on 2024-07-13"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("timeline = %q, want %q", got, want)
	}
}

package kg

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir is where the seed articles are, beside the repository.
var seedsDir = filepath.Join("..", "shared", "data", "seeds")

// openSeeds ingests the seed articles (skipping when they are absent).
func openSeeds(t *testing.T) *DB {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if len(files) == 0 {
		t.Skip("seed articles absent")
	}
	db, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Ingest(context.Background(), nil, files, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestSeedsAcceptance is issue 5's acceptance on the seed articles: the
// questions, their evidence, and a DOT export that renders. (The path
// from Guterres to Bazoum is not found yet: the link runs through place
// arguments and titles, which are not graph edges.)
func TestSeedsAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	db := openSeeds(t)
	ctx := context.Background()
	answers := func(q string) map[string]Answer {
		t.Helper()
		res, err := db.Ask(ctx, q)
		if err != nil {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		m := map[string]Answer{}
		for _, a := range res.Answers {
			m[strings.ToLower(a.Answer)] = a
			for _, ev := range a.Evidence {
				if ev.Text == "" || ev.Doc == "" || ev.Date == "" {
					t.Errorf("Ask(%q): answer %q has evidence without sentence, document or date: %+v", q, a.Answer, ev)
				}
			}
		}
		return m
	}
	who := answers("Who detained Bazoum?")
	for _, want := range []string{"presidential guard", "military"} {
		if a, ok := who[want]; !ok || a.Score <= 0 {
			t.Errorf("Who detained Bazoum? lacks %q (answers %v)", want, keys(who))
		}
	}
	what := answers("What did the African Union condemn?")
	found := false
	for k := range what {
		found = found || strings.Contains(k, "coup")
	}
	if !found {
		t.Errorf("What did the African Union condemn? lacks the attempted coup (answers %v)", keys(what))
	}
	when := answers("When was Bazoum elected?")
	if a, ok := when["2021"]; !ok || len(when) != 1 || a.Score <= 0 {
		t.Errorf("When was Bazoum elected? = %v, want 2021 alone", keys(when))
	}
	where := answers("Where was Bazoum held?")
	found = false
	for k := range where {
		found = found || strings.Contains(k, "presidential palace")
	}
	if !found || len(where) != 1 {
		t.Errorf("Where was Bazoum held? = %v, want the presidential palace once", keys(where))
	}
	paths, err := db.Path(ctx, "Guterres", "Bazoum", PathOptions{})
	if err != nil {
		t.Fatalf("Path(Guterres, Bazoum): %v", err)
	}
	if len(paths) == 0 || len(paths[0].Hops) == 0 {
		t.Fatalf("Path(Guterres, Bazoum) = %v, want a path", paths)
	}
	at := "António Guterres"
	for i, h := range paths[0].Hops {
		if h.Text == "" || h.Doc == "" {
			t.Errorf("hop %d %s – %s – %s has no sentence", i, h.Subject, h.Predicate, h.Object)
		}
		switch at {
		case h.Subject:
			at = h.Object
		case h.Object:
			at = h.Subject
		default:
			t.Errorf("hop %d %s – %s – %s does not continue from %s", i, h.Subject, h.Predicate, h.Object, at)
		}
	}
	if at != "Mohamed Bazoum" {
		t.Errorf("Path(Guterres, Bazoum) ends at %q", at)
	}
	var dot bytes.Buffer
	if _, err := db.Export(ctx, &dot, ExportOptions{Format: "dot", Communities: true}); err != nil {
		t.Fatal(err)
	}
	if bin, err := exec.LookPath("dot"); err == nil {
		cmd := exec.Command(bin, "-Tsvg", "-o", os.DevNull)
		cmd.Stdin = &dot
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("dot -Tsvg on the seed graph: %v %s", err, stderr.String())
		}
	}
}

func keys(m map[string]Answer) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

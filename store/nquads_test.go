package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

const goodNQ = `# a comment
<a> <knows> <b> .
<b> <name> "Bee"@en <doc1#0> .
_:x <age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .

<a> <knows> <b> .
`

func TestImportParsesAndDedups(t *testing.T) {
	s := openMem(t)
	res, err := s.Import(context.Background(), strings.NewReader(goodNQ), ImportOptions{Name: "good.nq"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 4 || res.Stored != 3 || res.Skipped != 0 {
		t.Fatalf("Import = %+v", res)
	}
	st, _ := s.Stats(context.Background())
	if st.Quads != 3 || st.Documents != 1 {
		t.Fatalf("Stats = %+v", st)
	}
}

func exportSorted(t testing.TB, s *Store) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.Export(context.Background(), &buf, Pattern{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func TestExportImportRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	src := openMem(t)
	bulkLoad(t, src, randomQuads(r, 2000))
	dir := t.TempDir()
	for _, name := range []string{"all.nq", "all.nq.gz"} {
		path := filepath.Join(dir, name)
		n, err := src.ExportFile(context.Background(), path, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		dst := openDir(t, filepath.Join(dir, name+".db"))
		res, err := dst.ImportFile(context.Background(), path, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Stored != n {
			t.Fatalf("%s: exported %d, imported %d", name, n, res.Stored)
		}
		if a, b := exportSorted(t, src), exportSorted(t, dst); a != b {
			t.Fatalf("%s: sorted N-Quads differ after round trip", name)
		}
	}
}

// TestMalformedLineLeavesStoreIntact checks the atomic import: a bad line
// in the middle names file and line, and nothing of the file is stored;
// the store's earlier content is untouched. Both bulk paths are covered:
// into an empty store and into a non-empty one.
func TestMalformedLineLeavesStoreIntact(t *testing.T) {
	bad := nq("<x> <p> <y> .", "<x> <p> <z> .", "<x> <p> broken", "<x> <p> <w> .")
	for _, before := range []string{"", goodNQ} {
		s := openDir(t, t.TempDir())
		ctx := context.Background()
		if before != "" {
			if _, err := s.Import(ctx, strings.NewReader(before), ImportOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		was := exportSorted(t, s)
		_, err := s.Import(ctx, strings.NewReader(bad), ImportOptions{Name: "bad.nq"})
		var se *SyntaxError
		if !errors.As(err, &se) || se.File != "bad.nq" || se.Line != 3 {
			t.Fatalf("Import = %v, want a SyntaxError at bad.nq:3", err)
		}
		if !strings.Contains(err.Error(), "bad.nq:3: ") {
			t.Fatalf("error %q does not name bad.nq:3", err)
		}
		if now := exportSorted(t, s); now != was {
			t.Fatalf("store changed by a failed import:\n%s\nwas\n%s", now, was)
		}
		// With SkipBad the good lines go in and the bad one is counted.
		res, err := s.Import(ctx, strings.NewReader(bad), ImportOptions{Name: "bad.nq", SkipBad: true})
		if err != nil || res.Skipped != 1 || res.Stored != 3 || len(res.Bad) != 1 || res.Bad[0].Line != 3 {
			t.Fatalf("Import with SkipBad = %+v, %v", res, err)
		}
	}
}

func TestReaderErrors(t *testing.T) {
	long := "<a> <p> \"" + strings.Repeat("x", 300) + "\" .\n"
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"syntax", "<a> <p> <b> .\n<a> <p>\n", 2, "column 8: missing object"},
		{"bad utf8", "<a> <p> \"ok\" .\n<a> <p> \"\xff\" .\n", 2, "invalid UTF-8 at byte 9"},
		{"long line", "<a> <p> <b> .\n" + long, 2, "longer than 200 bytes"},
		{"no final dot", "<a> <p> <b>", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), "in.nq")
			r.SetMaxLine(200)
			var err error
			for err == nil {
				_, err = r.ReadQuad()
			}
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line != tt.line || !strings.Contains(se.Msg, tt.msg) {
				t.Fatalf("error = %v, want line %d containing %q", err, tt.line, tt.msg)
			}
			// A syntax error is not sticky: the reader goes on to EOF.
			for err != io.EOF {
				_, err = r.ReadQuad()
				if err != nil && err != io.EOF && !errors.As(err, &se) {
					t.Fatalf("after a syntax error: %v", err)
				}
			}
		})
	}
}

func TestImportMoviesWhenPresent(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := filepath.Join("..", "..", "shared", "data", "movies", "30kmoviedata.nq.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared movies data absent")
	}
	want := distinctLines(t, path)
	s := openDir(t, t.TempDir())
	res, err := s.ImportFile(context.Background(), path, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != want || st.Quads != want {
		t.Fatalf("imported %d, stats %d, file has %d distinct quads", res.Stored, st.Quads, want)
	}
	checkIndexesAgree(t, s, idxPOSL)
}

// distinctLines counts the distinct quads of an N-Quads file with the
// parser alone, as the brute-force reference.
func distinctLines(t testing.TB, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		q, err := nquads.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		seen[q.NQuad()] = true
	}
	return len(seen)
}

// FuzzImport feeds arbitrary bytes to the N-Quads import. It must never
// panic; a failed import must leave the store as it was; a successful one
// must store exactly the quads the reader yields.
func FuzzImport(f *testing.F) {
	f.Add([]byte(goodNQ))
	f.Add([]byte("<a> <b> \"c\\u00e9\"@fr <g> .\n<a> <b> _:c ."))
	f.Add([]byte("<a> <b> \"\xff\" .\n"))
	f.Add([]byte("<a> <b> <c> <d> <e> .\n"))
	f.Add([]byte("\"lit\" <p> <o> .\n<s> <p> \"x\"^^<t> .\n"))
	s, err := Open(DefaultOptions("").WithInMemory(true))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, in []byte) {
		ctx := context.Background()
		before, err := s.Count(ctx, Pattern{})
		if err != nil {
			t.Fatal(err)
		}
		var want []quad.Quad
		r := NewReader(bytes.NewReader(in), "fuzz")
		clean := true
		for {
			q, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				clean = false
				continue
			}
			want = append(want, q)
		}
		_, err = s.Import(ctx, bytes.NewReader(in), ImportOptions{Name: "fuzz"})
		after, cerr := s.Count(ctx, Pattern{})
		if cerr != nil {
			t.Fatal(cerr)
		}
		if err != nil {
			if after != before {
				t.Fatalf("failed import changed the store: %d → %d quads (%v)", before, after, err)
			}
			return
		}
		if !clean {
			t.Fatalf("import succeeded on input the reader rejects")
		}
		for _, q := range want {
			found := false
			for got, err := range s.Match(ctx, Pattern(q)) {
				if err != nil {
					t.Fatal(err)
				}
				found = found || got.NQuad() == q.NQuad()
			}
			if !found {
				t.Fatalf("quad %v read but not stored", q)
			}
		}
	})
}

func TestCheckNQuad(t *testing.T) {
	tests := []struct {
		line string
		err  string // "" for valid
	}{
		{`<a> <p> <b> .`, ""},
		{`<a> <p> <b> <g> .`, ""},
		{`_:x <p> "lit"@en-GB .`, ""},
		{`_:x <p> "l\"it"^^<http://x/t> _:g .`, ""},
		{`</en/x> <name> "Casablanca" .`, ""},
		{`_:b1 <p> _:b2.`, ""},
		{`<a> <p> <b> . # comment`, ""},
		{`<a> <p> oops .`, "column 9: expected the object"},
		{`x <p> <y> .`, "column 1: expected the subject"},
		{`<a b> <p> <c> .`, "column 3: character ' ' is not allowed in an IRI"},
		{`"s" <p> <c> .`, "column 1: the subject cannot be a literal"},
		{`<a> _:p <c> .`, "column 5: the predicate must be an IRI"},
		{`<a> <p> <c> "g" .`, "column 13: the graph label cannot be a literal"},
		{`<a> <p> <c> <g> <h> .`, "expected '.' after the graph label"},
		{`<a> <p> <c>`, "missing the final '.'"},
		{`<a> <p>`, "missing object"},
		{`<a> <p> "open .`, "string not closed"},
		{`<a> <p> <c> . junk`, "unexpected 'j' after the final '.'"},
		{`<a> <p> "x"@ .`, "empty language tag"},
		{`<a> <p> "x"^^t .`, "expected a datatype IRI"},
		{`<a> <p> <c>x .`, "expected a space after the object"},
	}
	for _, tt := range tests {
		err := checkNQuad([]byte(tt.line))
		if tt.err == "" && err != nil {
			t.Errorf("checkNQuad(%s) = %v, want valid", tt.line, err)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("checkNQuad(%s) = %v, want %q", tt.line, err, tt.err)
		}
	}
}

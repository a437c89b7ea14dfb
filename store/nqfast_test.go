package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/internal/synth"
)

// sameAsNQuads checks that fastNQuad, where it answers for line, gives
// what nquads.Parse gives: the same values of the same Go types. It
// reports whether the fast path answered.
func sameAsNQuads(t *testing.T, line []byte) bool {
	t.Helper()
	line = bytes.TrimSpace(line)
	if !utf8.Valid(line) || checkNQuad(line) != nil {
		return false
	}
	got, ok := fastNQuad(line)
	if !ok {
		return false
	}
	want, err := nquads.Parse(string(line))
	if err != nil {
		t.Fatalf("%q: fast path read %v, nquads fails: %v", line, got, err)
	}
	for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		g, w := got.Get(d), want.Get(d)
		if fmt.Sprintf("%T %#v", g, g) != fmt.Sprintf("%T %#v", w, w) {
			t.Fatalf("%q: term %d: fast path %T %#v, nquads %T %#v", line, i, g, g, w, w)
		}
	}
	return true
}

func TestFastNQuad(t *testing.T) {
	for _, c := range []struct {
		line string
		fast bool
	}{
		{`<a> <b> <c> .`, true},
		{`<a> <b> <c> <g> .`, true},
		{"<a>\t<b>\t<c>\t.", true},
		{`_:x1 <b> _:y.z <g> .`, true},
		{`<a> <b> "plain" .`, true},
		{`<a> <b> "" .`, true},
		{`<a> <b> "héllo wörld" <doc#1> .`, true},
		{`<a> <b> "chat"@fr .`, true},
		{`<a> <b> "colour"@en-GB .`, true},
		{`<a> <b> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .`, true},
		{`<a> <b> "2013-12-20"^^<http://www.w3.org/2001/XMLSchema#date> <d> .`, true},
		{`<a> <b> "x"^^<http://example.org/t> .`, true},
		{`<a> <b> "1.5"^^<http://www.w3.org/2001/XMLSchema#double> . # comment`, true},
		{`<http://ex.org/ü> <b> <c> .`, true},
		// to nquads
		{`<a> <b> "tab\there" .`, false},
		{`<a> <b> "\u00e9" .`, false},
		{`<a> <b> <c>.`, false},
		{`_:x. <b> <c> .`, false},
		{`<a> <b> "x"@1en .`, false},
		{`<a> <b> "x"@en- .`, false},
	} {
		got := sameAsNQuads(t, []byte(c.line))
		if got != c.fast {
			t.Errorf("%q: fast path %v, want %v", c.line, got, c.fast)
		}
	}
}

// TestFastNQuadOnData runs the fast path and nquads on every line of the
// benchmarks' synthetic file and, when present, the movies file: they
// agree, and the fast path reads every line without a backslash escape.
func TestFastNQuadOnData(t *testing.T) {
	var b bytes.Buffer
	if err := synth.Write(&b, 20000); err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		n, fast, escaped := 0, 0, 0
		for sc.Scan() {
			n++
			line := sc.Bytes()
			if bytes.IndexByte(line, '\\') >= 0 {
				escaped++
				continue
			}
			if !sameAsNQuads(t, line) {
				t.Errorf("%s: line %d: %q does not take the fast path", name, n, line)
			}
			fast++
		}
		t.Logf("%s: %d lines, %d on the fast path, %d with escapes", name, n, fast, escaped)
	}
	check("synthetic", b.Bytes())
	movies := filepath.Join("..", "..", "shared", "data", "movies", "30kmoviedata.nq.gz")
	f, err := os.Open(movies)
	if err != nil {
		t.Logf("movies absent: %v", err)
		return
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	if _, err := mb.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	if !testing.Short() {
		check("movies", mb.Bytes())
	}
}

// FuzzFastNQuad: wherever the fast path answers, nquads.Parse gives the
// same quad.
func FuzzFastNQuad(f *testing.F) {
	for _, s := range []string{
		`<a> <b> <c> .`, `_:x1 <b> _:y.z <g> .`, `<a> <b> "chat"@fr-CA .`,
		`<a> <b> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<a> <b> "2013-12-20"^^<http://www.w3.org/2001/XMLSchema#date> <d> .`,
		`<a> <b> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .`,
		`<a> <b> "x" . # c`, `_:a-b <p> "" .`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		sameAsNQuads(t, []byte(line))
	})
}

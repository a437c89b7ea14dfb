package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad/nquads"
)

// TestMovies builds a snapshot of the 30k-movie N-Quads file from the shared
// data (real data with blank nodes and no labels), runs the algorithms on it
// and exports it to DOT, which must parse and render without warnings. It
// skips when the shared data is absent, and in -short mode.
func TestMovies(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	path := filepath.Join("..", "..", "shared", "data", "movies", "30kmoviedata.nq.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m := newMemStore()
	r := nquads.NewReader(zr, false)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		m.add(q)
	}
	s, err := Build(context.Background(), m, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Films, people and performance blank nodes; starring, actor and
	// directed_by lines (names and types are attributes).
	if s.Len() < 100000 || s.Size() < 250000 {
		t.Fatalf("%d nodes, %d lines", s.Len(), s.Size())
	}
	t.Logf("%d quads: %d nodes, %d lines (%v)", len(m.quads), s.Len(), s.Size(), time.Since(start))
	c, err := s.Communities(CommunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Method != Louvain || c.Modularity < 0.5 {
		t.Errorf("communities: method %v, modularity %.3f", c.Method, c.Modularity)
	}
	t.Logf("communities: %d, Q %.3f (%v)", len(c.Groups), c.Modularity, time.Since(start))
	top, err := s.Rank(PageRank, RankOptions{Top: 300})
	if err != nil {
		t.Fatal(err)
	}
	scores := make([]float64, s.Len())
	for _, sc := range top {
		scores[sc.Node] = sc.Score + 1
	}
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, &ExportOptions{Communities: c, Scores: scores})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Nodes != DefaultMaxNodes || rep.OmittedNodes != s.Len()-DefaultMaxNodes {
		t.Errorf("report %+v", rep)
	}
	t.Logf("algorithms and export done (%v)", time.Since(start))
	checkDOT(t, buf.Bytes(), rep)
	t.Logf("DOT checked (%v)", time.Since(start))
}

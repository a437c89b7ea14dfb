package depparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/internal/conllu"
)

// dataDir is the shared treebank folder, beside the repository.
var dataDir = filepath.Join("..", "..", "..", "..", "shared", "data")

// loadTreebank reads a CoNLL-U file as gold sentences with XPOS tags,
// keeping only sentences whose sent_id starts with prefix. It skips the
// test when the file is absent.
func loadTreebank(t testing.TB, rel, prefix string) []Sentence {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, rel))
	if err != nil {
		t.Skipf("treebank not available: %v", err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []Sentence
	for _, s := range ss {
		if prefix != "" {
			id, _ := s.Comment("sent_id")
			if !strings.HasPrefix(id, prefix) {
				continue
			}
		}
		var g Sentence
		for _, w := range s.Words {
			g.Words = append(g.Words, w.Form)
			g.Tags = append(g.Tags, w.XPOS)
			g.Heads = append(g.Heads, w.Head)
			g.Rels = append(g.Rels, w.DepRel)
		}
		out = append(out, g)
	}
	return out
}

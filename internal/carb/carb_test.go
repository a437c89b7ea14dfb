package carb

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataDir = "../../../shared/data/carb"

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, name))
	if err != nil {
		t.Skipf("CaRB data absent: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func near(a, b float64) bool { return math.Abs(a-b) < 5e-6 }

// TestFixture checks the scorer against the figures the CaRB README gives
// for dev_openie5_pred.tsv, the empty file and the gold itself.
func TestFixture(t *testing.T) {
	gold, err := ReadGold(open(t, "dev_gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	pred, err := ReadPredictions(open(t, "dev_openie5_pred.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	// gold as predictions: confidence 1.0, C: fields dropped
	var gb bytes.Buffer
	raw, _ := os.ReadFile(filepath.Join(dataDir, "dev_gold.tsv"))
	for _, l := range strings.Split(string(raw), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		f := strings.Split(l, "\t")
		out := []string{strings.TrimSpace(f[0]), "1.0", strings.TrimSpace(f[1])}
		for _, a := range f[2:] {
			if !strings.Contains(a, "C: ") {
				out = append(out, strings.TrimSpace(a))
			}
		}
		gb.WriteString(strings.Join(out, "\t") + "\n")
	}
	self, err := ReadPredictions(&gb)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name        string
		pred        *Sentences
		one         bool
		f1, p, r, a float64
	}{
		{"openie5", pred, false, 0.458109, 0.525691, 0.405924, 0.240210},
		{"openie5 1-1", pred, true, 0.395726, 0.525691, 0.317284, 0.186227},
		{"empty", newSentences(), false, 0, 0, 0, 0},
		{"gold", self, false, 0.999608, 0.999608, 0.999608, 0.999411},
	} {
		r := Evaluate(gold, c.pred, c.one)
		if !near(r.F1, c.f1) || !near(r.P, c.p) || !near(r.R, c.r) || !near(r.AUC, c.a) {
			t.Errorf("%s: F1 %.6f P %.6f R %.6f AUC %.6f, want %.6f %.6f %.6f %.6f", c.name, r.F1, r.P, r.R, r.AUC, c.f1, c.p, c.r, c.a)
		}
	}
}

func TestScorePair(t *testing.T) {
	for _, c := range []struct {
		g, p  Tuple
		wp, r float64
	}{
		{Tuple{Rel: "seized", Args: []string{"the rebels", "the town"}}, Tuple{Rel: "seized", Args: []string{"the rebels", "the town"}}, 1, 1},
		{Tuple{Rel: "seized", Args: []string{"the rebels", "the town"}}, Tuple{Rel: "took", Args: []string{"the rebels", "the town"}}, 0, 0},
		{Tuple{Rel: "seized", Args: []string{"rebels", "the town"}}, Tuple{Rel: "seized", Args: []string{"rebels"}}, 0, 0},
		// be rule: an unpaired predicted "be" earns a token against "is"
		{Tuple{Rel: "is", Args: []string{"A", "B"}}, Tuple{Rel: "be", Args: []string{"A", "B"}}, 1, 1},
		// speech verbs: slots swapped
		{Tuple{Rel: "said", Args: []string{"he", "rain fell"}}, Tuple{Rel: "said", Args: []string{"rain fell", "he"}}, 1, 1},
		{Tuple{Rel: "won", Args: []string{"Ada", "the race", "in May"}}, Tuple{Rel: "won", Args: []string{"Ada", "the race"}}, 1, 4.0 / 6},
	} {
		p, r := Score(c.g, c.p)
		if !near(p, c.wp) || !near(r, c.r) {
			t.Errorf("%v vs %v: %v %v, want %v %v", c.g, c.p, p, r, c.wp, c.r)
		}
	}
}

func TestKey(t *testing.T) {
	if got := Key("He said -LRB- twice -RRB- , `` no . ''"); got != "Hesaidtwiceno" {
		t.Errorf("Key = %q", got)
	}
}

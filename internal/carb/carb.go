package carb

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Tuple is one extraction: a relation and its arguments (arg1 first).
type Tuple struct {
	Rel        string
	Args       []string
	Confidence float64
}

// Sentences maps a sentence key (see Key) to its tuples, in file order.
type Sentences struct {
	Keys   []string // keys in order of first appearance
	Tuples map[string][]Tuple
	Count  int // tuples read
}

func newSentences() *Sentences { return &Sentences{Tuples: map[string][]Tuple{}} }

// NewSentences returns an empty set of tuples.
func NewSentences() *Sentences { return newSentences() }

// Add adds a tuple of sentence (grouped by its Key).
func (s *Sentences) Add(sentence string, t Tuple) { s.add(Key(sentence), t) }

func (s *Sentences) add(key string, t Tuple) {
	if _, ok := s.Tuples[key]; !ok {
		s.Keys = append(s.Keys, key)
	}
	s.Tuples[key] = append(s.Tuples[key], t)
	s.Count++
}

// Key makes the grouping key of a sentence: spaces deleted, -LRB- and
// friends replaced by their brackets, then ASCII punctuation deleted.
func Key(sentence string) string {
	s := strings.ReplaceAll(sentence, " ", "")
	for _, r := range [][2]string{{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0 {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// eachLine calls fn with the TAB-separated fields of every non-blank line
// of r, trimmed before splitting, with its 1-based line number.
func eachLine(r io.Reader, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		if err := fn(line, strings.Split(l, "\t")); err != nil {
			return err
		}
	}
	return sc.Err()
}

// ReadGold reads gold tuples: sentence, relation, arguments; fields
// containing "C: " are dropped, the line is trimmed before splitting.
func ReadGold(r io.Reader) (*Sentences, error) {
	s := newSentences()
	err := eachLine(r, func(line int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("carb: gold line %d: want sentence, relation, arguments", line)
		}
		t := Tuple{Rel: strings.TrimSpace(f[1])}
		for _, a := range f[2:] {
			if strings.Contains(a, "C: ") {
				continue
			}
			t.Args = append(t.Args, strings.TrimSpace(a))
		}
		s.add(Key(strings.TrimSpace(f[0])), t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ReadPredictions reads predicted tuples: sentence, confidence, relation,
// arguments.
func ReadPredictions(r io.Reader) (*Sentences, error) {
	s := newSentences()
	err := eachLine(r, func(line int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("carb: prediction line %d: want sentence, confidence, relation, arguments", line)
		}
		c, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil {
			return fmt.Errorf("carb: prediction line %d: confidence %q: %w", line, f[1], err)
		}
		s.add(Key(f[0]), Tuple{Rel: f[2], Args: f[3:], Confidence: c})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// slots reduces a tuple's arguments to two: arg1 and the rest joined.
func slots(args []string) []string {
	if len(args) < 2 {
		return args
	}
	return []string{args[0], strings.Join(args[1:], " ")}
}

// overlap is the size of the multiset intersection of two token lists;
// it also returns the predicted tokens left unpaired.
func overlap(gold, pred []string) (int, []string) {
	count := map[string]int{}
	for _, p := range pred {
		count[p]++
	}
	n := 0
	for _, g := range gold {
		if count[g] > 0 {
			count[g]--
			n++
		}
	}
	var left []string
	for _, p := range pred {
		if count[p] > 0 {
			left = append(left, p)
			count[p]--
		}
	}
	return n, left
}

var beForms = []string{"be", "is", "am", "are", "was", "were", "been", "being"}

func scorePair(gRel string, gSlots []string, pRel string, pSlots []string) (float64, float64) {
	gr, pr := strings.Fields(gRel), strings.Fields(pRel)
	h, left := overlap(gr, pr)
	leftBe := false
	for _, w := range left {
		if w == "be" {
			leftBe = true
		}
	}
	if leftBe {
		for _, w := range gr {
			for _, b := range beForms {
				if w == b {
					leftBe = false
				}
			}
		}
		if !leftBe {
			h++
		}
	}
	if h == 0 {
		return 0, 0
	}
	mp, mr := h, h
	lp, lr := len(pr), len(gr)
	for i, g := range gSlots {
		gt := strings.Fields(g)
		lr += len(gt)
		if i >= len(pSlots) {
			return 0, 0
		}
		pt := strings.Fields(pSlots[i])
		lp += len(pt)
		m, _ := overlap(gt, pt)
		mp += m
		mr += m
	}
	var p, r float64
	if lp > 0 {
		p = float64(mp) / float64(lp)
	}
	if lr > 0 {
		r = float64(mr) / float64(lr)
	}
	return p, r
}

// Score scores one prediction against one gold tuple: (precision, recall).
func Score(g, p Tuple) (float64, float64) {
	gs, ps := slots(g.Args), slots(p.Args)
	pr, rc := scorePair(g.Rel, gs, p.Rel, ps)
	for _, w := range []string{"said", "told", "added", "adds", "says"} {
		if strings.Contains(g.Rel, w) {
			if len(p.Args) >= 2 {
				sw := []string{strings.Join(p.Args[1:], " "), p.Args[0]}
				p2, r2 := scorePair(g.Rel, gs, p.Rel, sw)
				if p2 > pr || p2 == pr && r2 > rc {
					pr, rc = p2, r2
				}
			}
			break
		}
	}
	return pr, rc
}

// Point is one operating point of the precision–recall curve.
type Point struct{ Threshold, P, R, F1 float64 }

// Result is a benchmark score.
type Result struct {
	P, R, F1, AUC float64
	Threshold     float64 // of the best-F1 point
	Curve         []Point // in increasing threshold order
	Gold, Pred    int
}

type pairScores struct {
	p, r [][]float64 // [gold][pred]
}

// Evaluate scores predictions against gold. With oneToOne, the recall
// numerator is also a greedy one-to-one matching (CaRB(1-1)).
func Evaluate(gold, pred *Sentences, oneToOne bool) Result {
	res := Result{Gold: gold.Count}
	// pair scores per gold sentence
	scores := map[string]*pairScores{}
	thresholds := map[float64]bool{}
	for _, k := range gold.Keys {
		ps := pred.Tuples[k]
		gs := gold.Tuples[k]
		sc := &pairScores{p: make([][]float64, len(gs)), r: make([][]float64, len(gs))}
		for i, g := range gs {
			sc.p[i] = make([]float64, len(ps))
			sc.r[i] = make([]float64, len(ps))
			for j, p := range ps {
				sc.p[i][j], sc.r[i][j] = Score(g, p)
			}
		}
		scores[k] = sc
	}
	for _, k := range pred.Keys {
		for _, p := range pred.Tuples[k] {
			thresholds[p.Confidence] = true
		}
		if _, ok := gold.Tuples[k]; ok {
			res.Pred += len(pred.Tuples[k])
		}
	}
	ts := make([]float64, 0, len(thresholds))
	for t := range thresholds {
		ts = append(ts, t)
	}
	sort.Float64s(ts)
	for _, t := range ts {
		var pNum, rNum float64
		kept := 0
		for _, k := range gold.Keys {
			ps := pred.Tuples[k]
			var keep []int
			for j, p := range ps {
				if p.Confidence >= t {
					keep = append(keep, j)
				}
			}
			kept += len(keep)
			if len(keep) == 0 {
				continue
			}
			sc := scores[k]
			pNum += greedy(sc.p, keep)
			if oneToOne {
				rNum += greedy(sc.r, keep)
			} else {
				for i := range sc.r {
					best := 0.0
					for _, j := range keep {
						best = math.Max(best, sc.r[i][j])
					}
					rNum += best
				}
			}
		}
		pt := Point{Threshold: t, P: 1}
		if kept > 0 {
			pt.P = pNum / float64(kept)
		}
		if gold.Count > 0 {
			pt.R = rNum / float64(gold.Count)
		}
		if pt.P+pt.R > 0 {
			pt.F1 = 2 * pt.P * pt.R / (pt.P + pt.R)
		}
		res.Curve = append(res.Curve, pt)
	}
	best := -1
	for i, pt := range res.Curve {
		if pt.P+pt.R == 0 {
			continue
		}
		if best < 0 || pt.F1 > res.Curve[best].F1 {
			best = i
		}
	}
	if best >= 0 {
		b := res.Curve[best]
		res.P, res.R, res.F1, res.Threshold = b.P, b.R, b.F1, b.Threshold
	}
	if len(res.Curve) > 0 {
		pts := append(append([]Point(nil), res.Curve...), Point{R: 0, P: 1})
		for i := 0; i+1 < len(pts); i++ {
			res.AUC += (pts[i].R - pts[i+1].R) * (pts[i].P + pts[i+1].P) / 2
		}
	}
	return res
}

// greedy matches gold tuples to kept predictions one to one, repeatedly
// taking the highest-scoring unused pair (ties: lowest gold, then lowest
// prediction index), and returns the sum of the scores taken.
func greedy(m [][]float64, keep []int) float64 {
	n := min(len(m), len(keep))
	usedG := make([]bool, len(m))
	usedP := make([]bool, len(keep))
	sum := 0.0
	for range n {
		bi, bj, bv := -1, -1, -1.0
		for i := range m {
			if usedG[i] {
				continue
			}
			for jj, j := range keep {
				if usedP[jj] {
					continue
				}
				if v := m[i][j]; v > bv {
					bi, bj, bv = i, jj, v
				}
			}
		}
		if bi < 0 {
			break
		}
		usedG[bi], usedP[bj] = true, true
		sum += bv
	}
	return sum
}

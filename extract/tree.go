package extract

import "strings"

// tree is a dependency-tree view of one analysed sentence, with 0-based
// token indices: head(i) is -1 for the root.
type tree struct {
	toks []Token
	kids [][]int // children of each token, in sentence order
	// base is the byte offset of the sentence in the text its token
	// offsets index.
	base int
}

func newTree(s *Sentence) *tree {
	t := &tree{toks: s.Tokens, kids: make([][]int, len(s.Tokens)), base: s.Start}
	for i := range s.Tokens {
		h := s.Tokens[i].Head - 1
		if h >= 0 && h < len(s.Tokens) && h != i {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	return t
}

func (t *tree) head(i int) int {
	h := t.toks[i].Head - 1
	if h < 0 || h >= len(t.toks) || h == i {
		return -1
	}
	return h
}

// rel is the full relation (nsubj:pass); urel without its subtype (nsubj).
func (t *tree) rel(i int) string { return t.toks[i].DepRel }

func (t *tree) urel(i int) string {
	r, _, _ := strings.Cut(t.toks[i].DepRel, ":")
	return r
}

func (t *tree) lemma(i int) string { return strings.ToLower(t.toks[i].Lemma) }

func (t *tree) lower(i int) string { return strings.ToLower(t.toks[i].Form) }

// children returns the children of i whose universal relation is one of
// rels (full relations with a subtype are matched exactly when given so).
func (t *tree) children(i int, rels ...string) []int {
	var out []int
	for _, k := range t.kids[i] {
		r, u := t.rel(k), t.urel(k)
		for _, want := range rels {
			if want == r || want == u {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func (t *tree) child(i int, rels ...string) int {
	if c := t.children(i, rels...); len(c) > 0 {
		return c[0]
	}
	return -1
}

// subtree marks the tokens under i, skipping children for which skip
// returns true (and their subtrees). Depth is bounded by the token count,
// so malformed heads cannot loop.
func (t *tree) subtree(i int, skip func(k int) bool) []bool {
	in := make([]bool, len(t.toks))
	stack := []int{i}
	in[i] = true
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, k := range t.kids[n] {
			if in[k] || (skip != nil && skip(k)) {
				continue
			}
			in[k] = true
			stack = append(stack, k)
		}
	}
	return in
}

// span returns the token range [lo, hi] of the marked tokens around i:
// the contiguous run containing i, trimmed of punctuation and conjunctions
// at its edges.
func (t *tree) span(i int, in []bool) (lo, hi int) {
	lo, hi = i, i
	for lo > 0 && in[lo-1] {
		lo--
	}
	for hi+1 < len(t.toks) && in[hi+1] {
		hi++
	}
	for lo < i && t.edgeJunk(lo) {
		lo++
	}
	for hi > i && t.edgeJunk(hi) {
		hi--
	}
	// a quoted title keeps its quotes: `` My Way ''
	if lo > 0 && hi+1 < len(t.toks) && openQuote(t.toks[lo-1].Text) && closeQuote(t.toks[hi+1].Text) {
		lo--
		hi++
	}
	return lo, hi
}

func openQuote(s string) bool  { return s == "``" || s == "“" || s == "\"" || s == "`" }
func closeQuote(s string) bool { return s == "''" || s == "”" || s == "\"" || s == "'" }

func (t *tree) edgeJunk(k int) bool {
	switch t.toks[k].UPOS {
	case "PUNCT", "CCONJ":
		return true
	}
	return t.urel(k) == "mark" || t.urel(k) == "cc"
}

// text returns the tokens lo..hi as written, with the original spacing.
func (t *tree) text(src string, lo, hi int) string {
	if lo < 0 || hi < lo {
		return ""
	}
	a, b := t.toks[lo].Start, t.toks[hi].End
	if src != "" && a >= 0 && b <= len(src) && a <= b {
		return src[a:b]
	}
	words := make([]string, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		words = append(words, t.toks[k].Text)
	}
	return strings.Join(words, " ")
}

// words returns the tokens lo..hi joined by single spaces (CaRB's view).
func (t *tree) words(idx []int) string {
	ws := make([]string, 0, len(idx))
	for _, k := range idx {
		ws = append(ws, t.toks[k].Text)
	}
	return strings.Join(ws, " ")
}

func rangeIdx(lo, hi int) []int {
	if lo < 0 || hi < lo {
		return nil
	}
	out := make([]int, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		out = append(out, k)
	}
	return out
}

func (t *tree) isNominal(i int) bool {
	switch t.toks[i].UPOS {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	}
	return false
}

func (t *tree) isVerb(i int) bool { return t.toks[i].UPOS == "VERB" }

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
	toks := repairParticipleAdjectives(s.Tokens)
	t := &tree{toks: toks, kids: make([][]int, len(toks)), base: s.Start}
	for i := range toks {
		h := toks[i].Head - 1
		if h >= 0 && h < len(toks) && h != i {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	return t
}

// repairParticipleAdjectives works around a tagging error the parser
// inherits: in "condemned the “attempted coup”" the participle used as an
// adjective is tagged as a verb, and the parser makes "coup" its object.
// For a verb between a determiner and a noun it governs as obj (quotes
// aside), the noun becomes the phrase head, object of the nearest
// preceding verb without one, and the participle its modifier. The
// sentence's tokens are not changed: a repaired copy is returned.
func repairParticipleAdjectives(in []Token) []Token {
	var toks []Token
	skipQ := func(k, step int) int {
		for k >= 0 && k < len(in) && (in[k].UPOS == "PUNCT" && (openQuote(in[k].Text) || closeQuote(in[k].Text))) {
			k += step
		}
		return k
	}
	for v := range in {
		tk := in[v]
		if tk.UPOS != "VERB" || (tk.XPOS != "VBD" && tk.XPOS != "VBN") {
			continue
		}
		d, n := skipQ(v-1, -1), skipQ(v+1, 1)
		if d < 0 || n >= len(in) || in[d].UPOS != "DET" || in[n].UPOS != "NOUN" || in[n].Head != v+1 || !strings.HasPrefix(in[n].DepRel, "obj") {
			continue
		}
		hasSubj := false
		for k := range in {
			if in[k].Head == v+1 && strings.HasPrefix(in[k].DepRel, "nsubj") {
				hasSubj = true
			}
		}
		if hasSubj {
			continue
		}
		if toks == nil {
			toks = append([]Token(nil), in...)
		}
		gov := -1
		for k := d - 1; k >= 0; k-- {
			if in[k].UPOS == "VERB" {
				hasObj := false
				for j := range in {
					if in[j].Head == k+1 && in[j].DepRel == "obj" && j != d {
						hasObj = true // (the determiner itself may be its misparsed object)
					}
				}
				if !hasObj {
					gov = k
				}
				break
			}
		}
		if gov >= 0 {
			toks[n].Head, toks[n].DepRel = gov+1, "obj"
		} else {
			toks[n].Head, toks[n].DepRel = tk.Head, tk.DepRel
		}
		toks[v].Head, toks[v].DepRel = n+1, "amod"
		toks[d].Head, toks[d].DepRel = n+1, "det"
		// the verb's other dependents (quotes, clauses) move to the noun
		for k := range in {
			if k != n && in[k].Head == v+1 {
				toks[k].Head = n + 1
			}
		}
	}
	// "members who fired warning shots" with "fired" mistagged as a
	// participle: the parser makes it a modifier of "shots" and "who" the
	// subject of the noun. A noun with a relative-pronoun subject and a
	// verb modifier after it is the object of that verb.
	for v := range in {
		if in[v].UPOS != "VERB" || in[v].DepRel != "amod" {
			continue
		}
		n := in[v].Head - 1
		if n <= v || n >= len(in) || in[n].UPOS != "NOUN" {
			continue
		}
		w := -1
		for k := 0; k < v; k++ {
			if (in[k].Head == n+1 || in[k].Head == v+1) && strings.HasPrefix(in[k].DepRel, "nsubj") && relPronouns[strings.ToLower(in[k].Text)] {
				w = k
			}
		}
		if w < 0 {
			continue
		}
		if toks == nil {
			toks = append([]Token(nil), in...)
		}
		toks[v].Head, toks[v].DepRel = in[n].Head, in[n].DepRel
		if in[n].DepRel != "acl:relcl" {
			toks[v].DepRel = "acl:relcl"
		}
		toks[n].Head, toks[n].DepRel = v+1, "obj"
		toks[w].Head = v + 1
	}
	if r, v, o := mainVerbAsModifier(in); v >= 0 {
		if toks == nil {
			toks = append([]Token(nil), in...)
		}
		toks[v].Head, toks[v].DepRel = 0, "root"
		toks[r].Head, toks[r].DepRel = v+1, "nsubj"
		toks[o].DepRel = "obj"
		for k := range in {
			if in[k].Head == r+1 && in[k].UPOS == "PUNCT" && k > v {
				toks[k].Head = v + 1 // the final stop belongs to the verb
			}
		}
	}
	if r, v, m, n := prepositionAsMark(in); v >= 0 {
		if toks == nil {
			toks = append([]Token(nil), in...)
		}
		toks[v].Head, toks[v].DepRel = 0, "root"
		toks[r].Head, toks[r].DepRel = v+1, "nsubj"
		toks[n].Head, toks[n].DepRel = r+1, "nmod"
		toks[m].Head, toks[m].DepRel = n+1, "case"
		for k := range in {
			if in[k].Head == r+1 && in[k].UPOS == "PUNCT" && k > v {
				toks[k].Head = v + 1
			}
		}
	}
	for v, base := range participleCopulas(in) {
		if toks == nil {
			toks = append([]Token(nil), in...)
		}
		toks[v].UPOS, toks[v].XPOS, toks[v].Lemma = "VERB", "VBN", base
		for k := range in {
			if in[k].Head != v+1 {
				continue
			}
			switch in[k].DepRel {
			case "cop":
				toks[k].DepRel = "aux:pass"
			case "nsubj":
				toks[k].DepRel = "nsubj:pass"
			}
		}
	}
	if toks == nil {
		return in
	}
	return toks
}

// participleCopulas finds participles the tagger took for adjectives after
// a copula, with a prepositional argument: "elements were involved in a
// coup", "he was detained in Niamey". The tagger's choice between JJ and
// VBN there is close (EWT itself is split), and as an adjective the
// clause is "X is 'involved in a coup'" instead of "X involved_in coup".
// It returns, by token index, the base verbs of the adjectives that are
// the regular past participle of a known verb, have "be" as copula, no
// degree adverb ("very interested in"), and an oblique with one of the
// prepositions of passive verbs.
func participleCopulas(in []Token) map[int]string {
	var out map[int]string
	for v := range in {
		tk := in[v]
		if tk.XPOS != "JJ" || !strings.HasSuffix(strings.ToLower(tk.Text), "ed") {
			continue
		}
		base, ok := participleBase(strings.ToLower(tk.Text))
		if !ok || !knownVerb(base) || pastParticiple(base) != strings.ToLower(tk.Text) {
			continue
		}
		cop, obl, degree := false, false, false
		for k := range in {
			if in[k].Head != v+1 {
				continue
			}
			switch {
			case in[k].DepRel == "cop" && strings.EqualFold(in[k].Lemma, "be"):
				cop = true
			case in[k].DepRel == "advmod" && degreeAdverbs[strings.ToLower(in[k].Text)]:
				degree = true
			case in[k].DepRel == "obl" || strings.HasPrefix(in[k].DepRel, "obl:"):
				for j := range in {
					if in[j].Head == k+1 && in[j].DepRel == "case" && passivePreps[strings.ToLower(in[j].Text)] {
						obl = true
					}
				}
			}
		}
		if cop && obl && !degree {
			if out == nil {
				out = map[int]string{}
			}
			out[v] = base
		}
	}
	return out
}

// degreeAdverbs grade an adjective: "very interested", "so tired".
var degreeAdverbs = map[string]bool{"very": true, "so": true, "too": true, "more": true, "most": true, "less": true,
	"least": true, "quite": true, "rather": true, "extremely": true, "really": true, "pretty": true, "fairly": true}

// passivePreps introduce the arguments of passive verbs.
var passivePreps = map[string]bool{"in": true, "by": true, "with": true, "into": true, "on": true, "at": true,
	"from": true, "for": true, "to": true, "over": true, "against": true, "under": true}

// prepositionAsMark finds "The US Embassy in Niger's capital Niamey
// suspended its activities" parsed as a noun with a relative clause whose
// subject is Niamey and whose marker is "in": a preposition does not
// introduce a relative clause. The verb becomes the root, the noun its
// subject, and the phrase after the preposition the noun's modifier. It
// returns the noun, the verb, the preposition and the phrase head, or
// v = -1.
func prepositionAsMark(in []Token) (r, v, m, n int) {
	r, v, m, n = -1, -1, -1, -1
	for k := range in {
		if in[k].Head == 0 {
			if r >= 0 {
				return -1, -1, -1, -1
			}
			r = k
		}
	}
	if r < 0 || (in[r].UPOS != "NOUN" && in[r].UPOS != "PROPN") {
		return -1, -1, -1, -1
	}
	for k := r + 1; k < len(in); k++ {
		if in[k].Head == r+1 && in[k].DepRel == "acl:relcl" && in[k].UPOS == "VERB" {
			v = k
			break
		}
	}
	if v < 0 {
		return -1, -1, -1, -1
	}
	for k := r + 1; k < v; k++ {
		if in[k].Head != v+1 {
			continue
		}
		switch {
		case in[k].DepRel == "mark" && in[k].UPOS == "ADP" && m < 0:
			m = k
		case in[k].DepRel == "nsubj" && m >= 0 && n < 0:
			n = k
		case strings.HasPrefix(in[k].DepRel, "nsubj") || relPronouns[strings.ToLower(in[k].Text)]:
			return -1, -1, -1, -1
		}
	}
	if m < 0 || n < 0 || m != r+1 {
		return -1, -1, -1, -1
	}
	return r, v, m, n
}

// mainVerbAsModifier finds the sentence whose only verb the parser took
// for a participle modifying the subject: "Soldiers of the Guard detained
// President Amara at the palace." parsed as a noun phrase, "detained"
// its acl and "Amara" an agent without "by". A reduced relative cannot
// take a direct object, so when the verb has one (or such an agent) the
// verb is the root, the noun its subject, the agent its object. It returns
// the noun, the verb and the object, or v = -1.
func mainVerbAsModifier(in []Token) (r, v, o int) {
	r, v, o = -1, -1, -1
	for k := range in {
		if in[k].Head == 0 {
			if r >= 0 {
				return -1, -1, -1
			}
			r = k
		}
	}
	if r < 0 || (in[r].UPOS != "NOUN" && in[r].UPOS != "PROPN") {
		return -1, -1, -1
	}
	for k := range in {
		if in[k].Head != r+1 || in[k].DepRel != "acl" || in[k].UPOS != "VERB" || k < r ||
			(in[k].XPOS != "VBD" && in[k].XPOS != "VBN") {
			continue
		}
		if v >= 0 {
			return -1, -1, -1
		}
		v = k
	}
	if v < 0 {
		return -1, -1, -1
	}
	for k := range in {
		if in[k].Head != v+1 {
			continue
		}
		switch in[k].DepRel {
		case "aux", "aux:pass", "nsubj", "nsubj:pass", "mark":
			return -1, -1, -1
		case "obj":
			o = k
		case "obl:agent":
			hasCase := false
			for j := range in {
				if in[j].Head == k+1 && in[j].DepRel == "case" {
					hasCase = true
				}
			}
			if !hasCase && o < 0 {
				o = k
			}
		}
	}
	if o < 0 || o < v {
		return -1, -1, -1
	}
	return r, v, o
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
	for lo < i && t.edgeJunk(lo) && !(openQuote(t.toks[lo].Text) && t.quotesPaired(lo, hi)) {
		lo++
	}
	for hi > i && t.edgeJunk(hi) && !(closeQuote(t.toks[hi].Text) && t.quotesPaired(lo, hi)) {
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

// quotesPaired reports that tokens lo..hi start with an opening quote or
// end with a closing one that has its partner inside: the span holds an
// even number (at least two) of quote marks.
func (t *tree) quotesPaired(lo, hi int) bool {
	n := 0
	for k := lo; k <= hi; k++ {
		if w := t.toks[k].Text; t.toks[k].UPOS == "PUNCT" && (openQuote(w) || closeQuote(w)) {
			n++
		}
	}
	return n >= 2 && n%2 == 0
}

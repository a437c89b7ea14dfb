package extract

import (
	"sort"
	"strings"
)

// phrase is an argument phrase: its head token and the tokens as written.
type phrase struct {
	head    int   // -1: none
	toks    []int // tokens as written, in order
	clausal bool  // a clause (reported content, xcomp), kept as a literal
}

func noPhrase() phrase { return phrase{head: -1} }

// clauseArg is an extra argument: a time, place or prepositional phrase.
type clauseArg struct {
	role string
	p    phrase
}

// clause is one predicate with its arguments, before entity resolution.
type clause struct {
	verb     int
	subj     phrase
	pred     string
	rel      []int  // relation tokens as written
	carbRel  []int  // relation tokens for CaRB output, when they differ (control chains)
	carbObj  phrase // object phrase for CaRB output, when it differs (head -1: same)
	obj      phrase
	args     []clauseArg
	negated  bool
	modality string
	speaker  phrase // attribution, for reported content
	kind     string
}

// speechVerbs introduce reported content.
var speechVerbs = map[string]bool{
	"say": true, "tell": true, "declare": true, "announce": true, "add": true, "state": true,
	"claim": true, "report": true, "insist": true, "warn": true, "note": true, "explain": true,
	"confirm": true, "deny": true, "acknowledge": true, "argue": true, "write": true, "assert": true,
	"allege": true, "stress": true, "indicate": true, "reply": true, "respond": true, "admit": true,
	"tweet": true, "suggest": true, "predict": true, "believe": true, "think": true,
}

// asserting verbs take an xcomp whose event happens (begin to, manage to):
// the inner fact carries no modality.
var asserting = map[string]bool{
	"begin": true, "start": true, "continue": true, "manage": true, "keep": true, "stop": true,
	"finish": true, "resume": true, "help": true, "get": true, "go": true, "use": true,
}

var relPronouns = map[string]bool{"who": true, "which": true, "that": true, "whom": true, "whose": true}

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "nt": true}

// timeWords are prepositions that make a time argument of a date.
var timePreps = map[string]bool{"in": true, "on": true, "at": true, "during": true, "since": true,
	"until": true, "before": true, "after": true, "by": true, "from": true, "through": true, "": true}

// clauses finds the clauses of one sentence.
func (t *tree) clauses() []clause {
	var out []clause
	for v := range t.toks {
		if !t.isPredicate(v) {
			continue
		}
		out = append(out, t.clausesOf(v)...)
	}
	out = append(out, t.appositions()...)
	return out
}

// isPredicate reports whether v heads a clause: a verb (not used as a
// modifier), or a nominal or adjective with a copula.
func (t *tree) isPredicate(v int) bool {
	if t.child(v, "cop") >= 0 {
		return true
	}
	if !t.isVerb(v) {
		return false
	}
	switch t.urel(v) {
	case "amod", "compound", "flat", "fixed", "case", "mark", "det", "aux", "cop":
		return false
	}
	return true
}

// subjects returns the subject phrases of predicate v, inherited through
// coordination, control and relative clauses when v has none of its own.
func (t *tree) subjects(v int, depth int) (subs []int, relative bool) {
	if depth > 8 {
		return nil, false
	}
	cands := t.children(v, "nsubj", "csubj")
	if len(cands) > 1 {
		// a misattached time word ("Thursday") is not the subject
		var keep []int
		for _, s := range cands {
			if !t.isTime(s) {
				keep = append(keep, s)
			}
		}
		if len(keep) > 0 {
			cands = keep
		}
		// two subjects are a parse error: a name wins ("armed forces chief
		// General X declared"), else the first
		sort.SliceStable(cands, func(i, j int) bool {
			ni, nj := t.isName(cands[i]), t.isName(cands[j])
			if ni != nj {
				return ni
			}
			return ni && abs(cands[i]-v) < abs(cands[j]-v)
		})
	}
	for _, s := range cands {
		switch t.toks[s].UPOS {
		case "ADV", "ADP", "CCONJ", "SCONJ", "PART", "INTJ", "PUNCT", "AUX":
			continue // a parse error: not a subject
		}
		if relPronouns[t.lemma(s)] && t.rel(v) == "acl:relcl" {
			if h := t.head(v); h >= 0 {
				return t.conjoined(h), true
			}
		}
		if t.toks[s].UPOS == "PRON" && t.lemma(s) == "there" {
			continue
		}
		return t.conjoined(s), false
	}
	h := t.head(v)
	if h < 0 {
		return nil, false
	}
	switch t.rel(v) {
	case "conj":
		if t.isPredicate(h) {
			return t.subjects(h, depth+1)
		}
	case "xcomp":
		if o := t.child(h, "obj", "iobj"); o >= 0 {
			return t.conjoined(o), false
		}
		return t.subjects(h, depth+1)
	case "acl:relcl":
		return t.conjoined(h), true
	case "acl":
		if t.isNominal(h) {
			return []int{h}, true
		}
	case "advcl":
		if t.toks[v].XPOS == "VBG" || t.toks[v].XPOS == "VBN" {
			// "..., assuming office": the subject of the clause it modifies
			for i := 0; i < 4 && h >= 0 && !t.isPredicate(h); i++ {
				h = t.head(h)
			}
			if h >= 0 {
				return t.subjects(h, depth+1)
			}
		}
	}
	return nil, false
}

// conjoined returns n and the nominals coordinated with it.
func (t *tree) conjoined(n int) []int {
	out := []int{n}
	for i := 0; i < len(out) && i < 32; i++ {
		for _, c := range t.children(out[i], "conj") {
			if t.isNominal(c) || t.toks[c].UPOS == "ADJ" {
				out = append(out, c)
			}
		}
	}
	sort.Ints(out)
	return out
}

// nounPhrase is the written phrase of nominal n: its subtree without
// coordinated nominals, appositions, relative clauses' punctuation edges.
func (t *tree) nounPhrase(n int, keepCase bool) phrase {
	in := t.subtree(n, func(k int) bool {
		switch t.urel(k) {
		case "conj", "cc", "appos", "parataxis", "dep", "discourse":
			return true
		case "acl":
			// relative clauses are facts of their own
			return t.rel(k) == "acl:relcl"
		case "case":
			return !keepCase && t.head(k) == n
		}
		return false
	})
	lo, hi := t.span(n, in)
	return phrase{head: n, toks: rangeIdx(lo, hi)}
}

// clausePhrase is the written content of clause c (reported content or an
// xcomp), without its complementiser.
func (t *tree) clausePhrase(c int) phrase {
	in := t.subtree(c, nil)
	lo, hi := t.span(c, in)
	for lo < c && (t.urel(lo) == "mark" || t.toks[lo].UPOS == "PUNCT") {
		lo++
	}
	// reported words lose their quotation marks and final comma
	for hi > c && t.toks[hi].UPOS == "PUNCT" {
		hi--
	}
	return phrase{head: c, toks: rangeIdx(lo, hi), clausal: true}
}

// relTokens returns the auxiliaries, negation and particles of v, with v.
func (t *tree) relTokens(v int, extra ...int) []int {
	rel := []int{v}
	for _, k := range t.kids[v] {
		switch t.urel(k) {
		case "aux", "cop":
			rel = append(rel, k)
		case "advmod":
			// negation, and single adverbs between the auxiliary and the
			// verb ("have sharply improved", "is often portrayed")
			if negators[t.lemma(k)] || k < v && len(t.kids[k]) == 0 && t.toks[k].UPOS == "ADV" && t.hasAuxBefore(v, k) {
				rel = append(rel, k)
			}
		case "compound":
			if t.rel(k) == "compound:prt" {
				rel = append(rel, k)
			}
		}
	}
	rel = append(rel, extra...)
	sort.Ints(rel)
	return rel
}

func (t *tree) negatedMod(v int) (neg bool, modal string) {
	for _, k := range t.kids[v] {
		switch t.urel(k) {
		case "advmod":
			if negators[t.lemma(k)] {
				neg = true
			}
		case "aux":
			if t.toks[k].XPOS == "MD" && modal == "" {
				modal = t.lemma(k)
				if modal == "wo" || modal == "'ll" {
					modal = "will"
				}
				if modal == "ca" {
					modal = "can"
				}
			}
		}
	}
	return neg, modal
}

// particle returns the verb particle of v ("down" in shut down), or -1.
func (t *tree) particle(v int) int {
	for _, k := range t.kids[v] {
		if t.rel(k) == "compound:prt" {
			return k
		}
	}
	return -1
}

// caseOf returns the preposition of an oblique or nominal modifier n ("" if
// none) and its tokens.
func (t *tree) caseOf(n int) (string, []int) {
	var toks []int
	for _, k := range t.kids[n] {
		if t.urel(k) == "case" && k < n && t.toks[k].XPOS != "POS" {
			toks = append(toks, k)
			toks = append(toks, t.children(k, "fixed")...)
		}
	}
	if len(toks) == 0 {
		return "", nil
	}
	sort.Ints(toks)
	ws := make([]string, len(toks))
	for i, k := range toks {
		ws[i] = t.lower(k)
	}
	return strings.Join(ws, "_"), toks
}

func (t *tree) isPassive(v int) bool {
	if t.child(v, "nsubj:pass", "aux:pass", "csubj:pass") >= 0 {
		return true
	}
	// a participle modifying a noun: "people killed in the attack"
	return t.rel(v) == "acl" && t.toks[v].XPOS == "VBN"
}

func (t *tree) isTime(n int) bool {
	if strings.HasSuffix(t.toks[n].NER, "DATE") || t.rel(n) == "obl:tmod" {
		return true
	}
	switch t.lemma(n) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"today", "yesterday", "tomorrow", "tonight", "morning", "evening", "night", "week",
		"month", "year", "day", "overnight", "weekend", "afternoon", "decade", "hour", "minute":
		return true
	}
	return false
}

func (t *tree) isPlace(n int) bool { return strings.HasSuffix(t.toks[n].NER, "LOC") }

// obliques returns v's oblique arguments with their roles.
func (t *tree) obliques(v int) []clauseArg {
	var out []clauseArg
	for _, k := range t.kids[v] {
		u := t.urel(k)
		if u != "obl" && !(u == "advmod" && t.isTime(k)) && t.rel(k) != "nmod:tmod" {
			continue
		}
		prep, _ := t.caseOf(k)
		role := prep
		switch {
		case t.rel(k) == "obl:agent" && prep == "by":
			role = "by"
		case t.isTime(k) && timePreps[prep]:
			role = "time"
			if prep != "" && prep != "in" && prep != "on" && prep != "at" {
				role = prep
			}
		case t.isPlace(k) && (prep == "in" || prep == "at" || prep == "near" || prep == "inside" || prep == "outside"):
			role = "place"
		case role == "":
			role = "obl"
		}
		if prep == "according_to" || prep == "but" {
			// "but" is a preposition only in "all but X"; after a verb it
			// is a conjunction the tagger missed ("doing well but that
			// the army ...")
			continue
		}
		p := t.nounPhrase(k, true)
		out = append(out, clauseArg{role: role, p: p})
	}
	return out
}

// clausesOf builds the clauses headed by predicate v (one per subject and
// object when they are coordinated).
func (t *tree) clausesOf(v int) []clause {
	subs, relative := t.subjects(v, 0)
	if len(subs) == 0 {
		return nil
	}
	neg, modal := t.negatedMod(v)
	kind := KindActive
	if relative {
		kind = KindRelative
	}
	base := clause{verb: v, negated: neg, modality: modal, kind: kind, carbObj: noPhrase()}
	xcompHead := -1
	if t.rel(v) == "xcomp" && t.head(v) >= 0 && t.isVerb(t.head(v)) {
		xcompHead = t.head(v)
	}
	// modality and attribution inherited from governing clauses
	base.modality, base.speaker = t.inherited(v, base.modality)

	var cls []clause
	emit := func(c clause) {
		if xcompHead >= 0 {
			// "claimed to have ousted": the governing verb joins the relation
			cr := append(t.relTokens(xcompHead), t.children(v, "mark")...)
			if c.carbRel != nil {
				cr = append(cr, c.carbRel...)
			} else {
				cr = append(cr, c.rel...)
			}
			sort.Ints(cr)
			c.carbRel = cr
		}
		for _, s := range subs {
			c2 := c
			c2.subj = t.nounPhrase(s, false)
			if c2.subj.head >= 0 && t.toks[c2.subj.head].UPOS == "VERB" {
				c2.subj = t.clausePhrase(s)
			}
			if relative && t.head(v) == s {
				// "reports indicating ...": the noun without the clause
				// that modifies it
				in := t.subtree(s, func(k int) bool { return k == v || t.urel(k) == "conj" || t.urel(k) == "appos" })
				lo, hi := t.span(s, in)
				c2.subj.toks = rangeIdx(lo, hi)
			}
			cls = append(cls, c2)
		}
	}

	// copula: X is Y
	if cop := t.child(v, "cop"); cop >= 0 {
		c := base
		c.kind = KindCopula
		c.pred = PredIs
		c.rel = t.relTokens(v)
		c.rel = removeTok(c.rel, v)
		obj := t.nounPhrase(v, true)
		obj.toks = t.withoutSubjectAndCop(v, obj.toks)
		c.obj = obj
		c.args = nil
		// "is of medieval origin": CaRB puts the preposition in the relation
		if _, ptoks := t.caseOf(v); len(ptoks) > 0 && len(obj.toks) > len(ptoks) && obj.toks[0] == ptoks[0] {
			c.carbRel = append(append([]int(nil), c.rel...), ptoks...)
			sort.Ints(c.carbRel)
			c.carbObj = phrase{head: v, toks: obj.toks[len(ptoks):]}
		}
		emit(c)
		return cls
	}

	lemma := t.lemma(v)
	prt := t.particle(v)
	verb := lemma
	if prt >= 0 {
		verb += "_" + t.lower(prt)
	}
	passive := t.isPassive(v)
	obls := t.obliques(v)
	objs := t.preferNamed(t.children(v, "obj"))
	iobj := -1
	if io := t.preferNamed(t.children(v, "iobj")); len(io) > 0 {
		iobj = io[0]
	}
	ccomp := t.child(v, "ccomp")
	xcomp := t.child(v, "xcomp")

	// reported speech: X said (that) Y / X told Z that Y
	if ccomp >= 0 && speechVerbs[lemma] {
		c := base
		c.kind = KindSpeech
		c.pred = verb
		if iobj >= 0 || len(objs) > 0 {
			o := iobj
			if o < 0 {
				o = objs[0]
			}
			c.rel = t.relTokens(v)
			for _, on := range t.conjoined(o) {
				c2 := c
				c2.obj = t.nounPhrase(on, false)
				c2.args = append([]clauseArg{{role: "content", p: t.clausePhrase(ccomp)}}, obls...)
				emit(c2)
			}
			return cls
		}
		c.rel = t.relTokens(v)
		c.obj = t.clausePhrase(ccomp)
		c.args = obls
		emit(c)
		return cls
	}

	// control: "claimed to have ousted X" is stated by the inner clause;
	// an xcomp that is not a verb ("became president") is the object.
	// "called on leaders to talk": the oblique is the object.
	if xcomp >= 0 && len(objs) == 0 && !passive && pickOblique(obls, false) >= 0 && obls[pickOblique(obls, false)].role != "time" && obls[pickOblique(obls, false)].role != "place" && obls[pickOblique(obls, false)].role != "obl" {
		obls = append(obls, clauseArg{role: "to", p: t.clausePhrase(xcomp)})
		xcomp = -1
	}
	if xcomp >= 0 && len(objs) == 0 {
		if !t.isVerb(xcomp) {
			c := base
			c.pred = verb
			c.rel = t.relTokens(v)
			c.obj = t.nounPhrase(xcomp, true)
			c.args = obls
			emit(c)
			return cls
		}
		if t.child(xcomp, "obj", "obl", "xcomp", "ccomp", "iobj") >= 0 {
			return nil // the inner clause carries the fact
		}
	}

	switch {
	case len(objs) > 0:
		c := base
		c.pred = verb
		if passive {
			// "X was given Y": keep the verb in the passive form
			c.pred = pastParticiple(lemma)
			if prt >= 0 {
				c.pred += "_" + t.lower(prt)
			}
			c.kind = KindPassive
		}
		c.rel = t.relTokens(v)
		c.args = obls
		if iobj >= 0 {
			c.args = append([]clauseArg{{role: "to", p: t.nounPhrase(iobj, false)}}, c.args...)
		}
		for _, o := range objs {
			for _, on := range t.conjoined(o) {
				c2 := c
				c2.obj = t.nounPhrase(on, false)
				emit(c2)
			}
		}
	case passive:
		c := base
		c.kind = KindPassive
		i := pickOblique(obls, true)
		if i < 0 {
			if ccomp >= 0 {
				c.pred = PassiveOf(verb)
				c.pred = strings.TrimSuffix(c.pred, "_by")
				c.rel = t.relTokens(v)
				c.obj = t.clausePhrase(ccomp)
				c.args = obls
				emit(c)
				return cls
			}
			// "X was arrested.": X is "arrested", the state it is in
			if t.child(v, "aux:pass") >= 0 && len(t.children(v, "conj")) == 0 {
				c.kind = KindCopula
				c.pred = PredIs
				c.rel = removeTok(t.relTokens(v), v)
				c.obj = phrase{head: v, toks: []int{v}, clausal: true}
				if prt >= 0 {
					// "is spun off": the participle with its particle
					c.rel = removeTok(c.rel, prt)
					c.obj.toks = append(c.obj.toks, prt)
					sort.Ints(c.obj.toks)
				}
				c.args = obls
				if len(c.rel) > 0 {
					emit(c)
				}
			}
			return cls
		}
		a := obls[i]
		prep, ptoks := t.caseOf(a.p.head)
		agent := a.role == "by"
		if agent {
			c.pred = PassiveOf(verb)
		} else {
			c.pred = strings.TrimSuffix(PassiveOf(verb), "_by") + "_" + prep
		}
		c.rel = t.relTokens(v, ptoks...)
		c.args = append(append([]clauseArg(nil), obls[:i]...), obls[i+1:]...)
		for _, on := range t.conjoined(a.p.head) {
			c2 := c
			c2.obj = t.nounPhrase(on, false)
			emit(c2)
		}
	case iobj >= 0:
		c := base
		c.pred = verb
		c.rel = t.relTokens(v)
		c.obj = t.nounPhrase(iobj, false)
		c.args = obls
		emit(c)
	case xcomp >= 0:
		c := base
		c.pred = verb
		c.rel = t.relTokens(v)
		c.obj = t.clausePhrase(xcomp)
		c.args = obls
		emit(c)
	case ccomp >= 0:
		c := base
		c.pred = verb
		c.rel = t.relTokens(v)
		c.obj = t.clausePhrase(ccomp)
		c.args = obls
		emit(c)
	default:
		i := pickOblique(obls, false)
		if i < 0 {
			return cls // intransitive with no complement: nothing to relate
		}
		a := obls[i]
		prep, ptoks := t.caseOf(a.p.head)
		c := base
		c.pred = verb
		if prep != "" {
			c.pred += "_" + prep
		}
		c.rel = t.relTokens(v, ptoks...)
		c.args = append(append([]clauseArg(nil), obls[:i]...), obls[i+1:]...)
		for _, on := range t.conjoined(a.p.head) {
			c2 := c
			c2.obj = t.nounPhrase(on, false)
			emit(c2)
		}
	}
	return cls
}

// pickOblique chooses the oblique that becomes the object of a clause
// without a direct object: the agent of a passive, else the first oblique
// that is not a time or place, else the first.
func pickOblique(obls []clauseArg, passive bool) int {
	if passive {
		for i, a := range obls {
			if a.role == "by" {
				return i
			}
		}
		// "was jailed in February for 20 years": the nearest complement
		// with a preposition
		for i, a := range obls {
			if a.role != "obl" {
				return i
			}
		}
		return -1
	}
	for i, a := range obls {
		if a.role != "time" && a.role != "place" && a.role != "obl" {
			return i
		}
	}
	if len(obls) > 0 {
		return 0
	}
	return -1
}

// inherited returns the modality and speaker a clause gets from the
// clauses governing it: reported speech ("X said Y") attributes Y to X;
// a non-asserting control verb ("claimed to oust") makes the inner fact
// modal.
func (t *tree) inherited(v int, modal string) (string, phrase) {
	speaker := noPhrase()
	cur := v
	for depth := 0; depth < 8; depth++ {
		h := t.head(cur)
		if h < 0 {
			break
		}
		r := t.rel(cur)
		switch {
		case (r == "ccomp" || r == "parataxis") && speechVerbs[t.lemma(h)]:
			if speaker.head < 0 {
				if subs, _ := t.subjects(h, 0); len(subs) > 0 {
					speaker = t.nounPhrase(subs[0], false)
				}
			}
			if m, ok := modalVerb(t.lemma(h)); ok && modal == "" {
				modal = m
			}
		case r == "xcomp" && t.isVerb(h):
			if !asserting[t.lemma(h)] && modal == "" {
				modal = t.lemma(h)
			}
		case r == "conj":
		default:
			depth = 8
			continue
		}
		cur = h
	}
	// "..., X said." with the speech verb below the content clause
	if speaker.head < 0 {
		for _, k := range t.kids[v] {
			if (t.urel(k) == "parataxis" || t.urel(k) == "ccomp") && speechVerbs[t.lemma(k)] && k > v {
				if s := t.child(k, "nsubj"); s >= 0 {
					speaker = t.nounPhrase(s, false)
				}
			}
		}
	}
	return modal, speaker
}

// modalVerb: claim and similar verbs make reported content unasserted.
func modalVerb(lemma string) (string, bool) {
	switch lemma {
	case "claim", "allege", "deny", "believe", "think", "suggest", "predict":
		return lemma, true
	}
	return "", false
}

func removeTok(toks []int, k int) []int {
	out := toks[:0:0]
	for _, x := range toks {
		if x != k {
			out = append(out, x)
		}
	}
	return out
}

// withoutSubjectAndCop drops the subject, copula and auxiliaries of a
// nominal predicate from its phrase.
func (t *tree) withoutSubjectAndCop(v int, toks []int) []int {
	drop := make(map[int]bool)
	for _, k := range t.kids[v] {
		switch t.urel(k) {
		case "nsubj", "csubj", "cop", "aux", "punct", "mark", "advmod", "advcl", "parataxis", "expl", "cc", "conj", "discourse":
			if t.urel(k) == "advmod" && k > v {
				continue
			}
			for i, ok := range t.subtree(k, nil) {
				if ok {
					drop[i] = true
				}
			}
		}
	}
	var out []int
	for _, k := range toks {
		if !drop[k] {
			out = append(out, k)
		}
	}
	// keep it contiguous around v
	lo, hi := v, v
	set := make(map[int]bool, len(out))
	for _, k := range out {
		set[k] = true
	}
	for set[lo-1] {
		lo--
	}
	for set[hi+1] {
		hi++
	}
	for hi > v && t.edgeJunk(hi) {
		hi--
	}
	return rangeIdx(lo, hi)
}

// appositions finds "NAME, the DESCRIPTION" and "the DESCRIPTION, NAME":
// NAME is DESCRIPTION.
func (t *tree) appositions() []clause {
	var out []clause
	for a := range t.toks {
		if t.urel(a) != "appos" {
			continue
		}
		n := t.head(a)
		if n < 0 || !t.isNominal(n) || !t.isNominal(a) {
			continue
		}
		name, desc := n, a
		if !t.isProper(n) && t.isProper(a) {
			name, desc = a, n
		}
		if !t.isProper(name) || t.isProper(desc) {
			continue
		}
		d := t.nounPhrase(desc, true)
		full := t.withoutName(d.toks, desc, name)
		d.toks = t.withoutDet(d.toks, desc, name)
		out = append(out, clause{
			verb: -1, subj: t.nameOnly(name), pred: PredIs, obj: d,
			kind: KindApposition, speaker: noPhrase(), carbObj: phrase{head: desc, toks: full},
		})
	}
	return out
}

func (t *tree) isProper(n int) bool {
	return t.toks[n].UPOS == "PROPN" || (t.toks[n].NER != "O" && t.toks[n].NER != "" && !strings.HasSuffix(t.toks[n].NER, "DATE") && !strings.HasSuffix(t.toks[n].NER, "NUMBER"))
}

// nameOnly is the phrase of a name without its apposition.
func (t *tree) nameOnly(n int) phrase { return t.nounPhrase(n, false) }

// withoutDet drops a leading determiner and the other member of an
// apposition from a description phrase.
func (t *tree) withoutDet(toks []int, desc, name int) []int {
	in := t.subtree(name, nil)
	var out []int
	for _, k := range toks {
		if in[k] && k != desc {
			continue
		}
		out = append(out, k)
	}
	for len(out) > 1 && (t.urel(out[0]) == "det" || t.toks[out[0]].UPOS == "PUNCT") {
		out = out[1:]
	}
	for len(out) > 1 && t.toks[out[len(out)-1]].UPOS == "PUNCT" {
		out = out[:len(out)-1]
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// isName reports a token inside a person or organisation name.
func (t *tree) isName(n int) bool {
	ne := t.toks[n].NER
	return strings.HasSuffix(ne, "PER") || strings.HasSuffix(ne, "ORG")
}

// hasAuxBefore reports an auxiliary of v before token k.
func (t *tree) hasAuxBefore(v, k int) bool {
	for _, a := range t.kids[v] {
		if a < k && (t.urel(a) == "aux" || t.urel(a) == "cop") {
			return true
		}
	}
	return false
}

// preferNamed: two objects of one verb are a parse error for a description
// and its name ("told news network France 24"); the named one is kept.
func (t *tree) preferNamed(objs []int) []int {
	if len(objs) < 2 {
		return objs
	}
	for _, o := range objs {
		if t.isProper(o) || o > 0 && t.head(o-1) == o && t.toks[o-1].UPOS == "PROPN" {
			return []int{o}
		}
	}
	return objs[:1]
}

// withoutName drops the named member of an apposition (and edge
// punctuation) from the description phrase, keeping its determiner.
func (t *tree) withoutName(toks []int, desc, name int) []int {
	in := t.subtree(name, nil)
	var out []int
	for _, k := range toks {
		if !in[k] || k == desc {
			out = append(out, k)
		}
	}
	for len(out) > 1 && t.toks[out[0]].UPOS == "PUNCT" {
		out = out[1:]
	}
	for len(out) > 1 && t.toks[out[len(out)-1]].UPOS == "PUNCT" {
		out = out[:len(out)-1]
	}
	return out
}

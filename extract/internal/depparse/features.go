package depparse

import (
	"strings"
	"unicode"
)

// Feature templates in the style of Zhang and Nivre (2011), adapted to the
// arc-hybrid system, where the arcs under consideration are s0 <- b0 (LEFT)
// and s1 -> s0 (RIGHT). Every feature is a 64-bit hash of its template
// number and atomic values; nothing is interned, so unknown words simply
// produce features the model has never seen.

// Atomic values for absent positions and the root.
var (
	hNone = hashString("\x00none")
	hRoot = hashString("\x00root")
)

// fmix is the 64-bit finaliser of MurmurHash3.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return fmix(h)
}

func f1(t, a uint64) uint64       { return fmix(t*0x9e3779b97f4a7c15 ^ a) }
func f2(t, a, b uint64) uint64    { return fmix(f1(t, a) ^ b*0xbf58476d1ce4e5b9) }
func f3(t, a, b, c uint64) uint64 { return fmix(f2(t, a, b) ^ c*0x94d049bb133111eb) }

// normWord is the form the features see: lower case, digits as 0.
func normWord(w string) string {
	simple := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		return unicode.ToLower(r)
	}, w)
}

// sentence holds the per-token atoms of one sentence; index 0 is the root.
type sentence struct {
	w, p  []uint64 // word and tag hashes
	c     []uint64 // coarse tag hashes (first letter of the tag)
	a     []uint64 // ambiguity class: the tags the word had in training
	punct []int32  // punct[i]: commas, colons and dashes among tokens 1..i
	comma []int32  // comma[i]: commas among tokens 1..i
}

func (s *sentence) reset(words, tags []string, classes map[string]uint64) {
	n := len(words)
	if cap(s.w) < n+1 {
		s.w = make([]uint64, n+1)
		s.p = make([]uint64, n+1)
	}
	if cap(s.punct) < n+1 || cap(s.comma) < n+1 {
		s.punct = make([]int32, n+1)
		s.comma = make([]int32, n+1)
		s.c = make([]uint64, n+1)
		s.a = make([]uint64, n+1)
	}
	s.w, s.p, s.c, s.a, s.punct = s.w[:n+1], s.p[:n+1], s.c[:n+1], s.a[:n+1], s.punct[:n+1]
	s.comma = s.comma[:n+1]
	s.w[0], s.p[0], s.c[0], s.a[0], s.punct[0], s.comma[0] = hRoot, hRoot, hRoot, hRoot, 0, 0
	for i, w := range words {
		nw := normWord(w)
		s.w[i+1] = hashString(nw)
		if a, ok := classes[nw]; ok {
			s.a[i+1] = a
		} else {
			s.a[i+1] = unknownClass(w)
		}
		t := ""
		if i < len(tags) {
			t = tags[i]
		}
		s.p[i+1] = hashString(t)
		s.c[i+1] = hashString("\x00c" + t[:min(len(t), 1)])
		s.punct[i+1] = s.punct[i]
		s.comma[i+1] = s.comma[i]
		if t == "," {
			s.comma[i+1]++
		}
		if t == "," || t == ":" || t == "HYPH" || t == "-LRB-" || t == "-RRB-" {
			s.punct[i+1]++
		}
	}
}

// commaBetween reports whether a comma lies strictly between a and b.
func (s *sentence) commaBetween(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	return b-a >= 2 && s.comma[b-1] > s.comma[a]
}

// punctBetween buckets the number of separating punctuation tokens
// strictly between a and b (0, 1, 2 or more; 3 when either is absent).
func (s *sentence) punctBetween(a, b int) uint64 {
	if a < 0 || b < 0 {
		return 3
	}
	if a > b {
		a, b = b, a
	}
	if b-a < 2 {
		return 0
	}
	return uint64(min(s.punct[b-1]-s.punct[a], 2))
}

func (s *sentence) word(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.w[i]
}

func (s *sentence) tag(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.p[i]
}

// unknownClass is the ambiguity class of a word unseen in training: its
// rough shape.
func unknownClass(w string) uint64 {
	shape := "x"
	switch {
	case strings.ContainsAny(w, "0123456789"):
		shape = "d"
	case w != "" && unicode.IsUpper([]rune(w)[0]):
		shape = "C"
	case strings.Contains(w, "-"):
		shape = "-"
	}
	return hashString("\x00unk" + shape)
}

func (s *sentence) amb(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.a[i]
}

func (s *sentence) coarse(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.c[i]
}

func (s *sentence) at(i, n int) int {
	if i < 0 || i > n {
		return none
	}
	return i
}

func child(c []int, i int) int {
	if i < 0 {
		return none
	}
	return c[i]
}

func labelOf(st *state, i int) uint64 {
	if i < 0 || st.labels[i] < 0 {
		return 0
	}
	return uint64(st.labels[i]) + 1
}

func dist(a, b int) uint64 {
	if a < 0 || b < 0 {
		return 0
	}
	d := b - a
	switch {
	case d < 0:
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func val(v []int32, i int) uint64 {
	if i < 0 {
		return 100
	}
	x := v[i]
	if x > 5 {
		x = 5
	}
	return uint64(x)
}

func lset(v []labelSet, i int) uint64 {
	if i < 0 {
		return 1
	}
	return fmix(v[i][0] ^ fmix(v[i][1]+7))
}

// features appends the feature hashes of configuration st to out.
func features(out []uint64, sn *sentence, st *state) []uint64 {
	s0, s1, s2 := st.s(0), st.s(1), st.s(2)
	b0, b1, b2 := st.q(0), st.q(1), st.q(2)
	s0l, s0l2, s0r, s0r2 := child(st.lc1, s0), child(st.lc2, s0), child(st.rc1, s0), child(st.rc2, s0)
	s1l, s1r, s1r2 := child(st.lc1, s1), child(st.rc1, s1), child(st.rc2, s1)
	b0l, b0l2 := child(st.lc1, b0), child(st.lc2, b0)

	w := sn.word
	p := sn.tag
	S0w, S0p := w(s0), p(s0)
	S1w, S1p := w(s1), p(s1)
	S2w, S2p := w(s2), p(s2)
	B0w, B0p := w(b0), p(b0)
	B1w, B1p := w(b1), p(b1)
	B2w, B2p := w(b2), p(b2)
	S0wp, S1wp, B0wp, B1wp := S0w^S0p*31, S1w^S1p*31, B0w^B0p*31, B1w^B1p*31

	// Neighbours in the string, outside the stack/buffer view.
	n := st.n
	s0prev, s0next := p(sn.at(s0-1, n)), p(sn.at(s0+1, n))
	if s0 <= 0 {
		s0prev, s0next = hNone, hNone
	}
	s1next := p(sn.at(s1+1, n))
	if s1 <= 0 {
		s1next = hNone
	}
	b0prev := p(sn.at(b0-1, n))
	if b0 < 0 {
		b0prev = hNone
	}

	d1, d2 := dist(s0, b0), dist(s1, s0)

	t := uint64(0)
	next := func() uint64 { t++; return t }
	out = append(out,
		f1(next(), 1), // bias

		// Single positions.
		f1(next(), S0wp), f1(next(), S0w), f1(next(), S0p),
		f1(next(), S1wp), f1(next(), S1w), f1(next(), S1p),
		f1(next(), S2w), f1(next(), S2p),
		f1(next(), B0wp), f1(next(), B0w), f1(next(), B0p),
		f1(next(), B1wp), f1(next(), B1w), f1(next(), B1p),
		f1(next(), B2w), f1(next(), B2p),

		// Pairs: the LEFT arc (s0, b0).
		f2(next(), S0wp, B0wp), f2(next(), S0wp, B0w), f2(next(), S0w, B0wp),
		f2(next(), S0wp, B0p), f2(next(), S0p, B0wp), f2(next(), S0w, B0w),
		f2(next(), S0p, B0p), f2(next(), B0p, B1p), f2(next(), B0w, B1w),
		// Pairs: the RIGHT arc (s1, s0).
		f2(next(), S1wp, S0wp), f2(next(), S1wp, S0w), f2(next(), S1w, S0wp),
		f2(next(), S1wp, S0p), f2(next(), S1p, S0wp), f2(next(), S1w, S0w),
		f2(next(), S1p, S0p),

		// Triples of tags.
		f3(next(), B0p, B1p, B2p), f3(next(), S0p, B0p, B1p),
		f3(next(), S1p, S0p, B0p), f3(next(), S2p, S1p, S0p),
		f3(next(), S0p, p(s0l), B0p), f3(next(), S0p, p(s0r), B0p),
		f3(next(), S0p, B0p, p(b0l)), f3(next(), S1p, S0p, p(s0l)),
		f3(next(), S1p, p(s1r), S0p), f3(next(), S1p, p(s1l), S0p),
		f3(next(), S1p, S0p, p(s0r)), f3(next(), S1w, S0p, B0p),
		f3(next(), S1p, S0w, B0p), f3(next(), S1p, S0p, B0w),
		f3(next(), s0prev, S0p, B0p), f3(next(), S0p, s0next, B0p),
		f3(next(), S1p, s1next, S0p), f3(next(), S0p, b0prev, B0p),
		f3(next(), s0prev, S0p, S1p), f3(next(), S0p, s0next, S1p),

		// Coarse tags, robust to confusions such as VBD/VBN and NN/NNP.
		f2(next(), sn.coarse(s0), sn.coarse(b0)), f3(next(), sn.coarse(s1), sn.coarse(s0), sn.coarse(b0)),
		f2(next(), S0w, sn.coarse(b0)), f2(next(), sn.coarse(s0), B0w),
		f2(next(), S1w, sn.coarse(s0)), f2(next(), sn.coarse(s1), S0w),
		f3(next(), sn.coarse(b0), sn.coarse(b1), sn.coarse(b2)),

		// Ambiguity classes, which do not depend on the tagger's choice.
		f1(next(), sn.amb(s0)), f1(next(), sn.amb(b0)), f1(next(), sn.amb(s1)), f1(next(), sn.amb(b1)),
		f2(next(), sn.amb(s0), sn.amb(b0)), f2(next(), sn.amb(s1), sn.amb(s0)),
		f2(next(), sn.amb(s0), B0p), f2(next(), S0p, sn.amb(b0)), f2(next(), sn.amb(s1), S0p), f2(next(), S1p, sn.amb(s0)),
		f3(next(), sn.amb(s0), sn.amb(b0), sn.amb(b1)),

		// Punctuation between the candidate head and dependent.
		f3(next(), S0p, B0p, sn.punctBetween(s0, b0)), f3(next(), S0w, B0p, sn.punctBetween(s0, b0)),
		f3(next(), S1p, S0p, sn.punctBetween(s1, s0)), f3(next(), S1p, S0w, sn.punctBetween(s1, s0)),

		// Distance.
		f2(next(), S0w, d1), f2(next(), S0p, d1), f2(next(), B0w, d1),
		f2(next(), B0p, d1), f3(next(), S0w, B0w, d1), f3(next(), S0p, B0p, d1),
		f2(next(), S1w, d2), f2(next(), S1p, d2), f2(next(), S0w, d2+16),
		f2(next(), S0p, d2+16), f3(next(), S1w, S0w, d2), f3(next(), S1p, S0p, d2),

		// Valency.
		f2(next(), S0w, val(st.nr, s0)), f2(next(), S0p, val(st.nr, s0)),
		f2(next(), S0w, val(st.nl, s0)), f2(next(), S0p, val(st.nl, s0)),
		f2(next(), B0w, val(st.nl, b0)), f2(next(), B0p, val(st.nl, b0)),
		f2(next(), S1w, val(st.nr, s1)), f2(next(), S1p, val(st.nr, s1)),
		f2(next(), S1w, val(st.nl, s1)), f2(next(), S1p, val(st.nl, s1)),

		// Children: words, tags, labels.
		f1(next(), w(s0l)), f1(next(), p(s0l)), f1(next(), labelOf(st, s0l)),
		f1(next(), w(s0r)), f1(next(), p(s0r)), f1(next(), labelOf(st, s0r)),
		f1(next(), w(s0l2)), f1(next(), p(s0l2)), f1(next(), labelOf(st, s0l2)),
		f1(next(), w(s0r2)), f1(next(), p(s0r2)), f1(next(), labelOf(st, s0r2)),
		f1(next(), w(s1l)), f1(next(), p(s1l)), f1(next(), labelOf(st, s1l)),
		f1(next(), w(s1r)), f1(next(), p(s1r)), f1(next(), labelOf(st, s1r)),
		f1(next(), w(s1r2)), f1(next(), p(s1r2)), f1(next(), labelOf(st, s1r2)),
		f1(next(), w(b0l)), f1(next(), p(b0l)), f1(next(), labelOf(st, b0l)),
		f1(next(), w(b0l2)), f1(next(), p(b0l2)), f1(next(), labelOf(st, b0l2)),
		f3(next(), S0p, labelOf(st, s0l), labelOf(st, s0l2)),
		f3(next(), S0p, labelOf(st, s0r), labelOf(st, s0r2)),
		f3(next(), S1p, labelOf(st, s1r), labelOf(st, s1r2)),
		f3(next(), B0p, labelOf(st, b0l), labelOf(st, b0l2)),
		f3(next(), S0p, p(s0l), p(s0l2)), f3(next(), S0p, p(s0r), p(s0r2)),
		f3(next(), S1p, p(s1r), p(s1r2)), f3(next(), B0p, p(b0l), p(b0l2)),
		f3(next(), S0w, labelOf(st, s0l), B0p), f3(next(), S0w, labelOf(st, s0r), S1p),
		f3(next(), S1w, labelOf(st, s1r), S0p), f3(next(), B0w, labelOf(st, b0l), S0p),

		// Label sets.
		f2(next(), S0w, lset(st.rset, s0)), f2(next(), S0p, lset(st.rset, s0)),
		f2(next(), S0w, lset(st.lset, s0)), f2(next(), S0p, lset(st.lset, s0)),
		f2(next(), B0w, lset(st.lset, b0)), f2(next(), B0p, lset(st.lset, b0)),
		f2(next(), S1w, lset(st.rset, s1)), f2(next(), S1p, lset(st.rset, s1)),
		f2(next(), S1w, lset(st.lset, s1)), f2(next(), S1p, lset(st.lset, s1)),
	)
	return out
}

// labelFeatures appends the features for labelling the arc h -> d that the
// next transition makes. In the arc-hybrid system d is complete when it is
// attached (all its dependents are in place), so its children and their
// labels are known; h has the dependents on d's side that lie between them.
func labelFeatures(out []uint64, sn *sentence, st *state, h, d int) []uint64 {
	w, p := sn.word, sn.tag
	n := st.n
	dir := uint64(1)
	sib := child(st.rc1, h) // h's dependent nearest to d so far
	if d < h {
		dir = 2
		sib = child(st.lc1, h)
	}
	dw, dp, hw, hp := w(d), p(d), w(h), p(h)
	dl, dl2, dr := child(st.lc1, d), child(st.lc2, d), child(st.rc1, d)
	dist := dist(h, d)
	dls, drs, hls, hrs := lset(st.lset, d), lset(st.rset, d), lset(st.lset, h), lset(st.rset, h)
	dprev, dnext := p(sn.at(d-1, n)), p(sn.at(d+1, n))
	hprev, hnext := hNone, hNone
	if h > 0 {
		hprev, hnext = p(sn.at(h-1, n)), p(sn.at(h+1, n))
	}
	t := uint64(1000) // separate from the transition templates
	next := func() uint64 { t++; return t*4 + dir }
	out = append(out,
		f1(next(), 1),
		f1(next(), dw), f1(next(), dp), f1(next(), hw), f1(next(), hp),
		f2(next(), dw, dp), f2(next(), hw, hp),
		f2(next(), dp, hp), f2(next(), dw, hp), f2(next(), dp, hw), f2(next(), dw, hw),
		f3(next(), dp, hp, dist), f3(next(), dw, hp, dist), f3(next(), dp, hp, sn.punctBetween(h, d)),
		f2(next(), sn.amb(d), sn.amb(h)), f2(next(), sn.amb(d), hp), f2(next(), dp, sn.amb(h)),
		// The dependent's own dependents.
		f1(next(), w(dl)), f2(next(), w(dl), labelOf(st, dl)), f3(next(), w(dl), labelOf(st, dl), hp),
		f3(next(), w(dl), dp, hp), f2(next(), p(dl), dp), f3(next(), labelOf(st, dl), dp, hp),
		f3(next(), w(dl2), labelOf(st, dl2), dp), f3(next(), labelOf(st, dl), labelOf(st, dl2), dp),
		f2(next(), w(dr), labelOf(st, dr)), f3(next(), labelOf(st, dr), dp, hp), f3(next(), w(dr), dp, hp),
		f2(next(), dls, dp), f3(next(), dls, dp, hp), f2(next(), drs, dp), f3(next(), drs, dp, hp),
		f3(next(), dls, drs, dw),
		// The head's dependents so far.
		f2(next(), hls, hp), f3(next(), hls, dp, hp), f3(next(), hls, dw, hw),
		f2(next(), hrs, hp), f3(next(), hrs, dp, hp),
		f3(next(), labelOf(st, sib), dp, hp), f3(next(), labelOf(st, sib), dw, hw),
		f3(next(), w(sib), labelOf(st, sib), dp),
		f1(next(), val(st.nl, d)+8*val(st.nr, d)),
		f3(next(), val(st.nl, h), val(st.nr, h), dp),
		// Context in the string.
		f3(next(), dprev, dp, hp), f3(next(), dp, dnext, hp),
		f3(next(), dp, hprev, hp), f3(next(), dp, hp, hnext),
		f3(next(), dprev, dp, dnext), f3(next(), hprev, hp, hnext),
		f2(next(), w(sn.at(d-1, n)), dw), f2(next(), w(sn.at(d+1, n)), dw),
	)
	return out
}

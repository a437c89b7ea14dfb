package depparse

// The arc-hybrid transition system.
//
// Token 0 is the artificial root; words are 1..n. The root starts alone on
// the stack and the buffer holds 1..n.
//
//	SHIFT    push b0
//	LEFT-l   attach s0 to b0 with label l, pop s0 (s0 != root)
//	RIGHT-l  attach s0 to s1 with label l, pop s0
//
// RIGHT onto the root is allowed only as the very last transition, when the
// buffer is empty and the stack holds the root and one word, so the root has
// exactly one dependent. In every non-final configuration at least one
// transition is valid, so parsing always terminates after exactly 2n steps
// with a tree.

const (
	actShift = iota
	actLeft
	actRight
)

const none = -1

// state is a parser configuration.
type state struct {
	n      int
	stack  []int
	b      int     // first buffer index; the buffer is b..n
	heads  []int   // head of each token, none until attached
	labels []int   // label of each attached token
	lc1    []int   // leftmost child
	lc2    []int   // second leftmost child
	rc1    []int   // rightmost child
	rc2    []int   // second rightmost child
	nl, nr []int32 // number of left and right children
	lset   []labelSet
	rset   []labelSet
	on     []bool // token is on the stack
}

// labelSet is a set of label ids below 128.
type labelSet [2]uint64

func (s *labelSet) add(l int) { s[l>>6&1] |= 1 << (uint(l) & 63) }

func newState(n int) *state {
	s := &state{}
	s.reset(n)
	return s
}

// reset prepares s for a sentence of n words, reusing its memory.
func (s *state) reset(n int) {
	s.n = n
	m := n + 1
	if cap(s.heads) < m {
		s.heads = make([]int, m)
		s.labels = make([]int, m)
		s.lc1 = make([]int, m)
		s.lc2 = make([]int, m)
		s.rc1 = make([]int, m)
		s.rc2 = make([]int, m)
		s.nl = make([]int32, m)
		s.nr = make([]int32, m)
		s.lset = make([]labelSet, m)
		s.rset = make([]labelSet, m)
		s.on = make([]bool, m)
		s.stack = make([]int, 0, m)
	}
	s.on = s.on[:m]
	s.heads = s.heads[:m]
	s.labels = s.labels[:m]
	s.lc1, s.lc2, s.rc1, s.rc2 = s.lc1[:m], s.lc2[:m], s.rc1[:m], s.rc2[:m]
	s.nl, s.nr = s.nl[:m], s.nr[:m]
	s.lset, s.rset = s.lset[:m], s.rset[:m]
	for i := 0; i < m; i++ {
		s.heads[i] = none
		s.labels[i] = none
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = none, none, none, none
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = labelSet{}, labelSet{}
		s.on[i] = false
	}
	s.on[0] = true
	s.stack = append(s.stack[:0], 0)
	s.b = 1
}

func (s *state) terminal() bool { return s.b > s.n && len(s.stack) == 1 }

// s returns the i-th stack item from the top, or none.
func (s *state) s(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return none
}

// q returns the i-th buffer item, or none.
func (s *state) q(i int) int {
	if s.b+i <= s.n {
		return s.b + i
	}
	return none
}

func (s *state) canShift() bool { return s.b <= s.n }

func (s *state) canLeft() bool {
	return s.b <= s.n && len(s.stack) >= 2 // s0 is a word, not the root
}

func (s *state) canRight() bool {
	k := len(s.stack)
	if k < 2 {
		return false
	}
	if s.stack[k-2] == 0 { // onto the root: only as the last move
		return s.b > s.n && k == 2
	}
	return true
}

func (s *state) valid(act int) bool {
	switch act {
	case actShift:
		return s.canShift()
	case actLeft:
		return s.canLeft()
	default:
		return s.canRight()
	}
}

// attach makes h the head of d with label l.
func (s *state) attach(h, d, l int) {
	s.heads[d] = h
	s.labels[d] = l
	if l >= 0 {
		if d < h {
			s.lset[h].add(l & 127)
		} else {
			s.rset[h].add(l & 127)
		}
	}
	if d < h {
		// Left children arrive right to left: d is the new leftmost.
		s.lc2[h] = s.lc1[h]
		s.lc1[h] = d
		s.nl[h]++
	} else {
		// Right children arrive left to right: d is the new rightmost.
		s.rc2[h] = s.rc1[h]
		s.rc1[h] = d
		s.nr[h]++
	}
}

// apply performs a valid transition.
func (s *state) apply(act, label int) {
	k := len(s.stack)
	switch act {
	case actShift:
		s.stack = append(s.stack, s.b)
		s.on[s.b] = true
		s.b++
	case actLeft:
		s.attach(s.b, s.stack[k-1], label)
		s.on[s.stack[k-1]] = false
		s.stack = s.stack[:k-1]
	default:
		s.attach(s.stack[k-2], s.stack[k-1], label)
		s.on[s.stack[k-1]] = false
		s.stack = s.stack[:k-1]
	}
}

// costs computes the dynamic-oracle cost of each transition against the
// gold tree (gh: gold head of tokens 1..n, which must be projective) and
// stores it in cost[act]; invalid transitions get -1. The costs are those of
// Goldberg and Nivre (2013) for arc-hybrid: the number of gold arcs that
// the transition makes unreachable.
func (s *state) costs(gh []int, cost *[3]int) {
	s0, s1, b0 := s.s(0), s.s(1), s.q(0)
	// Dependents of s0 still in the buffer.
	depsB := 0
	if s0 > 0 {
		for d := s.b; d <= s.n; d++ {
			if gh[d] == s0 {
				depsB++
			}
		}
	}
	if s.canShift() {
		c := 0
		if h := gh[b0]; h != s0 && h >= 0 && h < b0 && s.on[h] {
			c++
		}
		for _, d := range s.stack {
			if d > 0 && gh[d] == b0 {
				c++
			}
		}
		cost[actShift] = c
	} else {
		cost[actShift] = -1
	}
	if s.canLeft() {
		c := depsB
		if h := gh[s0]; h == s1 || h > b0 {
			c++
		}
		cost[actLeft] = c
	} else {
		cost[actLeft] = -1
	}
	if s.canRight() {
		c := depsB
		if h := gh[s0]; b0 != none && h >= b0 {
			c++
		}
		cost[actRight] = c
	} else {
		cost[actRight] = -1
	}
}

// arc returns the head and dependent of the arc that LEFT or RIGHT makes.
func (s *state) arc(act int) (h, d int) {
	if act == actLeft {
		return s.b, s.s(0)
	}
	return s.s(1), s.s(0)
}

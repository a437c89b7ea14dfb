package depparse

import "strings"

// Pseudo-projective transformation (Nivre and Nilsson 2005), "head"
// encoding. Trees here are indexed by token: heads[0] and rels[0] belong to
// the root and are ignored; heads[i] is the head of word i.

// maxSearch bounds the breadth-first search of deprojectivize, so that
// parsing stays linear in sentence length whatever labels come out.
const maxSearch = 200

// liftMark separates a lifted arc's own relation from the relation of the
// head it was lifted from.
const liftMark = "↑"

// baseRel returns the relation of a possibly lifted label.
func baseRel(l string) string {
	if i := strings.Index(l, liftMark); i >= 0 {
		return l[:i]
	}
	return l
}

// dominates reports whether h is an ancestor of (or equal to) k.
func dominates(heads []int, h, k int) bool {
	for steps := 0; steps <= len(heads); steps++ {
		if k == h {
			return true
		}
		if k <= 0 {
			return false
		}
		k = heads[k]
	}
	return false // cycle: not a tree
}

// nonProjective reports whether the arc heads[d] -> d is non-projective:
// some word between the two is not dominated by the head.
func nonProjective(heads []int, d int) bool {
	h := heads[d]
	lo, hi := h, d
	if lo > hi {
		lo, hi = hi, lo
	}
	for k := lo + 1; k < hi; k++ {
		if !dominates(heads, h, k) {
			return true
		}
	}
	return false
}

// isProjective reports whether the tree has no crossing arcs.
func isProjective(heads []int) bool {
	for d := 1; d < len(heads); d++ {
		if nonProjective(heads, d) {
			return false
		}
	}
	return true
}

// projectivize returns copies of heads and rels in which non-projective arcs
// have been lifted, shortest first, until the tree is projective. A lifted
// word's label becomes "rel↑headrel", where headrel is the relation of the
// word's original (syntactic) head. It reports how many arcs were lifted.
// heads must form a tree.
func projectivize(heads []int, rels []string) ([]int, []string, int) {
	h := append([]int(nil), heads...)
	r := append([]string(nil), rels...)
	lifts := 0
	for {
		best, bestLen := -1, 0
		for d := 1; d < len(h); d++ {
			if h[d] <= 0 || !nonProjective(h, d) {
				continue
			}
			l := h[d] - d
			if l < 0 {
				l = -l
			}
			if best < 0 || l < bestLen {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			return h, r, lifts
		}
		head := h[best]
		if !strings.Contains(r[best], liftMark) {
			r[best] = r[best] + liftMark + baseRel(r[head])
		}
		h[best] = h[head]
		lifts++
	}
}

// deprojectivize undoes the lifting in place: each word whose label is
// "rel↑headrel" is reattached to the first word labelled headrel found by a
// left-to-right breadth-first search below its current head (outside its
// own subtree, among the first maxSearch words visited), and its label
// becomes rel. If there is no such word it stays where it is, with label rel. Afterwards no label carries the lift mark.
func deprojectivize(heads []int, rels []string) {
	n := len(heads) - 1
	children := make([][]int, n+1)
	for d := 1; d <= n; d++ {
		if h := heads[d]; h >= 0 {
			children[h] = append(children[h], d)
		}
	}
	// Top-down order, so heads are settled before their lifted dependents.
	order := make([]int, 0, n+1)
	order = append(order, 0)
	for i := 0; i < len(order); i++ {
		order = append(order, children[order[i]]...)
	}
	queue := make([]int, 0, n)
	for _, d := range order {
		if d == 0 {
			continue
		}
		rel, want, lifted := strings.Cut(rels[d], liftMark)
		if !lifted {
			continue
		}
		rels[d] = rel
		want = baseRel(want)
		queue = append(queue[:0], children[heads[d]]...)
		found := -1
		for i := 0; i < len(queue) && i < maxSearch && found < 0; i++ {
			k := queue[i]
			if k == d {
				continue // not into its own subtree
			}
			if baseRel(rels[k]) == want {
				found = k
				break
			}
			queue = append(queue, children[k]...)
		}
		if found >= 0 {
			old := heads[d]
			for i, c := range children[old] {
				if c == d {
					children[old] = append(children[old][:i], children[old][i+1:]...)
					break
				}
			}
			heads[d] = found
			children[found] = insertSorted(children[found], d)
		}
	}
}

func insertSorted(xs []int, x int) []int {
	i := len(xs)
	for i > 0 && xs[i-1] > x {
		i--
	}
	xs = append(xs, 0)
	copy(xs[i+1:], xs[i:])
	xs[i] = x
	return xs
}

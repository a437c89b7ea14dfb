package graph

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// DocumentOf splits a fact label of the form <DOCID#N> into the document ID
// and sentence number. It reports false for a label of another form (an
// imported N-Quads file may use any label), in which case doc is the
// label's local name and sentence is -1.
func DocumentOf(label quad.Value) (doc string, sentence int, ok bool) {
	s := LocalName(label)
	if _, isIRI := label.(quad.IRI); !isIRI {
		return s, -1, false
	}
	i := strings.LastIndexByte(s, '#')
	if i <= 0 || i == len(s)-1 {
		return s, -1, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 0 || s[i+1] == '+' || s[i+1] == '-' {
		return s, -1, false
	}
	return s[:i], n, true
}

// LabelFilter returns a BuildOptions.Label function that resolves each
// distinct label ID once with n and keeps the facts whose label keep
// accepts. keep gets nil for facts without a label. Labels n cannot resolve
// are not kept. The returned function is not safe for concurrent use.
//
// For example, to select the facts of documents dated in 2023, keep looks up
// the document of the label (DocumentOf) in the caller's document dates.
func LabelFilter(n Namer, keep func(label quad.Value) bool) func(l uint64) bool {
	cache := make(map[uint64]bool)
	return func(l uint64) bool {
		if ok, seen := cache[l]; seen {
			return ok
		}
		var ok bool
		if l == 0 {
			ok = keep(nil)
		} else if v, err := n.ValueOf(l); err == nil {
			ok = keep(v)
		}
		cache[l] = ok
		return ok
	}
}

package graph

import (
	"context"

	"github.com/cayleygraph/quad"
)

// Source streams the stored facts as dictionary-encoded IDs (0 means "none",
// e.g. no label).
// The store calls fn for every quad; a non-nil error from fn stops the scan
// and is returned.
type Source interface {
	ScanIDs(ctx context.Context, fn func(s, p, o, l uint64) error) error
}

// Namer turns an ID back into its quad value.
type Namer interface {
	ValueOf(id uint64) (quad.Value, error)
}

// Fact is one stored quad, as dictionary IDs. L is 0 when the quad has no
// label. A Fact is the evidence reference carried by every line of a
// Snapshot: the caller resolves L (a label such as <DOCID#N>) to a document
// and sentence.
type Fact struct {
	S, P, O, L uint64
}

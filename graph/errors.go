package graph

import "errors"

// Sentinel errors. Errors returned by this package wrap one of these (test
// with errors.Is) together with the offending value.
var (
	// ErrUnknownNode is returned when an ID given by the caller is not a
	// node of the snapshot (it is unknown to the store, was filtered out
	// by the selection, or only occurs in attribute facts).
	ErrUnknownNode = errors.New("graph: unknown node")

	// ErrNoPath is returned when no path joins two nodes within the
	// requested depth.
	ErrNoPath = errors.New("graph: no path")

	// ErrBadOption is returned for an invalid option value, such as a
	// negative depth or an unknown ranking measure.
	ErrBadOption = errors.New("graph: bad option")

	// ErrTooLarge is returned when a graph exceeds what an operation can
	// handle: more than 2³¹-2 nodes or facts in a snapshot, or more nodes
	// than CommunityOptions.MaxGonumNodes for gonum's Modularize.
	ErrTooLarge = errors.New("graph: graph too large for this algorithm")

	// ErrBadSnapshot is returned by ReadSnapshot for input that is not a
	// snapshot written by WriteTo: wrong magic or version, truncated or
	// corrupted.
	ErrBadSnapshot = errors.New("graph: bad snapshot encoding")
)

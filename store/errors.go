package store

import (
	"errors"
	"strconv"
)

var (
	// ErrLocked is returned by Open when another process has the database
	// open.
	ErrLocked = errors.New("database is in use by another process")

	// ErrNotKG is returned by Open when the directory exists and holds
	// files, but is not a kg database. The directory is left untouched.
	ErrNotKG = errors.New("not a kg database")

	// ErrSchema is returned by Open when the database was written with a
	// schema version this build does not know.
	ErrSchema = errors.New("unsupported schema version")

	// ErrClosed is returned by operations on a closed Store.
	ErrClosed = errors.New("store is closed")

	// ErrNotFound is returned when a value, document or record is not in
	// the store.
	ErrNotFound = errors.New("not found")

	// ErrInvalidValue is returned for a nil or unsupported quad value, or a
	// quad whose subject, predicate or object is missing.
	ErrInvalidValue = errors.New("invalid quad value")

	// ErrCorrupt is returned when stored bytes cannot be decoded.
	ErrCorrupt = errors.New("corrupt record")

	// ErrNotEmpty is returned by an empty-store bulk load when the store
	// already holds quads.
	ErrNotEmpty = errors.New("store is not empty")
)

// SyntaxError is a malformed line in an N-Quads input.
type SyntaxError struct {
	File string // the file name, or "-" for standard input
	Line int    // 1-based line number
	Msg  string // what is wrong
}

func (e *SyntaxError) Error() string {
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

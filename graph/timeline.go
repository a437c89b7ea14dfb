package graph

import (
	"slices"
	"time"
)

// Event is a fact about an entity with the date of its evidence.
type Event struct {
	Fact
	Date  time.Time
	Dated bool // whether dateOf gave a date for the fact's label
}

// Timeline returns the facts about the entity with store ID id, as subject
// or object, lines and attributes alike except its type and name facts,
// ordered by the date dateOf gives their label (the document's date),
// undated facts last, ties in snapshot order. dateOf may be nil.
//
// It takes O(d log d) for d facts and returns an error wrapping
// ErrUnknownNode if id is not a node.
func (s *Snapshot) Timeline(id uint64, dateOf func(label uint64) (time.Time, bool)) ([]Event, error) {
	u, err := s.node(id)
	if err != nil {
		return nil, err
	}
	var out []Event
	add := func(f Fact) {
		e := Event{Fact: f}
		if dateOf != nil {
			e.Date, e.Dated = dateOf(f.L)
		}
		out = append(out, e)
	}
	for _, f := range s.Incident(int64(u)) {
		add(f)
	}
	for _, f := range s.Attributes(int64(u)) {
		if !s.meta[f.P] {
			add(f)
		}
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		switch {
		case a.Dated != b.Dated:
			if a.Dated {
				return -1
			}
			return 1
		case !a.Dated:
			return 0
		}
		return a.Date.Compare(b.Date)
	})
	return out, nil
}

package kg

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
)

// ErrNoPath is returned by Path when the entities are not connected.
var ErrNoPath = errors.New("no path")

// PathOptions controls Path.
type PathOptions struct {
	K        int  // how many shortest paths (default 1)
	Directed bool // follow facts from subject to object only
	MaxDepth int  // longest path in hops (0: no limit)
}

// Hop is one step of a path: a fact joining two entities, with its
// evidence.
type Hop = Evidence

// PathResult is one connection between two entities.
type PathResult struct {
	Hops []Hop `json:"hops"`
}

// Path finds the shortest connections between two entities, each hop with
// the fact and sentence that support it. Names are resolved as Resolve
// does; an unknown name gives an *UnknownEntityError.
func (db *DB) Path(ctx context.Context, from, to string, opt PathOptions) ([]PathResult, error) {
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return nil, err
	}
	a, _, err := db.node(ctx, s, from)
	if err != nil {
		return nil, fmt.Errorf("kg: path: %w", err)
	}
	b, _, err := db.node(ctx, s, to)
	if err != nil {
		return nil, fmt.Errorf("kg: path: %w", err)
	}
	po := graph.PathOptions{Directed: opt.Directed, MaxDepth: opt.MaxDepth}
	var paths []graph.Path
	if opt.K > 1 {
		paths, err = s.KShortestPaths(a, b, opt.K, po)
	} else {
		var p graph.Path
		p, err = s.ShortestPath(a, b, po)
		paths = []graph.Path{p}
	}
	if errors.Is(err, graph.ErrNoPath) {
		how := "connection"
		if opt.Directed {
			how = "directed connection"
		}
		if opt.MaxDepth > 0 {
			how += fmt.Sprintf(" of at most %d hops", opt.MaxDepth)
		}
		return nil, fmt.Errorf("kg: path: no %s between %s and %s: %w", how, db.name(a), db.name(b), ErrNoPath)
	}
	if err != nil {
		return nil, fmt.Errorf("kg: path from %q to %q: %w", from, to, err)
	}
	var docs docCache
	out := make([]PathResult, 0, len(paths))
	for _, p := range paths {
		var pr PathResult
		for _, h := range p.Hops {
			f := bestFact(h.Facts)
			q, err := db.factQuad(f)
			if err != nil {
				return nil, fmt.Errorf("kg: path: %w", err)
			}
			ev := db.evidence(ctx, q, &docs)
			ev.Subject, ev.Object = db.displayName(q.Subject), db.displayName(q.Object)
			pr.Hops = append(pr.Hops, ev)
		}
		out = append(out, pr)
	}
	return out, nil
}

// bestFact picks the fact to show for a hop: one with a label (evidence)
// if any.
func bestFact(fs []graph.Fact) graph.Fact {
	for _, f := range fs {
		if f.L != 0 {
			return f
		}
	}
	return fs[0]
}

// Entity is an entity with its display name and type.
type Entity struct {
	Name string `json:"name"`
	IRI  string `json:"iri"`
	Type string `json:"type,omitempty"`
}

func (db *DB) entity(ctx context.Context, id uint64) Entity {
	v, err := db.st.ValueOf(id)
	if err != nil {
		return Entity{Name: fmt.Sprintf("#%d", id)}
	}
	return Entity{Name: db.displayName(v), IRI: v.String(), Type: db.typeOf(ctx, v)}
}

// Neighbor is an entity near another, with its distance in hops.
type Neighbor struct {
	Entity
	Depth int `json:"depth"`
}

// Neighbors returns the ego network of an entity: every entity within
// depth hops, facts followed both ways, nearest first.
func (db *DB) Neighbors(ctx context.Context, name string, depth int) ([]Neighbor, error) {
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return nil, err
	}
	id, _, err := db.node(ctx, s, name)
	if err != nil {
		return nil, fmt.Errorf("kg: neighbors: %w", err)
	}
	ns, err := s.Neighbors(id, depth, false)
	if err != nil {
		return nil, fmt.Errorf("kg: neighbors of %q: %w", name, err)
	}
	out := make([]Neighbor, 0, len(ns))
	for _, n := range ns {
		out = append(out, Neighbor{Entity: db.entity(ctx, n.ID), Depth: n.Depth})
	}
	return out, nil
}

// Ranked is an entity with a centrality score.
type Ranked struct {
	Entity
	Score float64 `json:"score"`
}

// Rank scores entities by "pagerank", "betweenness" or "degree" and
// returns the top ones (all when top ≤ 0).
func (db *DB) Rank(ctx context.Context, by string, top int) ([]Ranked, error) {
	m, err := graph.ParseMeasure(by)
	if err != nil {
		return nil, fmt.Errorf("kg: rank: %w", err)
	}
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return nil, err
	}
	scores, err := s.Rank(m, graph.RankOptions{Top: top})
	if err != nil {
		return nil, fmt.Errorf("kg: rank: %w", err)
	}
	out := make([]Ranked, 0, len(scores))
	for _, sc := range scores {
		out = append(out, Ranked{Entity: db.entity(ctx, sc.ID), Score: sc.Score})
	}
	return out, nil
}

// Community is a group of closely connected entities.
type Community struct {
	Central Entity   `json:"central"`
	Members []Entity `json:"members"`
}

// Communities partitions the graph into communities by modularity
// (Louvain) and returns them, largest first, with the modularity Q.
func (db *DB) Communities(ctx context.Context) ([]Community, float64, error) {
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return nil, 0, err
	}
	cs, err := s.Communities(graph.CommunityOptions{Seed: 1})
	if err != nil {
		return nil, 0, fmt.Errorf("kg: communities: %w", err)
	}
	out := make([]Community, 0, len(cs.Groups))
	for _, g := range cs.Groups {
		c := Community{Central: db.entity(ctx, g.Central)}
		for _, m := range g.Members {
			c.Members = append(c.Members, db.entity(ctx, m))
		}
		out = append(out, c)
	}
	return out, cs.Modularity, nil
}

// Timeline returns the facts about an entity ordered by their documents'
// dates, undated facts last.
func (db *DB) Timeline(ctx context.Context, name string) ([]Evidence, error) {
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return nil, err
	}
	v, err := db.Resolve(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("kg: timeline: %w", err)
	}
	id, err := db.st.IDOf(v)
	if err != nil {
		return nil, fmt.Errorf("kg: timeline: %w", err)
	}
	var docs docCache
	events, err := s.Timeline(id, db.dateOf(ctx, &docs))
	if err != nil {
		return nil, fmt.Errorf("kg: timeline of %q: %w", name, err)
	}
	out := make([]Evidence, 0, len(events))
	for _, e := range events {
		q, err := db.factQuad(e.Fact)
		if err != nil {
			return nil, fmt.Errorf("kg: timeline: %w", err)
		}
		if q.Predicate == PredAlias {
			continue // a name, not an event
		}
		ev := db.evidence(ctx, q, &docs)
		ev.Subject = db.displayName(q.Subject)
		if _, lit := q.Object.(quad.IRI); lit {
			ev.Object = db.displayName(q.Object)
		}
		out = append(out, ev)
	}
	return out, nil
}

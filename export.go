package kg

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/store"
)

// ExportOptions controls Export.
type ExportOptions struct {
	// Format is "dot", "json" or "nquads".
	Format string
	// Focus, if set, exports only the ego network of this entity, Depth
	// hops deep (default 2). Not for nquads.
	Focus string
	Depth int
	// MaxNodes keeps only the most central nodes (0: graph.DefaultMaxNodes;
	// negative: no limit). Not for nquads.
	MaxNodes int
	// Communities groups nodes into clusters (DOT) or marks them (JSON).
	Communities bool
}

// ExportReport says what an export wrote and left out.
type ExportReport = graph.ExportReport

// Export writes the graph (or a focused part of it) to w: Graphviz DOT,
// JSON, or N-Quads.
func (db *DB) Export(ctx context.Context, w io.Writer, opt ExportOptions) (ExportReport, error) {
	switch opt.Format {
	case "nquads":
		if opt.Focus != "" {
			return ExportReport{}, fmt.Errorf("kg: export: --focus works with the dot and json formats, not nquads")
		}
		n, err := db.st.Export(ctx, w, store.Pattern{})
		return ExportReport{Facts: n}, err
	case "dot", "json":
	default:
		return ExportReport{}, fmt.Errorf("kg: export: unknown format %q (known: dot, json, nquads)", opt.Format)
	}
	s, err := db.Graph(ctx, nil)
	if err != nil {
		return ExportReport{}, err
	}
	if opt.Focus != "" {
		id, _, err := db.node(ctx, s, opt.Focus)
		if err != nil {
			return ExportReport{}, fmt.Errorf("kg: export: %w", err)
		}
		depth := opt.Depth
		if depth <= 0 {
			depth = 2
		}
		if s, err = s.Ego(id, depth); err != nil {
			return ExportReport{}, fmt.Errorf("kg: export: %w", err)
		}
	}
	var docs docCache
	eo := &graph.ExportOptions{
		Name:     "kg",
		MaxNodes: opt.MaxNodes,
		Negated: func(f graph.Fact) bool {
			q, err := db.factQuad(f)
			if err != nil {
				return false
			}
			ev, err := db.st.EvidenceOf(ctx, q)
			return err == nil && ev.Negated
		},
		Evidence: func(f graph.Fact) string {
			q, err := db.factQuad(f)
			if err != nil || q.Label == nil {
				return ""
			}
			ev := db.evidence(ctx, q, &docs)
			var b strings.Builder
			b.WriteString(ev.Doc)
			if ev.Date != "" {
				b.WriteString(" (" + ev.Date + ")")
			}
			if ev.Text != "" {
				b.WriteString(": " + ev.Text)
			}
			return b.String()
		},
	}
	limit := opt.MaxNodes
	if limit == 0 {
		limit = graph.DefaultMaxNodes
	}
	if limit > 0 && s.Len() > limit {
		// Keep the most central nodes by PageRank: degree would keep hubs
		// that only connect through nodes left out.
		eo.Scores = s.PageRankScores(0.85, 1e-6)
	}
	if opt.Communities && s.Len() > 1 {
		if eo.Communities, err = s.Communities(graph.CommunityOptions{Seed: 1}); err != nil {
			return ExportReport{}, fmt.Errorf("kg: export: %w", err)
		}
	}
	if opt.Format == "dot" {
		return s.WriteDOT(w, eo)
	}
	return s.WriteJSON(w, eo)
}

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() {
	register(newPathCmd, newNeighborsCmd, newRankCmd, newCommunitiesCmd, newTimelineCmd)
}

func newPathCmd(e *env) *cobra.Command {
	var opt kg.PathOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "path A B",
		Short: "Show how two entities are connected, each hop with its evidence",
		Example: `  kg path Guterres Bazoum
  kg path "African Union" Tchiani -k 3 --max-depth 4
  kg path Bazoum coup --directed --json`,
		Args: exactArgs(2, "two entity names"),
		RunE: func(c *cobra.Command, args []string) error {
			if opt.K < 1 {
				return usagef("-k must be at least 1")
			}
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			paths, err := db.Path(c.Context(), args[0], args[1], opt)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, struct {
					Paths []kg.PathResult `json:"paths"`
				}{paths})
			}
			for i, p := range paths {
				if len(paths) > 1 {
					fmt.Fprintf(e.stdout, "path %d (%d hops)\n", i+1, len(p.Hops))
				}
				for _, h := range p.Hops {
					fmt.Fprintf(e.stdout, "  %s\n      %s\n", factLine(h), evidenceLine(h))
				}
			}
			return nil
		},
	}
	c.Flags().IntVarP(&opt.K, "k", "k", 1, "the k shortest paths")
	c.Flags().BoolVar(&opt.Directed, "directed", false, "follow facts from subject to object only")
	c.Flags().IntVar(&opt.MaxDepth, "max-depth", 0, "longest path in hops (0: no limit)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: {\"paths\": [{\"hops\": [...]}]}")
	return c
}

func newNeighborsCmd(e *env) *cobra.Command {
	var depth int
	var asJSON bool
	c := &cobra.Command{
		Use:     "neighbors X",
		Aliases: []string{"neighbours"},
		Short:   "List the entities within a few hops of one (its ego network)",
		Example: `  kg neighbors Bazoum --depth 2`,
		Args:    exactArgs(1, "one entity name"),
		RunE: func(c *cobra.Command, args []string) error {
			if depth < 1 {
				return usagef("--depth must be at least 1")
			}
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			ns, err := db.Neighbors(c.Context(), args[0], depth)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, ns)
			}
			tw := newTable(e.stdout)
			fmt.Fprintln(tw, "depth\tentity\ttype")
			for _, n := range ns {
				fmt.Fprintf(tw, "%d\t%s\t%s\n", n.Depth, n.Name, n.Type)
			}
			return tw.Flush()
		},
	}
	c.Flags().IntVar(&depth, "depth", 1, "how many hops")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func newRankCmd(e *env) *cobra.Command {
	var by string
	var top int
	var asJSON bool
	c := &cobra.Command{
		Use:   "rank",
		Short: "Rank entities by centrality",
		Example: `  kg rank --by pagerank --top 10
  kg rank --by betweenness --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			switch by {
			case "pagerank", "betweenness", "degree":
			default:
				return usagef("--by must be pagerank, betweenness or degree, not %q", by)
			}
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			rs, err := db.Rank(c.Context(), by, top)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, rs)
			}
			tw := newTable(e.stdout)
			fmt.Fprintf(tw, "rank\tentity\ttype\t%s\n", by)
			for i, r := range rs {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%.4g\n", i+1, r.Name, r.Type, r.Score)
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&by, "by", "pagerank", "pagerank, betweenness or degree")
	c.Flags().IntVar(&top, "top", 10, "how many (0: all)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func newCommunitiesCmd(e *env) *cobra.Command {
	var asJSON bool
	var top int
	c := &cobra.Command{
		Use:     "communities",
		Short:   "Find groups of closely connected entities (Louvain)",
		Example: `  kg communities --top 5`,
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			cs, q, err := db.Communities(c.Context())
			if err != nil {
				return err
			}
			if top > 0 && len(cs) > top {
				cs = cs[:top]
			}
			if asJSON {
				return writeJSON(e.stdout, struct {
					Modularity  float64        `json:"modularity"`
					Communities []kg.Community `json:"communities"`
				}{q, cs})
			}
			fmt.Fprintf(e.stdout, "modularity %.3f\n", q)
			for i, cm := range cs {
				fmt.Fprintf(e.stdout, "%d. %d members, most central: %s\n  ", i+1, len(cm.Members), cm.Central.Name)
				for j, m := range cm.Members {
					if j > 0 {
						fmt.Fprint(e.stdout, ", ")
					}
					if j == 12 {
						fmt.Fprintf(e.stdout, "… %d more", len(cm.Members)-j)
						break
					}
					fmt.Fprint(e.stdout, m.Name)
				}
				fmt.Fprintln(e.stdout)
			}
			return nil
		},
	}
	c.Flags().IntVar(&top, "top", 0, "show only the largest communities (0: all)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func newTimelineCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "timeline X",
		Short:   "List the facts about an entity in date order",
		Example: `  kg timeline Bazoum`,
		Args:    exactArgs(1, "one entity name"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			evs, err := db.Timeline(c.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, evs)
			}
			for _, ev := range evs {
				date := ev.Date
				if date == "" {
					date = "undated   "
				}
				fmt.Fprintf(e.stdout, "%s  %s\n            %s\n", date, factLine(ev), evidenceLine(ev))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

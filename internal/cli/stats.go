package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func init() { register(newStatsCmd) }

func newStatsCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Count the quads, nodes, predicates and documents in the database",
		Example: `  kg stats
  kg --db news.db stats --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			db, err := e.open()
			if err != nil {
				return err
			}
			defer db.Close()
			st, err := db.Stats(c.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				return enc.Encode(st)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintf(tw, "quads\t%d\t\n", st.Quads)
			fmt.Fprintf(tw, "nodes\t%d\t\n", st.Nodes)
			fmt.Fprintf(tw, "predicates\t%d\t\n", st.Predicates)
			fmt.Fprintf(tw, "documents\t%d\t\n", st.Documents)
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: {\"quads\",\"nodes\",\"predicates\",\"documents\"}")
	return c
}

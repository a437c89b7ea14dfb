package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { register(newCompactCmd) }

func newCompactCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Pack the database's quad indexes into chunks of up to 64 quads",
		Long: `Compact packs runs of single index entries into chunks of up to 64 quads,
as kg import writes them into an empty database. A database built by kg ingest
holds one key per fact in each of its four indexes, and edits split chunks;
compacted, it takes fewer keys and less disk, and scans read fewer entries.
The facts are unchanged. Writes wait while it runs.`,
		Example: `  kg --db news.db compact`,
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			db, err := e.open()
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := db.Store().Compact(c.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "kg: packed %d index entries into %d chunks\n", res.Singles, res.Chunks)
			return nil
		},
	}
}

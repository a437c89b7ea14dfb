package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { register(newExportCmd) }

func newExportCmd(e *env) *cobra.Command {
	var format, out string
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the graph out (N-Quads)",
		Long: `Write the graph out. With -o FILE the file is written whole or not at all
(gzipped when FILE ends in .gz); without it, to standard output.`,
		Example: `  kg export --format nquads > all.nq
  kg export --format nquads -o all.nq.gz`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			if format != "nquads" {
				return usagef("unknown export format %q (known: nquads)", format)
			}
			db, err := e.open()
			if err != nil {
				return err
			}
			defer db.Close()
			var n int
			if out == "" || out == "-" {
				n, err = db.ExportNQuads(c.Context(), e.stdout)
			} else {
				n, err = db.ExportNQuadsFile(c.Context(), out)
			}
			if err != nil {
				return err
			}
			if out != "" && out != "-" {
				fmt.Fprintf(e.stderr, "kg: exported %d quads to %s\n", n, out)
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "nquads", "output format: nquads")
	c.Flags().StringVarP(&out, "output", "o", "", "output file (default standard output)")
	return c
}

package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() { register(newQueryCmd) }

func newQueryCmd(e *env) *cobra.Command {
	var asJSON, evidence bool
	var limit int
	c := &cobra.Command{
		Use:   "query 'PATTERN'",
		Short: "Answer triple patterns with variables and joins",
		Long: `Answer triple patterns with variables and joins. A pattern is
SUBJECT PREDICATE OBJECT; join several with " . ". Terms are ?variables,
* (anything), <IRIs>, "literals" and names (African_Union or "African Union").
Predicates see through voice and synonyms: "Bazoum detained_by ?x" also
finds facts stated as "?x confine Bazoum".`,
		Example: `  kg query 'Bazoum detained_by ?x'
  kg query '?who condemn ?what . ?what type EVENT' --limit 20
  kg query '* elected_in ?when' --json`,
		Args: exactArgs(1, "one quoted pattern"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := db.Query(c.Context(), args[0], kg.QueryOptions{Limit: limit, Evidence: asJSON || evidence})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, res)
			}
			if len(res.Rows) == 0 {
				fmt.Fprintln(e.stdout, "no match")
				return nil
			}
			tw := newTable(e.stdout)
			header := make([]string, len(res.Vars))
			for i, v := range res.Vars {
				header[i] = "?" + v
			}
			if len(res.Vars) > 0 {
				fmt.Fprintln(tw, strings.Join(header, "\t"))
			}
			for _, r := range res.Rows {
				vals := make([]string, len(res.Vars))
				for i, v := range res.Vars {
					vals[i] = r.Values[v]
				}
				if len(res.Vars) > 0 {
					fmt.Fprintln(tw, strings.Join(vals, "\t"))
				}
				if evidence || len(res.Vars) == 0 {
					for _, ev := range r.Evidence {
						fmt.Fprintf(tw, "  %s\t%s\n", factLine(ev), evidenceLine(ev))
					}
				}
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: {\"vars\", \"rows\": [{\"values\", \"evidence\"}]}")
	c.Flags().BoolVar(&evidence, "evidence", false, "show the facts and sentences behind each row")
	c.Flags().IntVar(&limit, "limit", 100, "most rows (0: all)")
	return c
}

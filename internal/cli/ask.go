package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { register(newAskCmd) }

func newAskCmd(e *env) *cobra.Command {
	var asJSON bool
	var top int
	c := &cobra.Command{
		Use:   "ask QUESTION",
		Short: "Answer a who-did-what question, with the sentences behind each answer",
		Long: `Answer a who-did-what question from the facts in the database. Answers
see through voice (detained ↔ detained_by), verbs of the same action
(detain, hold, confine) and entity names and aliases, and are ranked by the
evidence that supports them. Each answer lists its sentences with their
document and date. Negated facts are shown as denials, never as support.`,
		Example: `  kg ask "Who detained Bazoum?"
  kg ask "What did the African Union condemn?"
  kg ask "When was Bazoum elected?" --json`,
		Args: exactArgs(1, "one quoted question"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := db.Ask(c.Context(), args[0])
			if err != nil {
				return err
			}
			if top > 0 && len(res.Answers) > top {
				res.Answers = res.Answers[:top]
			}
			if asJSON {
				return writeJSON(e.stdout, res)
			}
			if len(res.Answers) == 0 {
				fmt.Fprintln(e.stdout, "No stored fact answers this question.")
				return nil
			}
			for i, a := range res.Answers {
				sources := len(a.Evidence)
				note := ""
				if a.Score == 0 {
					note = "  — only denied"
				}
				fmt.Fprintf(e.stdout, "%d. %s  (score %.2f, %d source%s)%s\n", i+1, a.Answer, a.Score, sources, plural(sources), note)
				for _, ev := range a.Evidence {
					mark := ""
					switch {
					case ev.Negated:
						mark = "DENIED "
					case ev.Modality != "":
						mark = "(" + ev.Modality + ") "
					}
					fmt.Fprintf(e.stdout, "     %s%s\n", mark, evidenceLine(ev))
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print JSON: {"question", "answers": [{"answer", "score", "evidence": [...]}]}`)
	c.Flags().IntVar(&top, "top", 5, "most answers (0: all)")
	return c
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kgraph/kg"
)

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

// evidenceLine formats one piece of evidence for people:
//
//	doc (2023-07-27) #3: "The sentence."
func evidenceLine(ev kg.Evidence) string {
	var b strings.Builder
	if ev.Doc == "" {
		b.WriteString("(no source recorded)")
		return b.String()
	}
	b.WriteString(ev.Doc)
	if ev.Date != "" {
		fmt.Fprintf(&b, " (%s)", ev.Date)
	}
	if ev.Sentence >= 0 {
		fmt.Fprintf(&b, " #%d", ev.Sentence)
	}
	if ev.Text != "" {
		fmt.Fprintf(&b, ": %q", ev.Text)
	}
	return b.String()
}

// factLine formats a fact as "subject – predicate – object", marking
// negation.
func factLine(ev kg.Evidence) string {
	neg := ""
	if ev.Negated {
		neg = "NOT "
	}
	return fmt.Sprintf("%s – %s%s – %s", ev.Subject, neg, ev.Predicate, ev.Object)
}

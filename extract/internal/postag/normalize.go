package postag

import "strings"

var quoteReplacer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u201f", "\"", "\u2033", "\"",
	"\u00ab", "\"", "\u00bb", "\"",
)

// Normalize returns the form of a token as the models see it: curly quotes
// and apostrophes become straight ones. Offsets are never taken from the
// normalised copy.
func Normalize(form string) string {
	if strings.IndexByte(form, 0xe2) < 0 && strings.IndexByte(form, 0xc2) < 0 {
		return form
	}
	return quoteReplacer.Replace(form)
}

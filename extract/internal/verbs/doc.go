// Package verbs embeds kg's verb lexicon, verbs.tsv: action classes that
// group synonymous verb lemmas (confine, detain, arrest, ...), so that a
// question asked with one verb finds facts stated with another.
//
// The file is written by hand for kg and reviewed against Princeton
// WordNet 3.0; its header carries WordNet's licence notice.
package verbs

import _ "embed"

// TSV is the lexicon file: "class TAB member,member,..." lines, with "#"
// comments.
//
//go:embed verbs.tsv
var TSV string

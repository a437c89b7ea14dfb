// Package models embeds kg's trained language models, written by
// cmd/kgtrain (make models):
//
//	lexicon.zst     word classes, exceptions and gazetteer from WordNet 3.0
//	tagger.bin.zst  part-of-speech tagger (XPOS and UPOS)
//	lemma.bin.zst   lemmatiser dictionary, rules and case model
//	ner.bin.zst     named-entity tagger
//	parser.bin.zst  dependency parser (when trained)
//
// The models trained on UD English-EWT and UNER English-EWT are licensed
// CC BY-SA 4.0, like their training data (see LICENSE.md in this
// directory); the lexicon derives from WordNet 3.0 under its own licence.
package models

import (
	"embed"
	"io/fs"
)

//go:embed *.zst
var files embed.FS

// FS returns the embedded model files.
func FS() fs.FS { return files }

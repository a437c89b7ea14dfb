// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies (https://universaldependencies.org/format.html).
//
// A Reader streams sentences like bufio.Scanner: Read returns one
// *Sentence at a time, io.EOF at the end, and a *SyntaxError carrying the
// line number for malformed input. Errors are sticky. Multiword token lines
// ("1-2"), empty nodes ("1.1"), comments and the MISC column are kept, so a
// sentence read and written again round-trips byte for byte when the input
// is in canonical form.
package conllu

// Package extract turns English text into analysed sentences: tokens with
// byte offsets, Penn (XPOS) and universal (UPOS) part-of-speech tags,
// lemmas, named-entity BIO tags and, when a Parser is plugged in,
// dependency heads and relations.
//
// The models are trained by cmd/kgtrain on UD English-EWT and UNER
// English-EWT and embedded in the binary; nothing is read from disk or the
// network at run time. The trained models are licensed CC BY-SA 4.0, like
// the data they were trained on.
package extract

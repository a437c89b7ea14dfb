package store

import (
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// This file holds every key layout of the store. Nothing else builds or
// parses key bytes.
//
// All integers are big-endian so that byte order is numeric order.
//
//	meta          0x00 name                      → value
//	value→id      0x01 xxhash64(value) value     → id (8 bytes)
//	id→value      0x02 id                        → encoded-value
//	SPOL          0x10 s p o l                   → (empty)
//	POSL          0x11 p o s l                   → (empty)
//	OSPL          0x12 o s p l                   → (empty)
//	LSPO          0x13 l s p o                   → (empty)
//	document      0x20 doc-name                  → Document record
//	doc→label     0x21 doc-name 0x00 l           → (empty)
//	sentence      0x22 l                         → Sentence record
//	fact evidence 0x23 l s p o                   → Evidence record
//
// The four quad indexes hold the same set of quads in different orders, so
// that every pattern with at least one bound position is one prefix scan.
// An ID of 0 means "no value" (a quad without a label).

const (
	pfxMeta     byte = 0x00
	pfxValueID  byte = 0x01
	pfxIDValue  byte = 0x02
	pfxSPOL     byte = 0x10
	pfxPOSL     byte = 0x11
	pfxOSPL     byte = 0x12
	pfxLSPO     byte = 0x13
	pfxDocument byte = 0x20
	pfxDocLabel byte = 0x21
	pfxSentence byte = 0x22
	pfxEvidence byte = 0x23
)

// quadKeyLen is the length of a quad index key: prefix and four IDs.
const quadKeyLen = 1 + 4*8

// Meta keys.
var (
	keyGeneration = []byte{pfxMeta, 'g', 'e', 'n'}
	keySchema     = []byte{pfxMeta, 's', 'c', 'h', 'e', 'm', 'a'}
	keySequence   = []byte{pfxMeta, 's', 'e', 'q'}
)

// index is one of the four quad orders.
type index uint8

const (
	idxSPOL index = iota
	idxPOSL
	idxOSPL
	idxLSPO
	numIndexes
)

var indexPrefix = [numIndexes]byte{pfxSPOL, pfxPOSL, pfxOSPL, pfxLSPO}

var indexName = [numIndexes]string{"spol", "posl", "ospl", "lspo"}

// ids is a quad as dictionary IDs, in the order subject, predicate, object,
// label.
type ids [4]uint64

// order gives, for each index, which quad position comes first, second, …
var order = [numIndexes][4]int{
	idxSPOL: {0, 1, 2, 3},
	idxPOSL: {1, 2, 0, 3},
	idxOSPL: {2, 0, 1, 3},
	idxLSPO: {3, 0, 1, 2},
}

// quadKey writes the key of q in index ix into dst, which must have room
// for quadKeyLen bytes, and returns it.
func quadKey(dst []byte, ix index, q ids) []byte {
	dst = dst[:quadKeyLen]
	dst[0] = indexPrefix[ix]
	for i, pos := range order[ix] {
		binary.BigEndian.PutUint64(dst[1+8*i:], q[pos])
	}
	return dst
}

// parseQuadKey decodes a key of index ix.
func parseQuadKey(ix index, k []byte) (ids, bool) {
	var q ids
	if len(k) != quadKeyLen || k[0] != indexPrefix[ix] {
		return q, false
	}
	for i, pos := range order[ix] {
		q[pos] = binary.BigEndian.Uint64(k[1+8*i:])
	}
	return q, true
}

// quadPrefix returns the scan prefix in index ix for the first n bound
// positions of q in that index's order.
func quadPrefix(ix index, q ids, n int) []byte {
	p := make([]byte, 1+8*n)
	p[0] = indexPrefix[ix]
	for i := 0; i < n; i++ {
		binary.BigEndian.PutUint64(p[1+8*i:], q[order[ix][i]])
	}
	return p
}

// valueIDKey is the dictionary key of an encoded value: the value's 64-bit
// hash first, so that a bulk load sorts these keys with a radix sort on
// the hash, then the value itself, so that lookups stay exact.
func valueIDKey(enc []byte) []byte {
	k := make([]byte, 9+len(enc))
	k[0] = pfxValueID
	binary.BigEndian.PutUint64(k[1:], xxhash.Sum64(enc))
	copy(k[9:], enc)
	return k
}

func idValueKey(id uint64) []byte {
	k := make([]byte, 9)
	k[0] = pfxIDValue
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

func documentKey(doc string) []byte {
	return append([]byte{pfxDocument}, doc...)
}

func docLabelPrefix(doc string) []byte {
	k := make([]byte, 0, 2+len(doc))
	k = append(k, pfxDocLabel)
	k = append(k, doc...)
	return append(k, 0)
}

func docLabelKey(doc string, label uint64) []byte {
	k := docLabelPrefix(doc)
	return binary.BigEndian.AppendUint64(k, label)
}

// parseDocLabelKey returns the document name and label ID of a doc→label key.
func parseDocLabelKey(k []byte) (string, uint64, bool) {
	if len(k) < 1+1+8 || k[0] != pfxDocLabel || k[len(k)-9] != 0 {
		return "", 0, false
	}
	return string(k[1 : len(k)-9]), binary.BigEndian.Uint64(k[len(k)-8:]), true
}

func sentenceKey(label uint64) []byte {
	k := make([]byte, 9)
	k[0] = pfxSentence
	binary.BigEndian.PutUint64(k[1:], label)
	return k
}

func evidenceKey(q ids) []byte {
	k := make([]byte, quadKeyLen)
	k[0] = pfxEvidence
	binary.BigEndian.PutUint64(k[1:], q[3])
	binary.BigEndian.PutUint64(k[9:], q[0])
	binary.BigEndian.PutUint64(k[17:], q[1])
	binary.BigEndian.PutUint64(k[25:], q[2])
	return k
}

// parseEvidenceKey decodes a fact evidence key, which has the LSPO
// layout under its own prefix.
func parseEvidenceKey(k []byte) (ids, bool) {
	if len(k) != quadKeyLen || k[0] != pfxEvidence {
		return ids{}, false
	}
	var q ids
	q[3] = binary.BigEndian.Uint64(k[1:])
	q[0] = binary.BigEndian.Uint64(k[9:])
	q[1] = binary.BigEndian.Uint64(k[17:])
	q[2] = binary.BigEndian.Uint64(k[25:])
	return q, true
}

// parseSentenceKey returns the label ID of a sentence key.
func parseSentenceKey(k []byte) (uint64, bool) {
	if len(k) != 9 || k[0] != pfxSentence {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[1:]), true
}

// prefixEnd returns the smallest key greater than every key with prefix p.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

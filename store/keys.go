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
//	id→value      0x02 id                        → encoded-value or ID chunk
//	value bucket  0x03 bucket (4 bytes)          → value bucket
//	SPOL          0x10 s p o l                   → (empty) or chunk
//	POSL          0x11 p o s l                   → (empty) or chunk
//	OSPL          0x12 o s p l                   → (empty) or chunk
//	LSPO          0x13 l s p o                   → (empty) or chunk
//	document      0x20 doc-name                  → Document record
//	doc→label     0x21 doc-name 0x00 l           → (empty)
//	sentence      0x22 l                         → Sentence record
//	fact evidence 0x23 l s p o                   → Evidence record
//
// The four quad indexes hold the same set of quads in different orders, so
// that every pattern with at least one bound position is one prefix scan.
// An ID of 0 means "no value" (a quad without a label).
//
// An index entry is either single, its key one quad and its value empty,
// or a chunk: its key is the largest quad of a run of consecutive quads of
// the index, and its value the others, in ascending order. Entries never
// overlap: every quad of an entry is larger than every quad of the entry
// before. A seek to a quad therefore lands on the one entry that can hold
// it. A bulk load into an empty store writes chunks of chunkSize quads, so
// that a million quads are some sixty thousand Badger keys per index
// rather than a million. Transactions write single entries; before one
// adds a quad inside a chunk's range or removes a quad of a chunk, it
// explodes the chunk into single entries (chunkedit.go).
//
// The ID → value half of the dictionary is chunked the same way by a bulk
// load into an empty store, which hands out IDs 1, 2, 3, … in order: an
// ID chunk's key is the last of up to chunkSize consecutive IDs, and its
// value the byte idChunkFormat (never a value kind), the number of IDs as
// a uvarint, then each ID's encoded value as a uvarint length and the
// bytes, in ID order. IDs are never reused or removed, and later IDs are
// larger than every chunked one, so ID chunks are never changed.
//
// The value → ID half is written by a bulk load into an empty store as
// value buckets rather than one key per value: the values whose hash has
// the same top valueBits bits (valueBits in the meta key keyValueBits,
// chosen by the load so that a bucket holds about valueBucketFill values)
// share one key, the bucket number. Its value is the byte
// valueBucketFormat, the number of values as a uvarint, then each value
// as a uvarint length, the encoded value and its ID as a uvarint, in the
// order of their hashes. A million quads' 700k values are some twenty
// thousand keys instead of 700k. Buckets are never changed: a value added
// later gets a single value→id key, so a lookup reads the value's bucket
// (when the store has buckets) and then, if the value is not in it, the
// single key.
//
// A chunk value is the byte chunkFormat, the number of quads as a uvarint,
// then each quad in index order: one byte saying how many leading IDs it
// shares with the quad before (0 for the first), then the other IDs as
// uvarints.

const (
	pfxMeta     byte = 0x00
	pfxValueID  byte = 0x01
	pfxIDValue  byte = 0x02
	pfxBucket   byte = 0x03
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
	keyChunked    = []byte{pfxMeta, 'c', 'h', 'u', 'n', 'k', 'e', 'd'} // present once a load wrote chunks
	keySequence   = []byte{pfxMeta, 's', 'e', 'q'}
	keyValueBits  = []byte{pfxMeta, 'v', 'b', 'i', 't', 's'} // present once a load wrote value buckets
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

// chunkSize is how many quads a bulk load packs into one index entry.
const chunkSize = 64

// chunkFormat is the first byte of a chunk value.
const chunkFormat byte = 1

// idChunkFormat is the first byte of an ID chunk value.
const idChunkFormat byte = 0xff

// valueBucketFormat is the first byte of a value bucket.
const valueBucketFormat byte = 2

// valueBucketFill is about how many values a bulk load puts in a value
// bucket: at most this many on average.
const valueBucketFill = 32

// valueBucketBits returns the number of hash bits that number the value
// buckets of n values: at least 1, so that the two halves of the hash
// space (which a load streams side by side) never share a bucket.
func valueBucketBits(n int) uint32 {
	b := uint32(1)
	for b < 32 && uint64(n) > valueBucketFill<<b {
		b++
	}
	return b
}

// bucketOf returns the bucket of hash h among 2^bits buckets.
func bucketOf(h uint64, bits uint32) uint32 { return uint32(h >> (64 - bits)) }

// valueBucketKey is the key of value bucket b.
func valueBucketKey(b uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{pfxBucket}, b)
}

// appendBucketEntry appends one value and its ID to a value bucket's
// entries (appendValueBucket writes the header).
func appendBucketEntry(dst, enc []byte, id uint64) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(enc)))
	dst = append(dst, enc...)
	return binary.AppendUvarint(dst, id)
}

// appendValueBucket appends the value bucket of n entries, given as
// appendBucketEntry wrote them, to dst.
func appendValueBucket(dst []byte, n int, entries []byte) []byte {
	dst = append(dst, valueBucketFormat)
	dst = binary.AppendUvarint(dst, uint64(n))
	return append(dst, entries...)
}

// findInBucket returns the ID of enc in value bucket v, or 0. It is false
// when v is not a well-formed bucket (as far as it read).
func findInBucket(v, enc []byte) (uint64, bool) {
	if len(v) < 2 || v[0] != valueBucketFormat {
		return 0, false
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n > uint64(len(v)) {
		return 0, false
	}
	b := v[1+w:]
	for range n {
		l, w := binary.Uvarint(b)
		if w <= 0 || l > uint64(len(b)-w) {
			return 0, false
		}
		val := b[w : w+int(l)]
		b = b[w+int(l):]
		id, w := binary.Uvarint(b)
		if w <= 0 || id == 0 {
			return 0, false
		}
		b = b[w:]
		if string(val) == string(enc) {
			return id, true
		}
	}
	return 0, len(b) == 0
}

// appendIDChunk appends the ID chunk value holding the encoded values of
// consecutive IDs to dst.
func appendIDChunk(dst []byte, values [][]byte) []byte {
	dst = append(dst, idChunkFormat)
	dst = binary.AppendUvarint(dst, uint64(len(values)))
	for _, v := range values {
		dst = binary.AppendUvarint(dst, uint64(len(v)))
		dst = append(dst, v...)
	}
	return dst
}

// eachIDValue calls fn with every ID and encoded value of an id→value
// entry with key ID last: one for a single value, all for an ID chunk.
// It is false when the entry is not well formed.
func eachIDValue(last uint64, v []byte, fn func(id uint64, enc []byte) bool) bool {
	if len(v) == 0 || v[0] != idChunkFormat {
		fn(last, v)
		return len(v) > 0
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n == 0 || n > uint64(len(v)) || n > last {
		return false
	}
	b := v[1+w:]
	for id := last - n + 1; id <= last; id++ {
		l, w := binary.Uvarint(b)
		if w <= 0 || l > uint64(len(b)-w) {
			return false
		}
		if !fn(id, b[w:w+int(l)]) {
			return true
		}
		b = b[w+int(l):]
	}
	return len(b) == 0
}

// appendChunk appends the chunk value holding tuples, which are in index
// order (see permute) and ascending, to dst.
func appendChunk(dst []byte, tuples []ids) []byte {
	dst = append(dst, chunkFormat)
	dst = binary.AppendUvarint(dst, uint64(len(tuples)))
	var prev ids
	for i, t := range tuples {
		shared := 0
		if i > 0 {
			for shared < 3 && t[shared] == prev[shared] {
				shared++
			}
		}
		dst = append(dst, byte(shared))
		for _, id := range t[shared:] {
			dst = binary.AppendUvarint(dst, id)
		}
		prev = t
	}
	return dst
}

// chunkLen returns the number of quads in a chunk value without decoding
// them.
func chunkLen(v []byte) (int, bool) {
	if len(v) < 2 || v[0] != chunkFormat {
		return 0, false
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n > uint64(len(v)) {
		return 0, false
	}
	return int(n), true
}

// chunkReader decodes a chunk value one quad at a time.
type chunkReader struct {
	b     []byte // the undecoded rest
	left  int    // quads left in b
	first bool
	prev  ids // the quad last decoded
}

// reset starts reading chunk value v; it is false when v's header is bad.
func (r *chunkReader) reset(v []byte) bool {
	*r = chunkReader{first: true}
	n, ok := chunkLen(v)
	if !ok {
		return false
	}
	_, w := binary.Uvarint(v[1:])
	r.b, r.left = v[1+w:], n
	return true
}

// next decodes the next quad. ok is false when none is left (then done is
// true if the chunk ended cleanly) or the bytes are not a sound chunk of
// ascending quads (done false).
func (r *chunkReader) next() (t ids, ok, done bool) {
	if r.left == 0 {
		return t, false, len(r.b) == 0
	}
	b := r.b
	if len(b) == 0 || b[0] > 3 || (r.first && b[0] != 0) {
		return t, false, false
	}
	shared := int(b[0])
	b = b[1:]
	t = r.prev
	for j := shared; j < 4; j++ {
		id, w := binary.Uvarint(b)
		if w <= 0 {
			return t, false, false
		}
		t[j] = id
		b = b[w:]
	}
	if !r.first && cmpIDs(t, r.prev) <= 0 {
		return t, false, false
	}
	r.b, r.prev, r.first = b, t, false
	r.left--
	return t, true, false
}

// decodeChunk appends the quads of a chunk value, in index order, to dst.
// ok is false when v is not a well-formed chunk of ascending quads.
func decodeChunk(dst []ids, v []byte) (_ []ids, ok bool) {
	var r chunkReader
	if !r.reset(v) {
		return dst, false
	}
	for {
		t, ok, done := r.next()
		if !ok {
			return dst, done
		}
		dst = append(dst, t)
	}
}

// entryKey writes the key of the index entry whose (largest) quad is t, in
// index order, into dst, which must have room for quadKeyLen bytes.
func entryKey(dst []byte, ix index, t ids) []byte {
	dst = dst[:quadKeyLen]
	dst[0] = indexPrefix[ix]
	for i, id := range t {
		binary.BigEndian.PutUint64(dst[1+8*i:], id)
	}
	return dst
}

// parseEntryKey decodes an index entry's key into its quad in index order.
func parseEntryKey(ix index, k []byte) (ids, bool) {
	var t ids
	if len(k) != quadKeyLen || k[0] != indexPrefix[ix] {
		return t, false
	}
	for i := range t {
		t[i] = binary.BigEndian.Uint64(k[1+8*i:])
	}
	return t, true
}

// valueIDKey is the single dictionary key of an encoded value (one that
// no value bucket holds): the value's 64-bit hash first, as in the
// buckets, then the value itself, so that lookups stay exact.
func valueIDKey(enc []byte) []byte {
	return appendValueIDKey(make([]byte, 0, 9+len(enc)), enc)
}

// appendValueIDKey appends the dictionary key of enc to dst.
func appendValueIDKey(dst, enc []byte) []byte {
	return appendValueIDKeyHash(dst, xxhash.Sum64(enc), enc)
}

// appendValueIDKeyHash is appendValueIDKey given enc's hash.
func appendValueIDKeyHash(dst []byte, h uint64, enc []byte) []byte {
	dst = append(dst, pfxValueID)
	dst = binary.BigEndian.AppendUint64(dst, h)
	return append(dst, enc...)
}

// parseIDValueKey returns the ID of an id→value key.
func parseIDValueKey(k []byte) (uint64, bool) {
	if len(k) != 9 || k[0] != pfxIDValue {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[1:]), true
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

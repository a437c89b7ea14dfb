package store

import (
	"encoding/binary"
	"fmt"

	"github.com/cayleygraph/quad"
)

// Value kinds in the dictionary encoding. The first byte of an encoded
// value is its kind.
const (
	kindIRI   byte = 'I'
	kindBNode byte = 'B'
	kindStr   byte = 'S'
	kindTyped byte = 'T' // uvarint len(type), type, value
	kindLang  byte = 'L' // uvarint len(lang), lang, value
)

// encodeValue appends the dictionary encoding of v to dst. Native values
// (quad.Int, quad.Float, quad.Bool, quad.Time) are stored as their typed
// string, so that one value has one encoding.
func encodeValue(dst []byte, v quad.Value) ([]byte, error) {
	switch v := v.(type) {
	case quad.IRI:
		return append(append(dst, kindIRI), v...), nil
	case quad.BNode:
		return append(append(dst, kindBNode), v...), nil
	case quad.String:
		return append(append(dst, kindStr), v...), nil
	case quad.TypedString:
		dst = append(dst, kindTyped)
		dst = binary.AppendUvarint(dst, uint64(len(v.Type)))
		dst = append(dst, v.Type...)
		return append(dst, v.Value...), nil
	case quad.LangString:
		dst = append(dst, kindLang)
		dst = binary.AppendUvarint(dst, uint64(len(v.Lang)))
		dst = append(dst, v.Lang...)
		return append(dst, v.Value...), nil
	case quad.TypedStringer:
		return encodeValue(dst, v.TypedString())
	case nil:
		return nil, fmt.Errorf("%w: nil", ErrInvalidValue)
	default:
		return nil, fmt.Errorf("%w: %T", ErrInvalidValue, v)
	}
}

// decodeValue is the inverse of encodeValue.
func decodeValue(b []byte) (quad.Value, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty value record", ErrCorrupt)
	}
	body := b[1:]
	switch b[0] {
	case kindIRI:
		return quad.IRI(body), nil
	case kindBNode:
		return quad.BNode(body), nil
	case kindStr:
		return quad.String(body), nil
	case kindTyped, kindLang:
		n, w := binary.Uvarint(body)
		if w <= 0 || uint64(len(body)-w) < n {
			return nil, fmt.Errorf("%w: bad value record", ErrCorrupt)
		}
		tag, val := string(body[w:w+int(n)]), string(body[w+int(n):])
		if b[0] == kindTyped {
			return quad.TypedString{Value: quad.String(val), Type: quad.IRI(tag)}, nil
		}
		return quad.LangString{Value: quad.String(val), Lang: tag}, nil
	}
	return nil, fmt.Errorf("%w: unknown value kind %q", ErrCorrupt, b[0])
}

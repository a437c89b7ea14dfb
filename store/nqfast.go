package store

import (
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// fastNQuad reads the common N-Quads statement without
// cayleygraph/quad/nquads, which turns every line into runes and every
// value back into a string: the line has no backslash escape, blank node
// names are plain ([A-Za-z0-9_-], dots inside), IRIs and literals hold no
// characters outside printable ASCII and UTF-8 letters that nquads also
// takes, and language tags are letters, digits and hyphens. ok is false
// for anything else, and the caller falls back to nquads.Parse. Where it
// answers, it gives the values nquads.Parse gives for the same line
// (FuzzFastNQuad checks this), typed literals converted to native values
// as nquads.AutoConvertTypedString asks.
//
// line must have passed checkNQuad and have no surrounding space.
func fastNQuad(line []byte) (q quad.Quad, ok bool) {
	// one string for the line, its values slices of it: a value keeps the
	// line's bytes alive, but lines are short and mostly values anyway
	str := string(line)
	i := 0
	for term := 0; term < 4; term++ {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return q, false
		}
		if line[i] == '.' {
			if term < 3 {
				return q, false
			}
			break
		}
		var v quad.Value
		switch line[i] {
		case '<':
			j := iriEnd(line, i+1)
			if j < 0 {
				return q, false
			}
			v = quad.IRI(str[i+1 : j])
			i = j + 1
		case '_':
			j := i + 2
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				if !bnodeByte(line[j]) {
					return q, false
				}
				j++
			}
			if line[j-1] == '.' {
				return q, false // a trailing dot: let nquads decide
			}
			if j == i+2 || line[i+2] == '.' || line[i+2] == '-' {
				return q, false
			}
			v = quad.BNode(str[i+2 : j])
			i = j
		case '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' || line[j] < 0x20 || line[j] == 0x7f {
					return q, false
				}
				j++
			}
			if j >= len(line) {
				return q, false
			}
			s := quad.String(str[i+1 : j])
			i = j + 1
			switch {
			case i < len(line) && line[i] == '@':
				k := langTagEnd(line, i+1)
				if k < 0 {
					return q, false
				}
				v = quad.LangString{Value: s, Lang: str[i+1 : k]}
				i = k
			case i+2 < len(line) && line[i] == '^' && line[i+1] == '^' && line[i+2] == '<':
				k := iriEnd(line, i+3)
				if k < 0 {
					return q, false
				}
				ts := quad.TypedString{Value: s, Type: quad.IRI(str[i+3 : k])}
				v = ts
				if nquads.AutoConvertTypedString {
					if nv, err := ts.ParseValue(); err == nil {
						v = nv
					}
				}
				i = k + 1
			default:
				v = s
			}
		default:
			return q, false
		}
		if i < len(line) && line[i] != ' ' && line[i] != '\t' {
			return q, false
		}
		switch term {
		case 0:
			q.Subject = v
		case 1:
			q.Predicate = v
		case 2:
			q.Object = v
		case 3:
			q.Label = v
		}
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i >= len(line) || line[i] != '.' {
		return q, false
	}
	for i++; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
	}
	if i < len(line) && line[i] != '#' {
		return q, false
	}
	return q, true
}

// iriEnd returns the position of the '>' that closes the IRI whose text
// starts at i, or -1 if the IRI is not one the fast path takes.
func iriEnd(line []byte, i int) int {
	for ; i < len(line) && line[i] != '>'; i++ {
		if !iriByte(line[i]) {
			return -1
		}
	}
	if i >= len(line) {
		return -1
	}
	return i
}

// iriByte reports whether c may stand in an IRI on the fast path:
// printable ASCII other than the characters N-Quads forbids there, or a
// byte of a UTF-8 sequence (checkNQuad has checked the line is UTF-8).
func iriByte(c byte) bool {
	switch {
	case c >= 0x80:
		return true
	case c <= 0x20 || c == 0x7f:
		return false
	}
	switch c {
	case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
		return false
	}
	return true
}

// bnodeByte reports whether c may stand in a blank node name on the fast
// path.
func bnodeByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '.'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// langTagEnd returns the end of the language tag that starts at i, as
// N-Quads has it ([a-zA-Z]+ ('-' [a-zA-Z0-9]+)*), or -1 if there is none
// or a hyphen is not followed by a subtag.
func langTagEnd(line []byte, i int) int {
	k := i
	for k < len(line) && isLetter(line[k]) {
		k++
	}
	if k == i {
		return -1
	}
	for k < len(line) && line[k] == '-' {
		n := k + 1
		for n < len(line) && isAlnum(line[n]) {
			n++
		}
		if n == k+1 {
			return -1
		}
		k = n
	}
	return k
}

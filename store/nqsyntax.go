package store

import "fmt"

// checkNQuad checks the structure of one N-Quads statement strictly, as
// RDF 1.1 N-Quads has it: subject an IRI or blank node, predicate an IRI,
// object an IRI, blank node or literal, optional graph label an IRI or
// blank node, then a full stop. cayleygraph/quad/nquads, which then reads
// the values, is lenient (it takes a bare word for a string), so kg checks
// first and names the column of the first mistake.
func checkNQuad(line []byte) error {
	i := 0
	skip := func() {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
			i++
		}
	}
	roles := [...]string{"subject", "predicate", "object", "graph label"}
	for term := 0; ; term++ {
		skip()
		if i >= len(line) {
			if term < 3 {
				return fmt.Errorf("column %d: missing %s", i+1, roles[term])
			}
			return fmt.Errorf("column %d: missing the final '.'", i+1)
		}
		if line[i] == '.' && term >= 3 {
			i++
			skip()
			if i < len(line) && line[i] != '#' {
				return fmt.Errorf("column %d: unexpected %q after the final '.'", i+1, line[i])
			}
			return nil
		}
		if term == 4 {
			return fmt.Errorf("column %d: expected '.' after the graph label", i+1)
		}
		start := i
		var kind byte
		switch line[i] {
		case '<':
			kind = '<'
			i++
			for i < len(line) && line[i] != '>' {
				switch line[i] {
				case ' ', '\t', '<', '"', '{', '}', '|', '^', '`':
					return fmt.Errorf("column %d: character %q is not allowed in an IRI", i+1, line[i])
				}
				i++
			}
			if i >= len(line) {
				return fmt.Errorf("column %d: IRI not closed with '>'", start+1)
			}
			i++
		case '_':
			kind = '_'
			if i+1 >= len(line) || line[i+1] != ':' {
				return fmt.Errorf("column %d: expected '_:' to start a blank node", i+1)
			}
			i += 2
			n := i
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				i++
			}
			if i == n {
				return fmt.Errorf("column %d: empty blank node name", n+1)
			}
			if line[i-1] == '.' && (i == len(line) || term >= 2) {
				i-- // a blank node label may not end in '.': it is the full stop
			}
		case '"':
			kind = '"'
			i++
			for i < len(line) && line[i] != '"' {
				if line[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(line) {
				return fmt.Errorf("column %d: string not closed with '\"'", start+1)
			}
			i++
			if i < len(line) && line[i] == '@' {
				i++
				n := i
				for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
					i++
				}
				if i == n {
					return fmt.Errorf("column %d: empty language tag", n+1)
				}
			} else if i+1 < len(line) && line[i] == '^' && line[i+1] == '^' {
				i += 2
				if i >= len(line) || line[i] != '<' {
					return fmt.Errorf("column %d: expected a datatype IRI after '^^'", i+1)
				}
				for i < len(line) && line[i] != '>' {
					i++
				}
				if i >= len(line) {
					return fmt.Errorf("column %d: datatype IRI not closed with '>'", start+1)
				}
				i++
			}
		default:
			return fmt.Errorf("column %d: expected the %s (an IRI in <>, a blank node _:x%s), found %q", i+1, roles[term],
				map[bool]string{true: " or a \"literal\"", false: ""}[term == 2], word(line[i:]))
		}
		switch {
		case term == 0 && kind == '"':
			return fmt.Errorf("column %d: the subject cannot be a literal", start+1)
		case term == 1 && kind != '<':
			return fmt.Errorf("column %d: the predicate must be an IRI", start+1)
		case term == 3 && kind == '"':
			return fmt.Errorf("column %d: the graph label cannot be a literal", start+1)
		}
		if i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '.' {
			return fmt.Errorf("column %d: expected a space after the %s", i+1, roles[term])
		}
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// word returns the start of b up to the next space, for messages.
func word(b []byte) string {
	n := 0
	for n < len(b) && n < 40 && b[n] != ' ' && b[n] != '\t' {
		n++
	}
	return string(b[:n])
}

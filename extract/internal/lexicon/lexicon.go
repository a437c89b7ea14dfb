package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kgraph/kg/extract/internal/modelfile"
)

// Word classes a word can have, as bits.
const (
	Noun   uint8 = 1 << iota // a noun lemma in WordNet
	Verb                     // a verb lemma
	Adj                      // an adjective lemma
	Adv                      // an adverb lemma
	Proper                   // appears capitalised (a name)
	Common                   // appears in lower case
)

// Entity types of gazetteer entries.
const (
	LOC     = "LOC"
	ORG     = "ORG"
	PER     = "PER"
	Country = "COUNTRY" // a country; also a LOC
	Curated = "CURATED" // from the curated lists of gazetteer.go
)

// ErrFormat is wrapped by Load errors for malformed data.
var ErrFormat = errors.New("malformed lexicon")

// Lexicon is the shared word list.
type Lexicon struct {
	Words      map[string]uint8             // lower-case word → class bits
	Exceptions map[byte]map[string][]string // POS ('n','v','a','r') → inflected → bases
	Gazetteer  map[string][]string          // lower-case name (space-separated tokens) → types
	Demonyms   map[string]string            // lower-case demonym → country name
	MaxName    int                          // most tokens in a gazetteer name
}

// New returns an empty lexicon.
func New() *Lexicon {
	return &Lexicon{Words: map[string]uint8{}, Exceptions: map[byte]map[string][]string{},
		Gazetteer: map[string][]string{}, Demonyms: map[string]string{}}
}

// AddName adds a gazetteer entry of the given type.
func (l *Lexicon) AddName(name, typ string) {
	key := strings.ToLower(name)
	if !slices.Contains(l.Gazetteer[key], typ) {
		l.Gazetteer[key] = append(l.Gazetteer[key], typ)
		slices.Sort(l.Gazetteer[key])
	}
	if n := strings.Count(key, " ") + 1; n > l.MaxName {
		l.MaxName = n
	}
}

// AddException records that inflected is a form of base with WordNet POS
// pos ('n', 'v', 'a' or 'r').
func (l *Lexicon) AddException(pos byte, inflected, base string) {
	m := l.Exceptions[pos]
	if m == nil {
		m = map[string][]string{}
		l.Exceptions[pos] = m
	}
	if !slices.Contains(m[inflected], base) {
		m[inflected] = append(m[inflected], base)
	}
}

// Save writes the lexicon as sorted tab-separated lines, in a model file
// (see modelfile).
func (l *Lexicon) Save(w io.Writer) error {
	zw := modelfile.NewWriter(w)
	bw := bufio.NewWriter(zw)
	lines := l.lines(true)
	for _, s := range lines {
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lexicon: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("lexicon: save: %w", err)
	}
	return nil
}

// WordsText returns the word classes and exceptions (not the gazetteer) in
// the uncompressed format that Parse reads.
func (l *Lexicon) WordsText() []byte {
	var b strings.Builder
	for _, s := range l.lines(false) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// lines returns the lexicon as sorted lines, with or without the
// gazetteer and demonyms.
func (l *Lexicon) lines(names bool) []string {
	var lines []string
	for word, bits := range l.Words {
		lines = append(lines, "w\t"+word+"\t"+strconv.Itoa(int(bits)))
	}
	for pos, m := range l.Exceptions {
		for inf, bases := range m {
			for _, b := range bases {
				lines = append(lines, "x\t"+string(pos)+"\t"+inf+"\t"+b)
			}
		}
	}
	if names {
		for name, types := range l.Gazetteer {
			for _, t := range types {
				lines = append(lines, "g\t"+t+"\t"+name)
			}
		}
		for d, c := range l.Demonyms {
			lines = append(lines, "d\t"+d+"\t"+c)
		}
	}
	slices.Sort(lines)
	return lines
}

// Load reads a lexicon written by Save.
func Load(r io.Reader) (*Lexicon, error) {
	data, err := modelfile.Read(r, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("lexicon: load: %w: %w", ErrFormat, err)
	}
	return Parse(data)
}

// Parse reads the uncompressed lines that Save and WordsText write.
func Parse(data []byte) (*Lexicon, error) {
	l := New()
	l.Words = make(map[string]uint8, 90000)
	text := string(data)
	line := 0
	var f [4]string
	for len(text) > 0 {
		line++
		var t string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			t, text = text[:i], text[i+1:]
		} else {
			t, text = text, ""
		}
		n := 0
		for n < 4 {
			i := strings.IndexByte(t, '\t')
			if i < 0 {
				f[n] = t
				n++
				break
			}
			f[n], t = t[:i], t[i+1:]
			n++
		}
		bad := func() error {
			return fmt.Errorf("lexicon: load: line %d: %w", line, ErrFormat)
		}
		switch {
		case f[0] == "w" && n == 3:
			b, err := strconv.Atoi(f[2])
			if err != nil || b < 0 || b > 255 {
				return nil, bad()
			}
			l.Words[f[1]] = uint8(b)
		case f[0] == "x" && n == 4 && len(f[1]) == 1:
			l.AddException(f[1][0], f[2], f[3])
		case f[0] == "g" && n == 3:
			l.AddName(f[2], f[1])
		case f[0] == "d" && n == 3:
			l.Demonyms[f[1]] = f[2]
		default:
			return nil, bad()
		}
	}
	return l, nil
}

func toLower(s string) string { return strings.ToLower(s) }

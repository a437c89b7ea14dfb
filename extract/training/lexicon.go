package training

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

// WordNetDir is where Debian's wordnet-base installs WordNet 3.0.
const WordNetDir = "/usr/share/wordnet"

// WordNet lexicographer files used for the gazetteer.
const (
	lexGroup    = 14 // noun.group
	lexLocation = 15 // noun.location
	lexPerson   = 18 // noun.person
)

type synset struct {
	lexfile int
	pos     byte
	words   []string
	ptrs    [][3]string // symbol, offset, pos
}

// Lexicon builds lexicon.zst from WordNet (Debian package wordnet-base) in
// dir, or WordNetDir when dir is empty.
func Lexicon(ctx context.Context, cfg *Config, dir string) error {
	if dir == "" {
		dir = WordNetDir
	}
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); err != nil {
		if _, err2 := os.Stat(filepath.Join(cfg.Out, "lexicon.zst")); err2 == nil {
			cfg.logf("lexicon: WordNet not found in %s (apt-get install wordnet-base); keeping %s\n", dir, filepath.Join(cfg.Out, "lexicon.zst"))
			return nil
		}
	}
	lex, err := buildLexicon(dir)
	if err != nil {
		return fmt.Errorf("wordnet %s (apt-get install wordnet-base): %w", dir, err)
	}
	cfg.logf("lexicon: %d words, %d names, %d demonyms\n", len(lex.Words), len(lex.Gazetteer), len(lex.Demonyms))
	return writeFile(cfg, "lexicon.zst", lex.Save)
}

func buildLexicon(dir string) (*lexicon.Lexicon, error) {
	lex := lexicon.New()
	syn := map[string]*synset{} // "n08973330" → synset
	for _, name := range []string{"noun", "verb", "adj", "adv"} {
		if err := readData(filepath.Join(dir, "data."+name), syn); err != nil {
			return nil, err
		}
	}
	bit := map[byte]uint8{'n': lexicon.Noun, 'v': lexicon.Verb, 'a': lexicon.Adj, 's': lexicon.Adj, 'r': lexicon.Adv}
	for _, s := range syn {
		for _, w := range s.words {
			if strings.Contains(w, "_") {
				continue
			}
			l := strings.ToLower(w)
			b := bit[s.pos]
			if l != w {
				b |= lexicon.Proper
			} else {
				b |= lexicon.Common
			}
			lex.Words[l] |= b
		}
	}
	for _, p := range []string{"noun", "verb", "adj", "adv"} {
		if err := readExc(filepath.Join(dir, p+".exc"), p[0], lex); err != nil {
			return nil, err
		}
	}
	// gazetteer: capitalised instance nouns of the location, group and
	// person lexicographer files
	isCountryClass := func(off string) bool {
		s := syn["n"+off]
		if s == nil {
			return false
		}
		if off == "08544813" { // country, state, land
			return true
		}
		for _, p := range s.ptrs {
			if p[0] == "@" && p[1] == "08544813" {
				return true
			}
		}
		return false
	}
	countries := map[string]string{} // synset key → name
	for key, s := range syn {
		if s.pos != 'n' {
			continue
		}
		inst, country := false, false
		for _, p := range s.ptrs {
			if p[0] == "@i" {
				inst = true
				if isCountryClass(p[1]) {
					country = true
				}
			}
		}
		if !inst {
			continue
		}
		var typ string
		switch s.lexfile {
		case lexLocation:
			typ = lexicon.LOC
		case lexGroup:
			typ = lexicon.ORG
		case lexPerson:
			typ = lexicon.PER
		default:
			continue
		}
		for _, w := range s.words {
			if !unicode.IsUpper([]rune(w)[0]) {
				continue
			}
			name := strings.ReplaceAll(w, "_", " ")
			lex.AddName(name, typ)
			if country {
				lex.AddName(name, lexicon.Country)
			}
		}
		if country {
			countries[key] = strings.ReplaceAll(s.words[0], "_", " ")
		}
	}
	// demonyms: nouns that are members of a country ("Nigerien" #m Niger)
	// and adjectives that pertain to one ("French" \ France)
	for _, s := range syn {
		for _, p := range s.ptrs {
			var c string
			switch {
			case s.pos == 'n' && p[0] == "#m" && p[2] == "n":
				c = countries["n"+p[1]]
			case (s.pos == 'a' || s.pos == 's') && p[0] == "\\" && p[2] == "n":
				c = countries["n"+p[1]]
			}
			if c == "" {
				continue
			}
			for _, w := range s.words {
				if !strings.Contains(w, "_") && unicode.IsUpper([]rune(w)[0]) {
					lex.Demonyms[strings.ToLower(w)] = c
				}
			}
		}
	}
	lex.AddCurated()
	return lex, nil
}

func readData(path string, syn map[string]*synset) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		body, _, _ := strings.Cut(line, " | ")
		fs := strings.Fields(body)
		if len(fs) < 5 {
			continue
		}
		s := &synset{pos: fs[2][0]}
		s.lexfile, _ = strconv.Atoi(fs[1])
		n, err := strconv.ParseInt(fs[3], 16, 32)
		if err != nil {
			return fmt.Errorf("%s: bad word count in %q", path, fs[0])
		}
		i := 4
		for j := 0; j < int(n) && i+1 < len(fs); j++ {
			w := fs[i]
			if k := strings.IndexByte(w, '('); k > 0 { // adjective marker "(a)"
				w = w[:k]
			}
			s.words = append(s.words, w)
			i += 2
		}
		if i < len(fs) {
			np, _ := strconv.Atoi(fs[i])
			i++
			for j := 0; j < np && i+3 < len(fs)+1; j++ {
				if i+2 >= len(fs) {
					break
				}
				s.ptrs = append(s.ptrs, [3]string{fs[i], fs[i+1], fs[i+2]})
				i += 4
			}
		}
		pos := s.pos
		if pos == 's' {
			pos = 'a'
		}
		syn[string(pos)+fs[0]] = s
	}
	return sc.Err()
}

func readExc(path string, pos byte, lex *lexicon.Lexicon) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return scanExc(f, pos, lex)
}

func scanExc(r io.Reader, pos byte, lex *lexicon.Lexicon) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 || strings.Contains(fs[0], "_") {
			continue
		}
		for _, b := range fs[1:] {
			if !strings.Contains(b, "_") {
				lex.AddException(pos, fs[0], b)
			}
		}
	}
	return sc.Err()
}

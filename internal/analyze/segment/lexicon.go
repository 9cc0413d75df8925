package segment

import (
	"embed"
	"fmt"
	"strings"
)

// The word lists are data, one entry per line, "#" comments. They are
// embedded read-only and parsed once per Segmenter by newLexicon.
//
//go:embed data/*.txt
var dataFS embed.FS

// abbrevClass tells the sentence splitter what may follow an abbreviation.
type abbrevClass uint8

const (
	abbrevNone    abbrevClass = iota
	abbrevGeneral             // ends a sentence before a sentence starter
	abbrevTitle               // precedes a name: never ends a sentence
	abbrevNever               // e.g., i.e., vs.: never ends a sentence
	abbrevNumber              // precedes a number: No. 5
	abbrevMonth               // precedes a day or year: Sept. 11
	abbrevInitial             // one capital letter: J. K. Rowling
	abbrevDotted              // letters and periods: U.S., a.m., Ph.D.
)

func parseClass(s string) abbrevClass {
	switch s {
	case "general":
		return abbrevGeneral
	case "title":
		return abbrevTitle
	case "never":
		return abbrevNever
	case "number":
		return abbrevNumber
	case "month":
		return abbrevMonth
	}
	return abbrevNone
}

// lexicon holds the word lists the tokenizer and splitter consult. It is
// immutable once built.
type lexicon struct {
	abbrevs  map[string]abbrevClass // canonical form without the period
	prefixes map[string]bool        // hyphen prefixes kept joined (lower case)
	units    map[string]bool        // unit letters split from numbers (lower case)
	tlds     map[string]bool        // host and file name endings (lower case)
	starters map[string]bool        // sentence starters (lower case)
}

func newLexicon() (*lexicon, error) {
	lx := &lexicon{
		abbrevs:  map[string]abbrevClass{},
		prefixes: map[string]bool{},
		units:    map[string]bool{},
		tlds:     map[string]bool{},
		starters: map[string]bool{},
	}
	err := readList("data/abbreviations.txt", func(line string, n int) error {
		form, class, ok := strings.Cut(line, " ")
		c := parseClass(strings.TrimSpace(class))
		if !ok || c == abbrevNone || strings.HasSuffix(form, ".") {
			return fmt.Errorf("data/abbreviations.txt:%d: want FORM CLASS, got %q", n, line)
		}
		lx.abbrevs[form] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, l := range []struct {
		file string
		set  map[string]bool
	}{
		{"data/hyphen_prefixes.txt", lx.prefixes},
		{"data/units.txt", lx.units},
		{"data/tlds.txt", lx.tlds},
		{"data/starters.txt", lx.starters},
	} {
		err := readList(l.file, func(line string, n int) error {
			if strings.ContainsAny(line, " \t") || line != strings.ToLower(line) {
				return fmt.Errorf("%s:%d: want one lower-case word, got %q", l.file, n, line)
			}
			l.set[line] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

func readList(name string, fn func(line string, n int) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line, n+1); err != nil {
			return err
		}
	}
	return nil
}

// maxKey bounds the words looked up in the lexicon; longer words are never
// abbreviations, prefixes or units. Lookups copy into a stack buffer of this
// size so that they do not allocate.
const maxKey = 24

// abbrev returns the class of w (without its final period), or abbrevNone.
// A lower-case entry matches w in any case; an entry with capitals matches
// as written or in full capitals.
func (lx *lexicon) abbrev(w string) abbrevClass {
	if len(w) > maxKey || len(w) == 0 {
		return abbrevNone
	}
	if c := lx.abbrevs[w]; c != abbrevNone {
		return c
	}
	var buf [maxKey]byte
	if c := lx.abbrevs[string(lower(buf[:0], w))]; c != abbrevNone {
		return c
	}
	if len(w) > 1 && allUpper(w) {
		b := lower(buf[:0], w)
		b[0] = w[0]
		return lx.abbrevs[string(b)]
	}
	return abbrevNone
}

// has looks w up case-insensitively in a lower-case set.
func has(set map[string]bool, w string) bool {
	if len(w) > maxKey || len(w) == 0 {
		return false
	}
	var buf [maxKey]byte
	return set[string(lower(buf[:0], w))]
}

// lower appends the ASCII lower case of w to dst.
func lower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

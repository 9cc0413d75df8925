package sqlite

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a search query: longer input is cut, further terms are ignored.
const (
	maxQueryBytes = 1 << 10
	maxQueryTerms = 32
)

// ftsQuery turns what a user typed into an FTS5 MATCH expression that can
// never be a syntax error: words and "quoted phrases" (straight or curly
// quotes; an unclosed quote runs to the end), all required. Every term goes
// to FTS5 as a quoted string, so operators (AND, OR, NOT, NEAR), column
// filters (title:), parentheses, ^, +, - and * are searched as text, which
// the tokenizer drops. (Prefix queries are left out on purpose: without a
// prefix index, a short prefix expands to thousands of terms and one query
// can take seconds.) Terms without a
// letter or digit are dropped; ok is false when no term is left. Input past
// maxQueryBytes and terms past maxQueryTerms are ignored.
func ftsQuery(input string) (expr string, ok bool) {
	if len(input) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(input[cut]) {
			cut--
		}
		input = input[:cut]
	}
	// FTS5 reads its query as a C string: control characters (NUL among
	// them) separate terms, and invalid UTF-8 becomes U+FFFD.
	input = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, input)
	var b strings.Builder
	terms := 0
	add := func(term string) {
		if terms == maxQueryTerms || !searchable(term) {
			return
		}
		if terms > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(term, `"`, `""`))
		b.WriteByte('"')
		terms++
	}
	rest := input
	for rest != "" {
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case unicode.IsSpace(r):
			rest = rest[size:]
		case isQuote(r):
			rest = rest[size:]
			end := strings.IndexFunc(rest, isQuote)
			if end < 0 {
				end = len(rest)
			}
			add(rest[:end])
			rest = rest[end:]
			if rest != "" {
				_, q := utf8.DecodeRuneInString(rest)
				rest = rest[q:]
			}
		default:
			end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
			if end < 0 {
				end = len(rest)
			}
			add(rest[:end])
			rest = rest[end:]
		}
	}
	return b.String(), terms > 0
}

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// searchable reports whether the unicode61 tokenizer finds a token in s: a
// letter, a number or a private-use character.
func searchable(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) {
			return true
		}
	}
	return false
}

package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Tokenize appends the tokens of text to dst and returns the extended slice.
// Token spans are text offsets plus base, so that a block can be tokenised
// in place: Tokenize(doc.Text[b.Start:b.End], b.Start, doc.Tokens). Tokens
// follow UD English (EWT, GUM): clitics split (do|n't, Trump|'s), hyphens
// split except after prefixes (non-profit, but 10|-|year|-|old),
// abbreviations keep their period (U.S., Gen., Sept.), numbers keep their
// separators (1,000 2.5 10:30), and URLs, e-mail addresses, @handles and
// #hashtags stay whole. Every byte that is not white space belongs to
// exactly one token. Head is -1; the other fields are left empty.
//
// Tokenize allocates nothing beyond growing dst.
func (s *Segmenter) Tokenize(text string, base int32, dst []dateline.Token) []dateline.Token {
	t := tokenizer{lx: s.lx, text: text}
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if isSpaceByte(c) {
				if c == '\n' {
					lineStart = true
				}
				i++
				continue
			}
		} else if r, w := utf8.DecodeRuneInString(text[i:]); isSpace(r) {
			i += w
			continue
		}
		j := t.next(i, lineStart)
		if j <= i { // never happens; guarantees progress
			j = i + 1
		}
		dst = append(dst, dateline.Token{Span: dateline.Span{Start: base + int32(i), End: base + int32(j)}, Head: -1})
		lineStart = false
		i = j
	}
	return dst
}

// IsSpace reports whether r separates tokens: Unicode white space, the
// zero-width space and the byte-order mark. Every other rune is covered by
// a token.
func IsSpace(r rune) bool { return isSpace(r) }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return isSpaceByte(byte(r))
	}
	return unicode.IsSpace(r) || r == 0x200B || r == 0xFEFF
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

func isDigit(c byte) bool       { return c-'0' < 10 }
func isASCIILetter(c byte) bool { return (c|0x20)-'a' < 26 }
func isUpperASCII(c byte) bool  { return c-'A' < 26 }

// isWordRune reports whether r continues a word: letters, digits, marks,
// the underscore, and the invisible joiners used inside words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIILetter(c) || isDigit(c) || c == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
		r == 0x00AD || r == 0x200C || r == 0x200D
}

type tokenizer struct {
	lx   *lexicon
	text string
}

// at decodes the rune at i; it returns (0, 0) at the end of the text.
func (t *tokenizer) at(i int) (rune, int) {
	if i >= len(t.text) {
		return 0, 0
	}
	if c := t.text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t.text[i:])
}

// wordAt reports whether a word rune starts at i.
func (t *tokenizer) wordAt(i int) bool {
	r, w := t.at(i)
	return w > 0 && isWordRune(r)
}

// wordBefore reports whether a word rune ends at i.
func (t *tokenizer) wordBefore(i int) bool {
	if i <= 0 {
		return false
	}
	if c := t.text[i-1]; c < utf8.RuneSelf {
		return isWordRune(rune(c))
	}
	r, _ := utf8.DecodeLastRuneInString(t.text[:i])
	return isWordRune(r)
}

// letters returns the end of the run of ASCII letters starting at i.
func (t *tokenizer) letters(i int) int {
	for i < len(t.text) && isASCIILetter(t.text[i]) {
		i++
	}
	return i
}

// digits returns the end of the run of ASCII digits starting at i.
func (t *tokenizer) digits(i int) int {
	for i < len(t.text) && isDigit(t.text[i]) {
		i++
	}
	return i
}

// isApostrophe reports whether r is an apostrophe or single quote.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' }

// next returns the end of the token that starts at i, which is not space.
func (t *tokenizer) next(i int, lineStart bool) int {
	text := t.text
	c := text[i]
	switch {
	case isASCIILetter(c):
		switch c | 0x20 {
		case 'h', 'w', 'f':
			if e := t.url(i); e > i {
				return e
			}
		case 'n':
			if e := t.nt(i); e > i {
				return e
			}
		}
		return t.word(i)
	case isDigit(c):
		return t.number(i, lineStart)
	case c < utf8.RuneSelf:
		return t.punct(i)
	}
	r, w := utf8.DecodeRuneInString(text[i:])
	switch {
	case isWordRune(r):
		return t.word(i)
	case isApostrophe(r):
		return t.apostrophe(i, w)
	case r == '…', r == '–', r == '—', r == '“', r == '”':
		return i + w
	}
	return t.symbol(i, w)
}

// punct handles a token starting with ASCII punctuation.
func (t *tokenizer) punct(i int) int {
	text := t.text
	c := text[i]
	switch c {
	case '.', '!', '?':
		if c == '.' && i+1 < len(text) && isDigit(text[i+1]) && (i == 0 || isSpaceByte(text[i-1]) || text[i-1] == '(') {
			return t.digits(i + 1) // a decimal without its zero: batting .324
		}
		// Runs of final punctuation: "...", "!!!", "?!", "!?.".
		j := i + 1
		for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		return j
	case '-', '*', '=', '_', '+', '<', '>', '$', '/', '\\', '~', '^':
		// Runs of one symbol: "--", "***", "====", "$$$".
		j := i + 1
		for j < len(text) && text[j] == c {
			j++
		}
		return j
	case '\'':
		return t.apostrophe(i, 1)
	case '@', '#':
		// @handles and #hashtags (#1 too); "###" is one token.
		j := i + 1
		if j < len(text) && text[j] == c {
			for j < len(text) && text[j] == c {
				j++
			}
			return j
		}
		for j < len(text) {
			r, w := t.at(j)
			if !isWordRune(r) {
				break
			}
			j += w
		}
		return j
	case ':', ';':
		// Emoticons between spaces: :) :-( ;) :D
		if i > 0 && !isSpaceByte(text[i-1]) {
			return i + 1
		}
		j := i + 1
		if j < len(text) && text[j] == '-' {
			j++
		}
		if j < len(text) {
			switch text[j] {
			case ')', '(', 'D', 'P', 'p':
				if k := j + 1; k == len(text) || isSpaceByte(text[k]) || text[k] == '.' || text[k] == ',' {
					return k
				}
			}
		}
	}
	return i + 1
}

// symbol returns the end of a one-rune symbol token at i (width w), with the
// modifiers, variation selectors and joined runes of an emoji sequence.
func (t *tokenizer) symbol(i, w int) int {
	r0, _ := t.at(i)
	j := i + w
	for j < len(t.text) {
		r, rw := t.at(j)
		switch {
		case r == 0x200D: // zero-width joiner: take the next rune too
			j += rw
			if r2, w2 := t.at(j); w2 > 0 && !isSpace(r2) {
				j += w2
			}
			continue
		case r == 0xFE0E || r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			j += rw
			continue
		case r >= 0x1F1E6 && r <= 0x1F1FF && r0 >= 0x1F1E6 && r0 <= 0x1F1FF && j == i+w:
			j += rw // a flag: two regional indicators
			continue
		}
		break
	}
	return j
}

// isClitic reports whether s (the letters after an apostrophe) is a clitic
// split off as its own token: 's 'm 'd 'll 're 've.
func isClitic(s string) bool {
	switch len(s) {
	case 1:
		switch s[0] | 0x20 {
		case 's', 'm', 'd':
			return true
		}
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		return a == 'l' && b == 'l' || a == 'r' && b == 'e' || a == 'v' && b == 'e'
	}
	return false
}

// nt returns the end of "n't" (or "n’t") at i, or i.
func (t *tokenizer) nt(i int) int {
	r, w := t.at(i + 1)
	if !isApostrophe(r) || r == '‘' {
		return i
	}
	j := i + 1 + w
	if j < len(t.text) && t.text[j]|0x20 == 't' && !t.wordAt(j+1) {
		return j + 1
	}
	return i
}

// apostrophe handles a token starting with an apostrophe of width w.
func (t *tokenizer) apostrophe(i, w int) int {
	j := i + w
	if k := t.letters(j); k > j && !t.wordAt(k) && isClitic(t.text[j:k]) && t.wordBefore(i) {
		return k // Trump|'s, we|'re
	}
	if k := t.digits(j); k == j+2 && k < len(t.text) && t.text[k] == 's' && !t.wordAt(k+1) {
		return k + 1 // '90s
	}
	return j
}

// word returns the end of the word starting at i.
func (t *tokenizer) word(i int) int {
	text := t.text
	j := i
	seg := i // start of the current hyphen-separated part
	joined := false
	for j < len(text) {
		r, w := t.at(j)
		if isWordRune(r) {
			j += w
			continue
		}
		switch r {
		case '\'', '’':
			k := t.letters(j + w)
			if k > j+w && !t.wordAt(k) {
				suf := text[j+w : k]
				if isClitic(suf) {
					return j // Trump|'s
				}
				if len(suf) == 1 && suf[0]|0x20 == 't' && j-i >= 2 && text[j-1]|0x20 == 'n' {
					return j - 1 // do|n't, ca|n't
				}
			}
			if k > j+w { // O'Brien, rock'n'roll
				j, joined = k, true
				continue
			}
			return j
		case '-', '‐', '‑':
			if t.wordAt(j+w) && has(t.lx.prefixes, text[seg:j]) {
				j += w
				seg, joined = j, true
				continue
			}
			if r2, w2 := t.at(j + w); w2 == 0 || isSpace(r2) {
				return j + w // a word cut short, or a prefix before a space: "re- and", "pre-"
			}
			return j
		case '&':
			if j+1 < len(text) && isUpperASCII(text[j+1]) && j > seg && allUpper(text[seg:j]) {
				j++ // AT&T, S&P
				joined = true
				continue
			}
			return j
		case '@':
			if e := t.email(i); e > j {
				return e
			}
			return j
		case '.':
			return t.period(i, j, joined)
		}
		break
	}
	if !joined {
		return t.fused(i, j)
	}
	return j
}

// fused splits the few words UD writes as two: can|not, gon|na, wan|na, got|ta.
func (t *tokenizer) fused(i, j int) int {
	n := j - i
	if n < 4 || n > 8 {
		return j
	}
	w := t.text[i:j]
	if equalFold(w, "cannot") || equalFold(w, "gonna") || equalFold(w, "wanna") || equalFold(w, "gotta") {
		return i + 3
	}
	// Contractions written without their apostrophe, as UD splits them:
	// dont -> do|nt, didnt -> did|nt, thats -> that|s.
	if w[n-2]|0x20 == 'n' && w[n-1]|0x20 == 't' {
		for _, c := range [...]string{"dont", "cant", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent",
			"havent", "hasnt", "hadnt", "couldnt", "shouldnt", "wouldnt", "aint"} {
			if equalFold(w, c) {
				return j - 2
			}
		}
	}
	if equalFold(w, "thats") {
		return j - 1
	}
	return j
}

// period decides what happens at the period at j that follows the word
// text[i:j]: it returns the end of the word, with or without the period, or
// the end of a longer token (U.S., Amazon.com, an e-mail address).
func (t *tokenizer) period(i, j int, joined bool) int {
	text := t.text
	if e := t.dotted(i); e > j {
		return e
	}
	if e := t.email(i); e > j {
		return e
	}
	if k := j + 1; k < len(text) && (isASCIILetter(text[k]) || isDigit(text[k])) {
		if e := t.host(i, j); e > j {
			return e
		}
	}
	switch t.lx.abbrev(text[i:j]) {
	case abbrevNone:
	case abbrevNumber:
		// "No. 5", but "No." alone is the word and a period.
		k := j + 1
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) && isDigit(text[k]) {
			return j + 1
		}
	default:
		return j + 1
	}
	if j-i == 1 && isUpperASCII(text[i]) {
		return j + 1 // an initial: J. K. Rowling
	}
	return j
}

// dotted matches letters separated by periods, (L{1,2}\.)+L{1,2}\.? with
// at least two groups, at i: U.S., U.S.A., a.m., e.g., Ph.D., D.C.
func (t *tokenizer) dotted(i int) int {
	text := t.text
	j, groups, end := i, 0, 0
	for {
		k := t.letters(j)
		if k == j || k-j > 2 {
			break
		}
		groups++
		if k < len(text) && text[k] == '.' {
			j = k + 1
			end = j
			continue
		}
		end = k
		break
	}
	if groups < 2 || t.wordAt(end) {
		return 0
	}
	return end
}

// host matches a host or file name at i whose first label ends at the
// period at j: Amazon.com, bbc.co.uk, report.pdf, and a path after a host.
func (t *tokenizer) host(i, j int) int {
	text := t.text
	k, last := j, j
	for k < len(text) && text[k] == '.' && k+1 < len(text) && (isASCIILetter(text[k+1]) || isDigit(text[k+1])) {
		last = k + 1
		k = last
		for k < len(text) && (isASCIILetter(text[k]) || isDigit(text[k]) || text[k] == '-' || text[k] == '_') {
			k++
		}
	}
	if t.wordAt(k) || !has(t.lx.tlds, text[last:k]) {
		return 0
	}
	if k < len(text) && text[k] == '/' {
		return t.urlRest(i, k)
	}
	return k
}

// email matches an e-mail address (or user@host) at i.
func (t *tokenizer) email(i int) int {
	text := t.text
	j := i
	for j < len(text) && (isASCIILetter(text[j]) || isDigit(text[j]) || text[j] == '.' || text[j] == '_' || text[j] == '-' || text[j] == '+' || text[j] == '%') {
		j++
	}
	if j == i || j >= len(text) || text[j] != '@' {
		return 0
	}
	k := j + 1
	for k < len(text) && (isASCIILetter(text[k]) || isDigit(text[k]) || text[k] == '.' || text[k] == '-') {
		k++
	}
	for k > j+1 && (text[k-1] == '.' || text[k-1] == '-') {
		k--
	}
	if k == j+1 || t.wordAt(k) {
		return 0
	}
	return k
}

// url matches a URL starting with a scheme or "www." at i.
func (t *tokenizer) url(i int) int {
	text := t.text
	rest := text[i:]
	n := 0
	switch {
	case hasPrefixFold(rest, "https://"):
		n = 8
	case hasPrefixFold(rest, "http://"):
		n = 7
	case hasPrefixFold(rest, "ftp://"):
		n = 6
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && (isASCIILetter(rest[4]) || isDigit(rest[4])):
		n = 4
	default:
		return 0
	}
	return t.urlRest(i, i+n)
}

// urlRest extends a URL from j to the next space, then gives back trailing
// punctuation and unbalanced closing brackets.
func (t *tokenizer) urlRest(i, j int) int {
	text := t.text
	for j < len(text) {
		r, w := t.at(j)
		if isSpace(r) || r == '<' || r == '>' || r == '"' || r == '“' || r == '”' || r == '‘' || r == '’' {
			break
		}
		j += w
	}
	for j > i {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'':
			j--
			continue
		case ')', ']':
			open, close := byte('('), text[j-1]
			if close == ']' {
				open = '['
			}
			if count(text[i:j], open) < count(text[i:j], close) {
				j--
				continue
			}
		}
		break
	}
	return j
}

func count(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && equalFold(s[:len(prefix)], prefix)
}

// number returns the end of the number starting at i.
func (t *tokenizer) number(i int, lineStart bool) int {
	text := t.text
	j := t.digits(i)
	for j+1 < len(text) && isDigit(text[j+1]) {
		switch text[j] {
		case '.', ',', ':', '/':
			j = t.digits(j + 1)
			continue
		}
		break
	}
	if j+1 < len(text) && text[j] == '-' && isDigit(text[j+1]) {
		if e := t.digitCode(i); e > j {
			return e
		}
		return j
	}
	if lineStart && j < len(text) && text[j] == '.' && j-i <= 2 && (j+1 == len(text) || isSpaceByte(text[j+1])) && t.digits(i) == j {
		return j + 1 // a list item number at the start of a line: "1."
	}
	if j < len(text) && t.wordAt(j) {
		k := t.letters(j)
		if k > j && !t.wordAt(k) {
			suf := text[j:k]
			if isOrdinal(suf) {
				return k // 1st, 1990s
			}
			if has(t.lx.units, suf) && (suf[0] >= 'a' || equalFold(suf, "am") || equalFold(suf, "pm")) {
				return j // 10|am, 1.2|bn; but 10MM and 3G stay whole
			}
		}
		return t.word(i) // alphanumeric: 3D, 4x4, 737MAX
	}
	if r, w := t.at(j); (r == '\'' || r == '’') && j+w < len(text) && text[j+w] == 's' && !t.wordAt(j+w+1) {
		return j + w + 1 // the 1980's, the 12's
	}
	return j
}

func isOrdinal(s string) bool {
	switch len(s) {
	case 1:
		return s[0]|0x20 == 's'
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
	}
	return false
}

// equalFold reports whether s equals the lower-case ASCII word lw, ignoring
// ASCII case.
func equalFold(s, lw string) bool {
	if len(s) != len(lw) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lw[i] {
			return false
		}
	}
	return true
}

// digitCode matches telephone numbers and dates written with hyphens, which
// UD keeps whole (713-853-3989, 1-800-555-0199, 11-20-2000, 2025-08-15),
// unlike ranges (3-4, 1969-1970), which it splits.
func (t *tokenizer) digitCode(i int) int {
	text := t.text
	var groups [5]int
	n, j := 0, i
	for n < len(groups) {
		k := t.digits(j)
		if k == j {
			return 0
		}
		groups[n] = k - j
		n++
		j = k
		if j+1 < len(text) && text[j] == '-' && isDigit(text[j+1]) {
			j++
			continue
		}
		break
	}
	if t.wordAt(j) || j < len(text) && text[j] == '-' {
		return 0
	}
	g := groups[:n]
	switch {
	case n == 2 && g[0] == 3 && g[1] == 4, // 555-0199
		n == 2 && g[0] == 1 && g[1] == 4,                             // an extension: 3-5076
		n == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4,                // 713-853-3989
		n == 4 && g[0] == 1 && g[1] == 3 && g[2] == 3 && g[3] == 4,   // 1-800-555-0199
		n == 3 && g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4), // 11-20-2000
		n == 3 && g[0] == 4 && g[1] == 2 && g[2] == 2:                // 2025-08-15
		return j
	}
	return 0
}

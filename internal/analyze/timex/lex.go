package timex

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds of the scanner's own light tokenisation.
const (
	kWord  uint8 = iota + 1 // letters (with internal apostrophes and one-letter dotted abbreviations: a.m.)
	kNum                    // digits, possibly with , . : inside and letters after (1990s, 21st, 10:30)
	kPunct                  // one punctuation rune
)

// tok is one token of a scanned range: its byte span in the text, its
// lower-cased form (a slice of the lower-cased text, no copy) and its
// lexicon entry.
type tok struct {
	s, e int32
	w    string
	k    uint8
	num  int // value of a pure digit run; -1 otherwise
	lx   entry
}

// tokenize splits text[lo:hi] (low is the ASCII-lower-cased text) into
// tokens, appending to dst.
func tokenize(dst []tok, text, low string, lo, hi int) []tok {
	i := lo
	for i < hi {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isASCIILetter(c) || c >= utf8.RuneSelf && isLetterAt(text, i, hi):
			j := scanWord(text, i, hi)
			if j <= i {
				// Never stall on a byte the word scanner refuses.
				_, n := utf8.DecodeRuneInString(text[i:hi])
				j = i + n
			}
			t := tok{s: int32(i), e: int32(j), w: low[i:j], k: kWord, num: -1}
			t.lx = lookup(t.w)
			dst = append(dst, t)
			i = j
		case isDigit(c):
			j, n := scanNumber(text, i, hi)
			t := tok{s: int32(i), e: int32(j), w: low[i:j], k: kNum, num: n}
			dst = append(dst, t)
			i = j
		case (c == '\'' || c == 0xE2 && isRightQuote(text, i, hi)) && i+1 < hi:
			// An apostrophe: a possessive or contraction suffix after a
			// word ('s, ’s), or an abbreviated year ('80s).
			n := 1
			if c != '\'' {
				n = 3
			}
			if i+n < hi && isDigit(text[i+n]) {
				j, _ := scanNumber(text, i+n, hi)
				dst = append(dst, tok{s: int32(i), e: int32(j), w: low[i:j], k: kNum, num: -1})
				i = j
				continue
			}
			if i+n < hi && (text[i+n] == 's' || text[i+n] == 'S') && (i+n+1 >= hi || !isASCIILetter(text[i+n+1])) {
				dst = append(dst, tok{s: int32(i), e: int32(i + n + 1), w: "'s", k: kWord, num: -1})
				i += n + 1
				continue
			}
			dst = append(dst, tok{s: int32(i), e: int32(i + n), w: "'", k: kPunct, num: -1})
			i += n
		default:
			_, n := utf8.DecodeRuneInString(text[i:hi])
			w := low[i : i+n]
			if n == 3 && (w == "–" || w == "—") {
				w = "-"
			}
			dst = append(dst, tok{s: int32(i), e: int32(i + n), w: w, k: kPunct, num: -1})
			i += n
		}
	}
	return dst
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

func isLetterAt(text string, i, hi int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:hi])
	return unicode.IsLetter(r)
}

// isRightQuote reports whether text[i:] starts with ’ (U+2019) or ‘.
func isRightQuote(text string, i, hi int) bool {
	return i+2 < hi && text[i] == 0xE2 && text[i+1] == 0x80 && (text[i+2] == 0x99 || text[i+2] == 0x98)
}

// scanWord returns the end of the word starting at i.
func scanWord(text string, i, hi int) int {
	start := i
	for i < hi {
		c := text[i]
		switch {
		case isASCIILetter(c):
			i++
		case c >= utf8.RuneSelf:
			if isRightQuote(text, i, hi) {
				// o’clock, don’t: keep; ’s: leave to the caller.
				if i+3 < hi && isASCIILetter(text[i+3]) && !(text[i+3]|0x20 == 's' && (i+4 >= hi || !isASCIILetter(text[i+4]))) {
					i += 3
					continue
				}
				return i
			}
			r, n := utf8.DecodeRuneInString(text[i:hi])
			if !unicode.IsLetter(r) {
				return i
			}
			i += n
		case c == '\'':
			if i+1 < hi && isASCIILetter(text[i+1]) && !(text[i+1]|0x20 == 's' && (i+2 >= hi || !isASCIILetter(text[i+2]))) {
				i++
				continue
			}
			return i
		case c == '.':
			// One-letter dotted abbreviations: a.m., p.m., U.S.
			if i-start == 1 || i >= 2 && text[i-2] == '.' {
				if i+1 < hi && isASCIILetter(text[i+1]) && (i+2 >= hi || !isASCIILetter(text[i+2])) {
					i += 2
					continue
				}
				if i >= 2 && text[i-2] == '.' {
					return i + 1 // the final dot of a.m.
				}
			}
			return i
		default:
			return i
		}
	}
	return i
}

// scanNumber returns the end of the number starting at i and the value of a
// pure digit run (-1 when the token holds more than digits).
func scanNumber(text string, i, hi int) (int, int) {
	n, pure := 0, true
	for i < hi {
		c := text[i]
		switch {
		case isDigit(c):
			if n < 1e8 {
				n = n*10 + int(c-'0')
			}
			i++
		case (c == ',' || c == '.' || c == ':') && i+1 < hi && isDigit(text[i+1]):
			pure = false
			i++
		case isASCIILetter(c):
			pure = false
			for i < hi && isASCIILetter(text[i]) {
				i++
			}
			if !pure {
				return i, -1
			}
		default:
			if !pure {
				return i, -1
			}
			return i, n
		}
	}
	if !pure {
		return i, -1
	}
	return i, n
}

// lower returns s with ASCII letters lower-cased; byte offsets are kept.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

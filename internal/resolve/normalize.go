package resolve

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// Key normalises a name for lookups: dateline.NameKey (lower case, Latin
// diacritics folded, curly apostrophes straightened, periods and apostrophes
// dropped, hyphens, underscores and other punctuation read as spaces, a
// leading "the" and a trailing possessive dropped, white space collapsed).
// "U.S." and "US" have the same key; so do "Côte d’Ivoire" and
// "Cote d'Ivoire". The store indexes actor names by the same key.
func Key(name string) string { return dateline.NameKey(name) }

// Skeleton reduces a key to a transliteration-insensitive form, so that the
// common romanisations of one name meet: y, j after a vowel and "iy"/"ii"
// read as i, kh as h, ph as f, w as v, ck as k, ou as u, doubled letters as
// one. Zelenskyy, Zelensky, Zelenskiy and Zelenski have one skeleton.
func Skeleton(key string) string {
	b := []byte(key)
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		var next byte
		if i+1 < len(b) {
			next = b[i+1]
		}
		switch {
		case c == 'y':
			c = 'i'
		case c == 'k' && next == 'h', c == 'p' && next == 'h':
			if c == 'p' {
				c = 'f'
			} else {
				c = 'h'
			}
			i++
		case c == 'c' && next == 'k':
			c = 'k'
			i++
		case c == 'w':
			c = 'v'
		case c == 'o' && next == 'u':
			c = 'u'
			i++
		case c == 'j' && i > 0 && isVowel(b[i-1]):
			c = 'i'
		}
		if len(out) > 0 && out[len(out)-1] == c && c != ' ' {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// EditDistance is the Levenshtein distance between a and b in bytes, or
// max+1 when it exceeds max (computing no more than needed).
func EditDistance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}

// SameName reports whether two names are spelling variants of one name:
// equal keys, equal skeletons, or (for names of at least six letters)
// skeletons one edit apart.
func SameName(a, b string) bool {
	ka, kb := Key(a), Key(b)
	if ka == kb {
		return true
	}
	sa, sb := Skeleton(ka), Skeleton(kb)
	if sa == sb {
		return true
	}
	return len(sa) >= 6 && len(sb) >= 6 && EditDistance(sa, sb, 1) <= 1
}

// Slug turns a name into the lower-case ASCII part of a stable ID:
// "Volodymyr Zelenskyy" → "volodymyr-zelenskyy".
func Slug(name string) string {
	k := Key(name)
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "x"
	}
	return s
}

package cluster

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// forWords calls f with each run of letters and digits in s (apostrophes
// and hyphens inside a word are kept).
func forWords(s string, f func(string)) {
	start := -1
	for i, r := range s {
		inner := (r == '\'' || r == '’' || r == '-') && start >= 0
		if unicode.IsLetter(r) || unicode.IsDigit(r) || inner {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(trimWord(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		f(trimWord(s[start:]))
	}
}

// trimWord drops trailing apostrophes and hyphens.
func trimWord(w string) string {
	for len(w) > 0 {
		r, n := utf8.DecodeLastRuneInString(w)
		if r != '\'' && r != '’' && r != '-' {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

// hashWord is FNV-1a over the lower-cased runes of w.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range w {
		r = unicode.ToLower(r)
		if r == '’' {
			r = '\''
		}
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

func sortUnique(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// normWord lower-cases w and folds typographic apostrophes.
func normWord(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '’') {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// stopword reports whether w (normalised) is a function word or reporting
// boilerplate that carries no topic; used when tokens have no tags.
func stopword(w string) bool {
	switch w {
	case "'d", "'ll", "'re", "'s", "'ve", "a", "about", "above", "according", "after", "again",
		"against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
		"before", "being", "below", "between", "both", "but", "by", "can", "could", "day", "did", "do",
		"does", "doing", "down", "during", "each", "few", "first", "for", "from", "further", "get",
		"got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
		"his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "like",
		"may", "me", "might", "more", "most", "mr", "mrs", "ms", "must", "my", "myself", "n't", "new",
		"no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
		"ours", "out", "over", "own", "people", "per", "said", "same", "say", "says", "shall", "she",
		"should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
		"then", "there", "these", "they", "this", "those", "through", "time", "to", "told", "too", "two",
		"under", "until", "up", "us", "very", "via", "was", "we", "week", "were", "what", "when",
		"where", "which", "while", "who", "whom", "why", "will", "with", "would", "year", "years", "you",
		"your", "yours", "yourself":
		return true
	}
	return false
}

// contentTag reports whether a UPOS tag marks a content word.
func contentTag(upos string) bool {
	switch upos {
	case "NOUN", "PROPN", "VERB", "ADJ", "NUM", "X":
		return true
	}
	return false
}

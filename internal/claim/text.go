package claim

import (
	"strings"
	"unicode"

	"github.com/dateline-news/dateline"
)

// word is one token of a sentence as the rules read it.
type word struct {
	span  dateline.Span
	lower string // lower-case form, curly apostrophes straightened
	lemma string // lower-case lemma; the form when the tagger did not run
	upos  string
}

// sentWords returns the words of sentence s of doc.
func sentWords(doc *dateline.Document, s dateline.Sentence) []word {
	lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
	if lo < 0 || hi > len(doc.Tokens) || lo > hi {
		return nil
	}
	out := make([]word, 0, hi-lo)
	for _, t := range doc.Tokens[lo:hi] {
		f := t.Span.In(doc.Text)
		if f == "" {
			continue
		}
		l := strings.ToLower(strings.ReplaceAll(f, "’", "'"))
		lem := strings.ToLower(t.Lemma)
		if lem == "" {
			lem = l
		}
		out = append(out, word{span: t.Span, lower: l, lemma: lem, upos: t.UPOS})
	}
	return out
}

// analysedSentences returns the indexes of the sentences that lie in the
// report's own text (not boilerplate or credits).
func analysedSentences(doc *dateline.Document) []int {
	blocks := doc.AnalysedBlocks()
	var out []int
	b := 0
	for i, s := range doc.Sentences {
		for b < len(blocks) && blocks[b].End <= s.Start {
			b++
		}
		if len(doc.Blocks) == 0 || b < len(blocks) && blocks[b].Contains(s.Span) {
			out = append(out, i)
		}
	}
	return out
}

// content reports whether a word carries content for paraphrase matching.
func content(w word) bool {
	switch w.upos {
	case "NOUN", "PROPN", "VERB", "ADJ", "NUM":
	case "":
		if len(w.lower) < 3 || !unicode.IsLetter(rune(w.lower[0])) && !unicode.IsDigit(rune(w.lower[0])) {
			return false
		}
	default:
		return false
	}
	switch w.lemma {
	case "be", "have", "do", "say", "make", "take", "get", "go", "will", "would", "could", "may", "might":
		return false
	}
	return true
}

// breaks reports whether a word ends the scope of a negation.
func breaks(w word) bool {
	switch w.lower {
	case ",", ";", ":", ".", "but", "while", "although", "though", "which", "who", "whereas", "–", "—", "(", ")":
		return true
	}
	return false
}

// outcomeNoun reports whether a lemma names the result talks aim at.
func outcomeNoun(l string) bool {
	switch l {
	case "agreement", "ceasefire", "cease-fire", "truce", "deal", "breakthrough", "result", "progress",
		"concession", "step", "announcement", "accord", "settlement", "outcome", "resolution", "armistice":
		return true
	}
	return false
}

// meetingNoun reports whether a lemma names a meeting.
func meetingNoun(l string) bool {
	switch l {
	case "summit", "talk", "talks", "meeting", "negotiation", "negotiations", "conference":
		return true
	}
	return false
}

// negator classifies a word as a negation before its scope ("no", "did not",
// "without", "lack of", "failure to", "failed").
func negator(w word) bool {
	switch w.lemma {
	case "no", "not", "n't", "never", "without", "lack", "absence", "failure", "fail", "nothing", "neither", "nor":
		return true
	}
	switch w.lower {
	case "failed", "failing", "n't", "not":
		return true
	}
	return false
}

// postNegator classifies a word that negates what comes before it
// ("results remained elusive", "the deal collapsed").
func postNegator(w word) bool {
	switch w.lemma {
	case "elusive", "collapse", "stall", "founder", "unsuccessful", "fruitless", "inconclusive":
		return true
	}
	return false
}

// ordinal returns the number of an ordinal word ("third" → 3, "3rd" → 3).
func ordinal(s string) int {
	switch s {
	case "first":
		return 1
	case "second":
		return 2
	case "third":
		return 3
	case "fourth":
		return 4
	case "fifth":
		return 5
	case "sixth":
		return 6
	case "seventh":
		return 7
	case "eighth":
		return 8
	case "ninth":
		return 9
	case "tenth":
		return 10
	case "eleventh":
		return 11
	case "twelfth":
		return 12
	case "fifteenth":
		return 15
	case "twentieth":
		return 20
	case "twenty-fifth":
		return 25
	case "thirtieth":
		return 30
	case "fiftieth":
		return 50
	case "hundredth":
		return 100
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			switch s[i:] {
			case "st", "nd", "rd", "th":
				if i > 0 && n > 0 && n < 1000 {
					return n
				}
			}
			return 0
		}
		n = n*10 + int(c-'0')
		if n > 10000 {
			return 0
		}
	}
	return 0
}

// number reads a cardinal ("12", "1,200", "three") for the number checks.
func number(s string) (float64, bool) {
	switch s {
	case "one":
		return 1, true
	case "two":
		return 2, true
	case "three":
		return 3, true
	case "four":
		return 4, true
	case "five":
		return 5, true
	case "six":
		return 6, true
	case "seven":
		return 7, true
	case "eight":
		return 8, true
	case "nine":
		return 9, true
	case "ten":
		return 10, true
	case "eleven":
		return 11, true
	case "twelve":
		return 12, true
	case "dozen":
		return 12, true
	case "twenty":
		return 20, true
	case "hundred":
		return 100, true
	}
	n, digits, frac := 0.0, 0, 0.0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if frac > 0 {
				n += float64(c-'0') * frac
				frac /= 10
			} else {
				n = n*10 + float64(c-'0')
			}
			digits++
		case c == ',' && frac == 0 && digits > 0:
		case c == '.' && frac == 0 && digits > 0:
			frac = 0.1
		default:
			return 0, false
		}
	}
	return n, digits > 0 && digits < 16
}

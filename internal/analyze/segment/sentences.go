package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Sentences splits the tokens of one block into sentences and appends them
// to dst. text and base are as for Tokenize (toks hold spans of
// text[.. ]+base); first is the index of toks[0] in the document's token
// list, so that each Sentence.Tokens range indexes the document's tokens.
// Every token belongs to exactly one sentence; a block with tokens has at
// least one sentence.
//
// A sentence ends at . ! ? and ellipses, with the closing quotes and
// brackets after them, unless a lower-case word follows (“Why?” he asked);
// after an abbreviation only when a sentence starter follows (in the U.S.
// He said), never after a title (Gen. Milley) or an initial before a name
// (J. K. Rowling). A line break ends a sentence before a list item, and
// after a short line without final punctuation (a heading).
func (s *Segmenter) Sentences(text string, base int32, toks []dateline.Token, first int32, dst []dateline.Sentence) []dateline.Sentence {
	sp := splitter{lx: s.lx, text: text, base: base, toks: toks, lines: !wrapped(text)}
	start := 0
	emit := func(end int) { // end: index of the last token
		dst = append(dst, dateline.Sentence{
			Span:   dateline.Span{Start: toks[start].Start, End: toks[end].End},
			Tokens: [2]int32{first + int32(start), first + int32(end) + 1},
		})
		start = end + 1
	}
	for i := 0; i < len(toks); {
		kind := sp.terminal(i)
		if kind == termNone {
			if i+1 < len(toks) && sp.lineBreak(i) {
				emit(i)
			}
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if sp.closer(j) {
				j++
			} else if k := sp.citation(j); k > j {
				j = k
			} else {
				break
			}
		}
		if j == len(toks) {
			break
		}
		if sp.breakBefore(kind, i, j) || sp.lineBreak(j-1) {
			emit(j - 1)
		}
		i = j
	}
	if start < len(toks) {
		emit(len(toks) - 1)
	}
	return dst
}

type termKind uint8

const (
	termNone     termKind = iota
	termPeriod            // .
	termStrong            // ! ? and runs of them
	termEllipsis          // ... …
	termAbbrev            // a token ending in a period: U.S. Gen. J.
)

type splitter struct {
	lx    *lexicon
	text  string
	base  int32
	toks  []dateline.Token
	lines bool // every line is a paragraph: a line break always ends a sentence
}

// maxWrapLine is the longest line of hard-wrapped text. A block with a
// longer line is read as one paragraph (or heading) per line.
const maxWrapLine = 100

// wrapped reports whether text has line breaks and all its lines are short
// enough to be hard-wrapped prose, in which a line break is just a space.
func wrapped(text string) bool {
	start, breaks := 0, 0
	for {
		k := strings.IndexByte(text[start:], '\n')
		if k < 0 {
			return breaks > 0 && len(text)-start <= maxWrapLine
		}
		if k > maxWrapLine {
			return false
		}
		breaks++
		start += k + 1
	}
}

func (sp *splitter) tok(i int) string {
	t := sp.toks[i]
	return sp.text[t.Start-sp.base : t.End-sp.base]
}

// gap returns the text between token i and token i+1.
func (sp *splitter) gap(i int) string {
	return sp.text[sp.toks[i].End-sp.base : sp.toks[i+1].Start-sp.base]
}

func (sp *splitter) terminal(i int) termKind {
	w := sp.tok(i)
	switch w[0] {
	case '.':
		if len(w) == 1 {
			return termPeriod
		}
		for k := 1; k < len(w); k++ {
			if w[k] != '.' {
				return termNone
			}
		}
		return termEllipsis
	case '!', '?':
		return termStrong
	}
	if w == "…" {
		return termEllipsis
	}
	if len(w) > 1 && w[len(w)-1] == '.' {
		if c := w[len(w)-2]; isDigit(c) && len(w) <= 3 {
			return termNone // a list number "1."
		}
		return termAbbrev
	}
	return termNone
}

// closer reports whether token j closes what the terminal before it ended:
// a closing quote or bracket, or more final punctuation, attached to the
// token before it.
func (sp *splitter) closer(j int) bool {
	if sp.gap(j-1) != "" {
		return false
	}
	switch w := sp.tok(j); w {
	case "”", "’", ")", "]", "}", "»", "›", ".", "!", "?", "…":
		return true
	case `"`, "'", "''":
		// A straight quote right after the terminal closes, unless a word
		// follows it directly (then it opens the next sentence).
		return j+1 == len(sp.toks) || sp.gap(j) != ""
	default:
		return w[0] == '.' || w[0] == '!' || w[0] == '?'
	}
}

// citation returns the end of a reference mark "[12]" or an emoticon ":)"
// at token j, which belong to the sentence before them, or j.
func (sp *splitter) citation(j int) int {
	if isEmoticon(sp.tok(j)) {
		return j + 1
	}
	if j+2 < len(sp.toks) && sp.tok(j) == "[" && sp.tok(j+2) == "]" {
		if n := sp.tok(j + 1); len(n) <= 3 && isDigit(n[0]) {
			return j + 3
		}
	}
	return j
}

func isEmoticon(w string) bool {
	if len(w) < 2 || len(w) > 3 || w[0] != ':' && w[0] != ';' && w[0] != '=' {
		return false
	}
	switch w[len(w)-1] {
	case ')', '(', 'D', 'P', 'p':
		return len(w) == 2 || w[1] == '-'
	}
	return false
}

// breakBefore decides whether the sentence that ends with the terminal at i
// (and the closers up to j) ends before token j.
func (sp *splitter) breakBefore(kind termKind, i, j int) bool {
	next := sp.word(j)
	r, _ := utf8.DecodeRuneInString(next)
	lowerNext := unicode.IsLower(r)
	switch next {
	case ",", ";", ":", ")", "]", "}", "%":
		return false // no sentence starts with these
	}
	if lowerNext && sp.gap(j-1) == "" {
		return false // "alt.animals", "end.of": no space, no boundary
	}
	switch kind {
	case termPeriod:
		return true // in edited text a period before a lower-case word is final: abbreviations keep theirs
	case termStrong:
		// “Why?” he asked: a quote closed after ! or ? and a lower-case word go on.
		return !lowerNext || j == i+1
	case termEllipsis:
		return !lowerNext

	}
	w := sp.tok(i)
	w = w[:len(w)-1]
	class := sp.lx.abbrev(w)
	if class == abbrevNone {
		switch {
		case len(w) == 1 && isUpperASCII(w[0]):
			class = abbrevInitial
		case hasPeriod(w):
			class = abbrevDotted
		default:
			class = abbrevGeneral
		}
	}
	switch class {
	case abbrevTitle, abbrevNever:
		return false
	case abbrevNumber, abbrevMonth:
		if r < utf8.RuneSelf && isDigit(byte(r)) {
			return false
		}
	case abbrevInitial:
		if len(next) == 2 && isUpperASCII(next[0]) && next[1] == '.' {
			return false // J. K. Rowling
		}
	}
	return sp.starter(next)
}

// word returns the first token at or after j that is not an opening quote
// or bracket: the word whose case decides a boundary.
func (sp *splitter) word(j int) string {
	for ; j < len(sp.toks); j++ {
		switch w := sp.tok(j); w {
		case "“", "‘", `"`, "'", "(", "[", "«", "‹", "`", "``":
			continue
		default:
			return w
		}
	}
	return sp.tok(len(sp.toks) - 1)
}

// starter reports whether w usually begins a sentence when capitalised: a
// pronoun, determiner, conjunction or adverb learned from UD train.
func (sp *splitter) starter(w string) bool {
	if w == "" || !isUpperASCII(w[0]) {
		return false
	}
	return has(sp.lx.starters, w)
}

func hasPeriod(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			return true
		}
	}
	return false
}

// maxHeadingLine is the longest line, in bytes, that a line break after it
// ends as a sentence when it has no final punctuation: a heading, a
// dateline, a list item.
const maxHeadingLine = 60

// lineBreak reports whether a sentence ends at a line break between token i
// and token i+1.
func (sp *splitter) lineBreak(i int) bool {
	if i+1 >= len(sp.toks) {
		return false
	}
	g := sp.gap(i)
	nl := 0
	for k := 0; k < len(g); k++ {
		if g[k] == '\n' {
			nl++
		}
	}
	if nl == 0 {
		return false
	}
	if nl > 1 || sp.lines {
		return true // a blank line, or one paragraph per line
	}
	next := sp.tok(i + 1)
	switch next {
	case "•", "·", "*", "-", "–", "—", "▪", "■", "◦":
		return true
	}
	if len(next) > 1 && len(next) <= 3 && next[len(next)-1] == '.' && isDigit(next[0]) {
		return true // "1." list item
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return false
	}
	switch last := sp.tok(i); last[len(last)-1] {
	case ',', ';', ':', '-', '(', '&':
		return false
	}
	// The length of the line that ends at token i.
	end := int(sp.toks[i].End - sp.base)
	begin := end
	for begin > 0 && sp.text[begin-1] != '\n' {
		begin--
	}
	return end-begin <= maxHeadingLine
}

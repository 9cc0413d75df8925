package postgres

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/dateline-news/dateline"
)

// The full-text index is built here, not by PostgreSQL's text-search
// parser: that parser's idea of a letter depends on the database's locale
// (under the C locale "Dvořák" or "Київ" are not words), and its token
// types split "AND/OR" or "example.org" in ways no reader expects. Go makes
// the words instead, the way the SQLite store's unicode61 tokenizer does:
// a word is a run of letters, digits and private-use characters (with the
// combining marks inside it), folded to lower case without diacritics. The
// words go to PostgreSQL as a tsvector literal (title at weight A, the
// analysed body at weight D) and queries as a tsquery literal, so the
// database only matches and ranks, and the same words come out of every
// server whatever its locale.

// Limits of PostgreSQL's tsvector (see "Text Search Types" in its manual).
const (
	maxPosition     = 16383   // later positions are stored as this one
	maxPositions    = 255     // positions kept per lexeme
	maxLexemeBytes  = 2046    // longer words are not indexed
	maxVectorBytes  = 900_000 // the value must stay under 1 MB
	maxQueryBytes   = 1 << 10 // longer queries are cut
	maxQueryTerms   = 32      // further terms are ignored
	maxPhraseTokens = 32      // longer phrases keep their first words
)

// isWordRune reports whether r belongs in a word (unicode61's token
// characters, plus combining marks so that decomposed letters stay whole).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r)
}

// word is one token of a text: its byte span and its folded form.
type word struct {
	start, end int
	fold       string
}

// folder folds words; it keeps a transformer, so one folder serves one
// goroutine.
type folder struct {
	t transform.Transformer
}

func newFolder() *folder {
	return &folder{t: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)}
}

// fold lower-cases s and removes its diacritics ("Zürich" -> "zurich").
func (f *folder) fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	f.t.Reset()
	out, _, err := transform.String(f.t, s)
	if err != nil || out == "" {
		out = s // a word of combining marks only keeps them
	}
	return strings.ToLower(out)
}

// words calls fn for every word of text[from:to].
func (f *folder) words(text string, from, to int, fn func(w word)) {
	i := from
	for i < to {
		r, size := utf8.DecodeRuneInString(text[i:to])
		if !isWordRune(r) || (r == utf8.RuneError && size <= 1) {
			i += size
			continue
		}
		start := i
		for i < to {
			r, size = utf8.DecodeRuneInString(text[i:to])
			if !isWordRune(r) || (r == utf8.RuneError && size <= 1) {
				break
			}
			i += size
		}
		fn(word{start: start, end: i, fold: f.fold(text[start:i])})
	}
}

// flatCuts is the column form of cuts: start, end, start, end, ...
func flatCuts(cs []dateline.Span) []int32 {
	out := make([]int32, 0, 2*len(cs))
	for _, c := range cs {
		out = append(out, c.Start, c.End)
	}
	return out
}

// indexed calls fn with the byte ranges of text outside the cuts, in order.
// Cuts that do not fit text (a corrupt row) are ignored past that point.
func indexed(text string, flat []int32, fn func(from, to int)) {
	pos := 0
	for i := 0; i+1 < len(flat); i += 2 {
		s, e := int(flat[i]), int(flat[i+1])
		if s < pos || e < s || e > len(text) {
			break
		}
		if s > pos {
			fn(pos, s)
		}
		pos = e
	}
	if pos < len(text) {
		fn(pos, len(text))
	}
}

// vector builds the tsvector literal of a document: the title's words at
// weight A, then, one position apart (so that no phrase spans the two),
// the words of the text outside the cuts at weight D.
func (f *folder) vector(title, text string, flat []int32) string {
	type entry struct {
		pos    []int
		weight []byte
	}
	lex := make(map[string]*entry)
	var order []string
	size := 0
	pos := 0
	add := func(w word, weight byte) {
		pos = min(pos+1, maxPosition)
		if len(w.fold) > maxLexemeBytes {
			return
		}
		e := lex[w.fold]
		if e == nil {
			if size+len(w.fold)+16 > maxVectorBytes {
				return
			}
			e = &entry{}
			lex[w.fold] = e
			order = append(order, w.fold)
			size += len(w.fold) + 4
		}
		if len(e.pos) < maxPositions && (len(e.pos) == 0 || e.pos[len(e.pos)-1] != pos) {
			e.pos = append(e.pos, pos)
			e.weight = append(e.weight, weight)
			size += 7
		}
	}
	f.words(title, 0, len(title), func(w word) { add(w, 'A') })
	pos++
	indexed(text, flat, func(from, to int) {
		f.words(text, from, to, func(w word) { add(w, 'D') })
	})
	var b strings.Builder
	b.Grow(size + 2*len(order))
	for i, l := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		quoteLexeme(&b, l)
		e := lex[l]
		for j, p := range e.pos {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
			if e.weight[j] != 'D' {
				b.WriteByte(e.weight[j])
			}
		}
	}
	return b.String()
}

// quoteLexeme writes l as a quoted tsvector/tsquery lexeme. Words hold no
// quote or backslash, but the quoting does not rely on it.
func quoteLexeme(b *strings.Builder, l string) {
	b.WriteByte('\'')
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteByte(l[i])
		}
	}
	b.WriteByte('\'')
}

// query is a parsed search: terms that must all match, each a word or a
// phrase of words in sequence.
type query [][]string

// parseQuery turns what a user typed into terms that can never be a syntax
// error: words and "quoted phrases" (straight or curly quotes; an unclosed
// quote runs to the end), all required. Operators (AND, OR, NOT), column
// filters, parentheses, ^, +, - and * are searched as text, which the
// tokenizer drops; a word that folds to several words ("Odesa’s") is a
// phrase. Terms without a word are dropped; an empty query finds nothing.
// Input past maxQueryBytes and terms past maxQueryTerms are ignored.
func (f *folder) parseQuery(input string) query {
	if len(input) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(input[cut]) {
			cut--
		}
		input = input[:cut]
	}
	var q query
	add := func(term string) {
		if len(q) == maxQueryTerms {
			return
		}
		var ws []string
		f.words(term, 0, len(term), func(w word) {
			if len(ws) < maxPhraseTokens && len(w.fold) <= maxLexemeBytes {
				ws = append(ws, w.fold)
			}
		})
		if len(ws) > 0 {
			q = append(q, ws)
		}
	}
	rest := input
	for rest != "" {
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
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
				_, n := utf8.DecodeRuneInString(rest)
				rest = rest[n:]
			}
		default:
			end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || isQuote(r) })
			if end < 0 {
				end = len(rest)
			}
			add(rest[:end])
			rest = rest[end:]
		}
	}
	return q
}

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// tsquery is the tsquery literal of q: phrases joined with <->, terms
// with &.
func (q query) tsquery() string {
	var b strings.Builder
	for i, term := range q {
		if i > 0 {
			b.WriteString(" & ")
		}
		if len(term) > 1 {
			b.WriteByte('(')
		}
		for j, w := range term {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			quoteLexeme(&b, w)
		}
		if len(term) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}

// Snippets: the first match in the indexed text, with a few words before
// it, about snippetWords words in all.
const (
	snippetWords  = 16
	snippetBefore = 4
)

// snippet returns a plain-text excerpt of the indexed text around the
// first word of q found there; the start of the indexed text (or the
// title) when the match is in the title only.
func (f *folder) snippet(title, text string, flat []int32, q query) string {
	want := make(map[string]bool)
	for _, term := range q {
		for _, w := range term {
			want[w] = true
		}
	}
	type span struct{ start, end, seg int }
	var ws []span
	hit, seg := -1, 0
	indexed(text, flat, func(from, to int) {
		seg++
		f.words(text, from, to, func(w word) {
			if hit >= 0 && len(ws) > hit+snippetWords {
				return // one word past the window: enough to know there is more
			}
			ws = append(ws, span{w.start, w.end, seg})
			if hit < 0 && want[w.fold] {
				hit = len(ws) - 1
			}
		})
	})
	if len(ws) == 0 {
		return collapse(title)
	}
	first := max(0, hit-snippetBefore)
	last := min(len(ws), first+snippetWords) - 1
	var b strings.Builder
	if first > 0 {
		b.WriteString("…")
	}
	for i := first; i <= last; i++ {
		if i > first {
			if ws[i].seg == ws[i-1].seg {
				b.WriteString(text[ws[i-1].end:ws[i].start])
			} else {
				b.WriteByte(' ') // the text between is cut: not shown
			}
		}
		b.WriteString(text[ws[i].start:ws[i].end])
	}
	if last < len(ws)-1 {
		b.WriteString("…")
	}
	return collapse(b.String())
}

// collapse makes whitespace runs single spaces and drops invalid UTF-8.
func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// piece is one block of the output text with its kind.
type piece struct {
	text string
	kind dateline.BlockKind
}

// layout is the news layer: it classifies raw blocks into the parts of a
// news page, from general rules over their text and the hints of markup.
//
//   - title: the page title, or a title-like first line of plain text;
//   - head region, before the lede: captions and credits, byline, deck
//     (a standfirst sentence right before the lede), time stamps;
//   - the lede: the first paragraph, which may open with a dateline;
//   - body: paragraphs, headings (markup headings, or short title-like
//     lines without final punctuation between paragraphs), captions and
//     credits, and boilerplate lines.
func layout(raw []rawBlock, m meta) ([]piece, *datelineHit) {
	var out []piece
	i := 0

	// Title.
	switch {
	case m.title != "":
		out = append(out, piece{text: m.title, kind: dateline.BlockTitle})
		// Drop a repeat of the title among the first blocks.
		for j := 0; j < len(raw) && j < 4; j++ {
			if sameTitle(raw[j].text, m.title) {
				raw = append(raw[:j:j], raw[j+1:]...)
				break
			}
		}
	case len(raw) > 1 && (raw[0].hint == hintHeading || raw[0].hint == hintNone || raw[0].hint == hintBold) &&
		titleLike(raw[0].text, 25) && classifyLine(raw[0].text) == "" && !startsDateline(raw[0].text) &&
		!isByline(raw[0].text) && !hasCaption(raw[0]):
		out = append(out, piece{text: raw[0].text, kind: dateline.BlockTitle})
		i = 1
	}

	var dl *datelineHit
	haveDeck, haveByline := false, false

	// Head region: everything before the lede.
	for ; i < len(raw) && i < 10; i++ {
		b := raw[i]
		if ps, ok := captionPieces(b); ok {
			out = append(out, ps...)
			continue
		}
		if k := classifyLine(b.text); k != "" {
			out = append(out, piece{text: b.text, kind: k})
			continue
		}
		if !haveByline && isByline(b.text) {
			out = append(out, piece{text: b.text, kind: dateline.BlockByline})
			haveByline = true
			continue
		}
		if b.hint == hintCaption {
			out = append(out, piece{text: b.text, kind: dateline.BlockCaption})
			continue
		}
		if startsDateline(b.text) {
			break
		}
		if !haveDeck && b.hint != hintHeading && isDeck(raw, i, m) {
			out = append(out, piece{text: b.text, kind: dateline.BlockDeck})
			haveDeck = true
			continue
		}
		break
	}

	// Body.
	lede := true
	links := false // inside a section of links ("Related stories" and its items)
	for ; i < len(raw); i++ {
		b := raw[i]
		if links && (b.hint == hintItem || titleLike(b.text, 15)) && b.hint != hintHeading {
			out = append(out, piece{text: b.text, kind: dateline.BlockBoilerplate})
			continue
		}
		links = words(b.text) <= 8 && rxSectionLabel.MatchString(b.text)
		if ps, ok := captionPieces(b); ok {
			out = append(out, ps...)
			continue
		}
		if k := classifyLine(b.text); k != "" {
			out = append(out, piece{text: b.text, kind: k})
			continue
		}
		switch b.hint {
		case hintCaption:
			out = append(out, piece{text: b.text, kind: dateline.BlockCaption})
			continue
		case hintHeading:
			out = append(out, piece{text: b.text, kind: dateline.BlockHeading})
			continue
		case hintBold:
			if titleLike(b.text, 15) {
				out = append(out, piece{text: b.text, kind: dateline.BlockHeading})
				continue
			}
		case hintNone:
			if !lede && isTextHeading(raw, i) {
				out = append(out, piece{text: b.text, kind: dateline.BlockHeading})
				continue
			}
		}
		if lede && dl == nil {
			if s, e, place, ok := findDateline(b.text); ok {
				dl = &datelineHit{piece: len(out), start: s, end: e, place: place}
			}
		}
		lede = false
		out = append(out, piece{text: b.text, kind: dateline.BlockParagraph})
	}
	return out, dl
}

// sameTitle reports whether a block repeats the page title: equal after
// normalisation, or one a prefix of the other ("Title | Outlet").
func sameTitle(block, title string) bool {
	a, b := foldTitle(block), foldTitle(title)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	return strings.HasPrefix(long, short) && len(short)*10 >= len(long)*6
}

func foldTitle(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// words counts space-separated words.
func words(s string) int { return len(strings.Fields(s)) }

// titleLike reports whether s reads like a title or heading: at most
// maxWords words, starting with a capital or a digit, and no sentence
// punctuation at the end (a question or exclamation mark is allowed).
func titleLike(s string, maxWords int) bool {
	n := words(s)
	if n == 0 || n > maxWords || utf8.RuneCountInString(s) > 160 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "\"'“‘«(["))
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	t := strings.TrimRight(s, "\"'”’»)]")
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', ',', ';', ':', '…', '-', '–', '—', '/':
		return false
	}
	return true
}

// isTextHeading reports whether the block at i is a section heading in text
// without markup: a short title-like line between paragraphs, followed by a
// line of running text.
func isTextHeading(raw []rawBlock, i int) bool {
	b := raw[i]
	if !titleLike(b.text, 10) || strings.HasSuffix(b.text, "!") {
		return false
	}
	if i == 0 || i+1 >= len(raw) {
		return false
	}
	next := raw[i+1].text
	if !endsSentence(next) || words(next) < 8 {
		return false
	}
	// A heading does not usually carry a verb of saying or a quote.
	if strings.ContainsAny(b.text, "“”\"") {
		return false
	}
	return true
}

// isDeck reports whether the head block at i is a standfirst: one or two
// sentences, right before a lede that opens with a dateline or a byline,
// or the page's own description.
func isDeck(raw []rawBlock, i int, m meta) bool {
	b := raw[i]
	n := words(b.text)
	if n < 4 || n > 60 || !endsSentence(b.text) {
		return false
	}
	if m.description != "" && foldTitle(m.description) == foldTitle(b.text) && n <= 40 && i+1 < len(raw) {
		return true
	}
	for j := i + 1; j < len(raw) && j < i+4; j++ {
		nb := raw[j]
		if _, ok := captionPieces(nb); ok || nb.hint == hintCaption || classifyLine(nb.text) != "" {
			continue
		}
		return startsDateline(nb.text) || isByline(nb.text)
	}
	return false
}

func hasCaption(b rawBlock) bool {
	_, ok := captionPieces(b)
	return ok
}

func startsDateline(s string) bool {
	_, _, _, ok := findDateline(s)
	return ok
}

// Bylines: "By Jane Doe", "By JANE DOE and John Roe, Reuters", "Von Anna
// Schmidt". A capitalised name must follow the marker, and the line must
// not run on as a sentence.
var rxByline = regexp.MustCompile(`^(?:[Bb]y|BY|Written by|Words by|Story by|Text by|Von|VON|Par|PAR|Por|POR|Di|Door|Av|Af)[:\s]+[\p{Lu}][\p{L}\p{M}.'’\-]*(?:\s+(?:[\p{Lu}][\p{L}\p{M}.'’\-]*|and|und|et|y|e|en|og|de|van|von|der|da|del|la|le|,|&|\||-|–|—|in|at|for))*\s*$`)

var rxBylineMarker = regexp.MustCompile(`^(?i:written by|words by|story by|text by|by|von|par|por|di|door|av|af)[:\s]+`)

func isByline(s string) bool {
	if words(s) > 14 {
		return false
	}
	s = strings.ReplaceAll(s, ",", " , ")
	s = strings.Join(strings.Fields(s), " ")
	return rxByline.MatchString(s)
}

// bylineName strips the marker and the outlet from a byline:
// "By Jane Doe | Reuters" -> "Jane Doe".
func bylineName(s string) string {
	s = rxBylineMarker.ReplaceAllString(strings.TrimSpace(s), "")
	for _, sep := range []string{" | ", " – ", " — ", " - ", " • "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if i := strings.LastIndex(s, ", "); i > 0 && isAgency(s[i+2:]) {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

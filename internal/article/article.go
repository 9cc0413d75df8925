// Package article turns a page as intake found it (HTML or plain text) into
// a *dateline.Document: the cleaned text of the report in reading order,
// cut into typed blocks (title, deck, byline, paragraph, heading, caption,
// credit, boilerplate), with its metadata (title, byline, publication date,
// outlet, language) and the dateline that opens a wire report.
//
// HTML bodies come from go-trafilatura; its content tree is walked to keep
// the paragraph structure. A news layer of general rules, shared by HTML
// and plain text, then recognises the parts of a news page: see layout.go.
//
// Problems in the input are diagnostics on the document; Extract returns
// an error only when there is no text to speak of (empty, binary or too
// large input).
package article

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Pass is the name diagnostics of this package carry.
const Pass = "article"

// DefaultMaxBytes is the input size limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 8 << 20

// ErrNoText is returned (wrapped with dateline.ErrInvalid) when a page has
// no extractable text.
var ErrNoText = fmt.Errorf("%w: no extractable text", dateline.ErrInvalid)

// Options tune Extract. The zero value is ready to use.
type Options struct {
	// Published overrides any publication date found (the --published flag).
	Published time.Time
	// MaxBytes bounds the input: HTML pages above it are refused with
	// dateline.ErrTooLarge; plain text is cut at the last line break
	// before it, with a diagnostic. Zero means DefaultMaxBytes.
	MaxBytes int
	// Fast skips the fallback extractors (readability, DOM distiller) that
	// go-trafilatura compares its result with, and the extensive date
	// search. About twice as fast, a little less accurate.
	Fast bool
	// Now is the clock used to reject publication dates in the future;
	// nil means time.Now.
	Now func() time.Time
}

func (o Options) maxBytes() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Extract turns a page into a document. The document's text is the report
// in reading order, blocks separated by a blank line ("\n\n"); its blocks are
// sorted, disjoint and cover every non-space byte of the text.
func Extract(p *dateline.Page, opt Options) (*dateline.Document, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil page", dateline.ErrInvalid)
	}
	var (
		src *source
		err error
	)
	switch p.Format {
	case dateline.FormatHTML:
		src, err = fromHTML(p, opt)
	case dateline.FormatText, "":
		src, err = fromText(p, opt)
	default:
		return nil, fmt.Errorf("%w: page format %q", dateline.ErrUnsupported, p.Format)
	}
	if err != nil {
		return nil, err
	}
	doc := build(p, src, opt)
	if strings.TrimSpace(doc.Text) == "" {
		return nil, ErrNoText
	}
	return doc, nil
}

// source is what a format reader hands the news layer: raw blocks in
// reading order and the metadata the page itself carries.
type source struct {
	blocks []rawBlock
	meta   meta
	diags  []dateline.Diagnostic // diagnostics without a span in Text
}

// meta is page metadata found by a reader.
type meta struct {
	title, author, outlet, description, lang string
	published                                time.Time
	publishedFrom                            string // where the date came from, for diagnostics
}

// hint is what the markup says about a raw block.
type hint uint8

const (
	hintNone    hint = iota
	hintHeading      // h1-h6
	hintCaption      // figcaption, caption
	hintItem         // list item
	hintQuote        // blockquote
	hintCell         // table row
	hintPre          // preformatted
	hintBold         // a paragraph entirely in bold
)

// rawBlock is one paragraph-like unit of the page before the news layer
// has classified it. Text is a single line with spaces normalised.
type rawBlock struct {
	text  string
	hint  hint
	level int // heading level for hintHeading
}

// build runs the news layer and assembles the document.
func build(p *dateline.Page, src *source, opt Options) *dateline.Document {
	doc := &dateline.Document{Source: p.Source}
	doc.Diags = append(doc.Diags, p.Diags...)
	doc.Diags = append(doc.Diags, src.diags...)

	m := src.meta
	if p.Title != "" {
		m.title = clean(p.Title)
	}
	if p.Byline != "" {
		m.author = clean(p.Byline)
	}
	pieces, dl := layout(src.blocks, m)

	// Assemble the text: pieces separated by a blank line.
	var sb strings.Builder
	for i, pc := range pieces {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		start := int32(sb.Len())
		sb.WriteString(pc.text)
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: dateline.Span{Start: start, End: int32(sb.Len())}, Kind: pc.kind})
		if dl != nil && dl.piece == i {
			doc.Dateline = &dateline.Dateline{
				Span:  dateline.Span{Start: start + int32(dl.start), End: start + int32(dl.end)},
				Place: dl.place,
			}
		}
		switch pc.kind {
		case dateline.BlockTitle:
			if doc.Title == "" {
				doc.Title = pc.text
			}
		case dateline.BlockDeck:
			if doc.Deck == "" {
				doc.Deck = pc.text
			}
		case dateline.BlockByline:
			if doc.Byline == "" {
				doc.Byline = bylineName(pc.text)
			}
		}
	}
	doc.Text = sb.String()
	if doc.Title == "" {
		doc.Title = m.title
	}
	if m.author != "" {
		doc.Byline = m.author
	}
	if doc.Source.Outlet == "" {
		doc.Source.Outlet = m.outlet
	}
	doc.Lang = m.lang

	if !m.published.IsZero() && m.published.After(opt.now().Add(48*time.Hour)) {
		doc.Diag(Pass, dateline.SevWarning, dateline.Span{},
			"publication date "+m.published.Format("2006-01-02")+" in the page is in the future: ignored")
		m.published = time.Time{}
	}
	switch {
	case !opt.Published.IsZero():
		doc.Published = opt.Published
	case !p.Published.IsZero():
		doc.Published = p.Published
	case !m.published.IsZero():
		doc.Published = m.published
	default:
		if t, ok := dateInText(pieces); ok {
			doc.Published = t
			doc.Diag(Pass, dateline.SevInfo, dateline.Span{}, "publication date taken from a date line in the text")
		}
	}
	if doc.Published.IsZero() {
		doc.Diag(Pass, dateline.SevWarning, dateline.Span{},
			"publication date unknown: relative dates (\"on Friday\", \"last week\") stay unresolved; pass --published to anchor them")
	}
	doc.ID = dateline.NewDocID(doc.Source.Key(), doc.Text)
	return doc
}

// clean normalises a metadata string: valid UTF-8, spaces collapsed.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.Fields(s), " ")
}

// errBinary reports input that is not text.
var errBinary = errors.New("binary data, not text")

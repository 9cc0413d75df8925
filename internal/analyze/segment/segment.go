// Package segment is the first analysis pass: it splits the text of a
// document into tokens and sentences, with byte offsets into Document.Text.
//
// Tokens follow UD English (EWT, GUM), so that the tagger and parser trained
// on UD see the tokens they were trained on, and are news-aware
// (abbreviations, initials, numbers, currencies, URLs, handles, curly
// quotes). Sentences never cross a block: a heading or a caption is its own
// sentence. The word lists (abbreviations, hyphen prefixes, units, host
// endings, sentence starters) are data under data/.
package segment

import (
	"context"
	"fmt"

	"github.com/dateline-news/dateline"
)

// Name is the name of the pass in diagnostics and timings.
const Name = "segment"

// Segmenter is the segment pass. It is immutable once built and safe for
// concurrent use.
type Segmenter struct {
	lx *lexicon
}

// New returns a segmenter with the embedded word lists. It panics only if
// the embedded lists are malformed, which the package tests rule out.
func New() *Segmenter {
	lx, err := newLexicon()
	if err != nil {
		panic(fmt.Sprintf("segment: embedded word lists: %v", err))
	}
	return &Segmenter{lx: lx}
}

// Name implements analyze.Pass.
func (s *Segmenter) Name() string { return Name }

// Run writes doc.Tokens and doc.Sentences over the blocks the passes
// analyse (Kind.Analysed), block by block. When doc.Blocks is empty the text
// is read as paragraphs separated by blank lines. Blocks out of bounds, out
// of order or overlapping are skipped with a diagnostic.
func (s *Segmenter) Run(ctx context.Context, doc *dateline.Document) error {
	text := doc.Text
	doc.Tokens = make([]dateline.Token, 0, len(text)/5+1)
	doc.Sentences = make([]dateline.Sentence, 0, len(text)/100+1)
	if len(doc.Blocks) == 0 {
		for _, p := range Paragraphs(text) {
			doc.Tokens, doc.Sentences = s.Segment(text[p.Start:p.End], p.Start, doc.Tokens, doc.Sentences)
		}
		return ctx.Err()
	}
	prev := int32(0)
	for i, b := range doc.Blocks {
		if i%64 == 63 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !b.Kind.Analysed() {
			continue
		}
		if !b.Valid(len(text)) || b.Start < prev {
			doc.Diag(Name, dateline.SevWarning, dateline.Span{}, fmt.Sprintf("block %d [%d,%d) is out of bounds or overlaps the block before it; skipped", i, b.Start, b.End))
			continue
		}
		prev = b.End
		doc.Tokens, doc.Sentences = s.Segment(text[b.Start:b.End], b.Start, doc.Tokens, doc.Sentences)
	}
	return nil
}

// Segment tokenises text (at offset base in the document) and splits it
// into sentences, appending to toks and sents. The sentences index toks.
func (s *Segmenter) Segment(text string, base int32, toks []dateline.Token, sents []dateline.Sentence) ([]dateline.Token, []dateline.Sentence) {
	first := len(toks)
	toks = s.Tokenize(text, base, toks)
	sents = s.Sentences(text, base, toks[first:], int32(first), sents)
	return toks, sents
}

// Paragraphs returns the spans of the paragraphs of text: the runs of lines
// between blank lines, without their surrounding white space.
func Paragraphs(text string) []dateline.Span {
	var out []dateline.Span
	start := -1 // start of the current paragraph, -1 between paragraphs
	lastNonSpace := 0
	lineBlank := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			if lineBlank && start >= 0 {
				out = append(out, dateline.Span{Start: int32(start), End: int32(lastNonSpace)})
				start = -1
			}
			lineBlank = true
		case isSpaceByte(c):
		default:
			if start < 0 {
				start = i
			}
			lineBlank = false
			lastNonSpace = i + 1
		}
	}
	if start >= 0 {
		out = append(out, dateline.Span{Start: int32(start), End: int32(lastNonSpace)})
	}
	return out
}

package quote

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Quote-mark families.
const (
	markDouble = 1 // “ ” " „ ‟ «» (guillemets are their own family below)
	markSingle = 2 // ‘ ’ '
	markAngle  = 3 // « »
)

// Roles of a quote-mark token.
const (
	qmNone  int8 = iota
	qmOpen       // opens a quotation
	qmClose      // closes one
)

// region is one quotation found from the marks: the tokens from its
// opening mark to its closing mark, both included.
type region struct {
	open, close int32 // token indexes; close is the last token of the block when unclosed
	family      uint8
	depth       uint8 // 1 for outer quotes, 2 for quotes inside quotes, ...
	closed      bool  // false: an opening mark with no closing mark in its block
	continued   bool  // unclosed, and the next paragraph opens with a mark (the news convention)
}

// markInfo says what a token is as a quote mark: its family and whether it
// can open or close, judged from the mark and the characters around it.
func markInfo(text string, sp dateline.Span) (family uint8, canOpen, canClose bool) {
	if sp.Len() == 0 || sp.Len() > 3 {
		return 0, false, false
	}
	r, n := utf8.DecodeRuneInString(text[sp.Start:sp.End])
	if n != sp.Len() {
		return 0, false, false
	}
	before, after := ' ', ' '
	if sp.Start > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:sp.Start])
	}
	if int(sp.End) < len(text) {
		after, _ = utf8.DecodeRuneInString(text[sp.End:])
	}
	leftOpen := unicode.IsSpace(before) || before == '(' || before == '[' || before == '—' || before == '–' || before == '-' || isMark(before)
	rightOpen := unicode.IsSpace(after) || unicode.IsPunct(after) && !isMark(after) && after != '(' || isMark(after)
	switch r {
	case '“', '„':
		return markDouble, true, false
	case '”':
		return markDouble, false, true
	case '‟':
		return markDouble, true, false
	case '«':
		return markAngle, true, false
	case '»':
		return markAngle, false, true
	case '"':
		// A straight mark opens after space or at a line start, else closes.
		if leftOpen {
			return markDouble, true, false
		}
		return markDouble, false, true
	case '‘':
		return markSingle, true, false
	case '’', '\'':
		// An apostrophe inside a word (don’t, O’Brien) is never a mark; the
		// segmenter keeps those inside tokens. A lone ’ after a letter is a
		// closing mark or a plural possessive (leaders’): the scanner decides.
		if r == '\'' && leftOpen && !unicode.IsSpace(after) {
			return markSingle, true, false
		}
		return markSingle, false, rightOpen
	}
	return 0, false, false
}

func isMark(r rune) bool {
	switch r {
	case '“', '”', '„', '‟', '"', '‘', '’', '\'', '«', '»':
		return true
	}
	return false
}

// scanMarks finds the quotations of the analysed blocks from the quote-mark
// tokens, nesting them, tolerating unpaired marks, and following quotes
// continued across paragraphs. roles[i] gets the role of token i as a mark;
// depth[i] the nesting depth of token i (marks included). blocks are token
// ranges of the analysed blocks, in order. Unpaired marks are reported on
// doc as diagnostics.
func scanMarks(doc *dateline.Document, blocks [][2]int32, roles []int8, depth []uint8, regions []region) []region {
	type open struct {
		tok    int32
		family uint8
	}
	var stack []open
	for bi, b := range blocks {
		stack = stack[:0]
		first := len(regions)
		for i := b[0]; i < b[1]; i++ {
			fam, canOpen, canClose := markInfo(doc.Text, doc.Tokens[i].Span)
			if fam == 0 || !canOpen && !canClose {
				depth[i] = uint8(min(len(stack), 255))
				continue
			}
			closed := false
			if canClose {
				// Close the innermost open quotation of this family; marks
				// opened inside it and never closed are dropped.
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k].family == fam {
						for _, o := range stack[k+1:] {
							doc.Diag(Name, dateline.SevInfo, doc.Tokens[o.tok].Span, "quote: opening mark without a closing mark")
							roles[o.tok] = qmNone
						}
						regions = append(regions, region{open: stack[k].tok, close: i, family: fam, depth: uint8(min(k+1, 255)), closed: true})
						stack = stack[:k]
						roles[i] = qmClose
						depth[i] = uint8(min(k+1, 255))
						closed = true
						break
					}
				}
			}
			if closed {
				continue
			}
			if canOpen {
				stack = append(stack, open{i, fam})
				roles[i] = qmOpen
				depth[i] = uint8(min(len(stack), 255))
				continue
			}
			if fam != markSingle {
				doc.Diag(Name, dateline.SevInfo, doc.Tokens[i].Span, "quote: closing mark without an opening mark")
			}
			depth[i] = uint8(min(len(stack), 255))
		}
		// Quotations still open at the end of the block run to its end. The
		// outermost double one is continued when the next block opens with a
		// mark of its family; otherwise the opening mark was unpaired.
		nextOpens := false
		if bi+1 < len(blocks) && blocks[bi+1][0] < blocks[bi+1][1] {
			fam, canOpen, _ := markInfo(doc.Text, doc.Tokens[blocks[bi+1][0]].Span)
			nextOpens = canOpen && len(stack) > 0 && fam == stack[0].family
		}
		for k, o := range stack {
			if o.family == markSingle && k > 0 {
				roles[o.tok] = qmNone // an apostrophe after all
				continue
			}
			cont := k == 0 && nextOpens
			if !cont {
				doc.Diag(Name, dateline.SevInfo, doc.Tokens[o.tok].Span, "quote: opening mark without a closing mark")
			}
			regions = append(regions, region{open: o.tok, close: b[1] - 1, family: o.family, depth: uint8(min(k+1, 255)), continued: cont})
		}
		// Depths of the tokens of unclosed quotations were counted as they
		// came; sort this block's regions by opening.
		sortRegions(regions[first:])
	}
	return regions
}

func sortRegions(rs []region) {
	slices.SortFunc(rs, func(a, b region) int { return int(a.open - b.open) })
}

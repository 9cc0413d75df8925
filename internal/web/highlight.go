package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// This file turns a document's blocks and annotation layers into a tree of
// text segments that the article template renders. The text is split at
// every span boundary; each segment knows the spans that cover it, ordered
// outermost first, and the tree nests those spans, closing and reopening a
// span where it crosses another one. Text is never turned into HTML here:
// the template escapes every leaf.

// mark is one highlighted span: an annotation of one layer.
type mark struct {
	Span  dateline.Span
	Layer string // dateline, mentions, times, quotes, events, diagnostics
	Class string // CSS classes
	Title string // tooltip
	ID    string // element ID of the first piece; the panels link to it

	rank   int // order among marks with the same span: outer first
	ord    int // position in the sorted order
	opened bool
}

// Layer ranks: for equal spans, the lower rank is the outer element.
const (
	rankDateline = iota
	rankQuote
	rankQuoteSource
	rankQuoteCue
	rankEvent
	rankMention
	rankTime
	rankDiag
)

// node is a piece of the rendered text: a leaf holding text, or a piece of
// a mark holding its children.
type node struct {
	Text  string
	Mark  *mark
	First bool // the piece holds the mark's first byte
	Last  bool // the piece holds the mark's last byte
	Kids  []*node
}

// region is a stretch of the text rendered as one element: a block, or the
// text between blocks.
type region struct {
	Kind  string // block kind; "gap" for text outside every block; "text" when there are no blocks
	Start int32  // byte offset in Document.Text (the data-b attribute)
	End   int32
	Blank bool   // whitespace between blocks: rendered as bare text
	Text  string // the text of a blank region
	Nodes []*node
}

// spanOK reports whether s is a non-empty span inside text whose ends fall
// on UTF-8 character boundaries, so that slicing keeps characters whole.
func spanOK(s dateline.Span, text string) bool {
	return s.Start < s.End && s.Valid(len(text)) && boundary(text, s.Start) && boundary(text, s.End)
}

func boundary(text string, i int32) bool {
	return int(i) == len(text) || utf8.RuneStart(text[i])
}

// sortMarks orders marks outermost first: by start, longest first, then by
// layer rank, and numbers them.
func sortMarks(marks []*mark) {
	slices.SortStableFunc(marks, func(a, b *mark) int {
		if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Span.End, a.Span.End); c != 0 {
			return c
		}
		return cmp.Compare(a.rank, b.rank)
	})
	for i, m := range marks {
		m.ord = i
	}
}

// layout splits text into regions along blocks and fills each with the
// nested pieces of marks. Blocks that are out of bounds, empty, or cut a
// character are skipped (their text shows as a gap); overlapping blocks are
// clipped to start where the previous one ended. Marks must have been
// checked with spanOK and sorted with sortMarks.
func layout(text string, blocks []dateline.Block, marks []*mark) (regions []region, badBlocks int) {
	bs := slices.Clone(blocks)
	slices.SortStableFunc(bs, func(a, b dateline.Block) int { return cmp.Compare(a.Start, b.Start) })
	var specs []region
	pos := int32(0)
	for _, b := range bs {
		if !spanOK(b.Span, text) {
			badBlocks++
			continue
		}
		start := max(b.Start, pos)
		if start >= b.End || !boundary(text, start) {
			badBlocks++
			continue
		}
		if start > pos {
			specs = append(specs, region{Kind: "gap", Start: pos, End: start})
		}
		specs = append(specs, region{Kind: cssName(string(b.Kind)), Start: start, End: b.End})
		pos = b.End
	}
	if len(specs) == 0 {
		if len(text) > 0 {
			specs = append(specs, region{Kind: "text", Start: 0, End: int32(len(text))})
		}
	} else if int(pos) < len(text) {
		specs = append(specs, region{Kind: "gap", Start: pos, End: int32(len(text))})
	}

	var open []*mark
	next := 0
	for i := range specs {
		r := &specs[i]
		seg := text[r.Start:r.End]
		if r.Kind == "gap" && strings.TrimSpace(seg) == "" {
			r.Blank, r.Text = true, seg
			// Marks crossing the gap continue in the next block.
		}
		kept := open[:0]
		for _, m := range open {
			if m.Span.End > r.Start {
				kept = append(kept, m)
			}
		}
		open = kept
		for next < len(marks) && marks[next].Span.Start < r.End {
			if marks[next].Span.End > r.Start {
				open = append(open, marks[next])
			}
			next++
		}
		if !r.Blank {
			r.Nodes = nest(text, r.Start, r.End, open)
		}
	}
	return specs, badBlocks
}

// nest builds the pieces of text[start:end] under the marks in open, which
// are sorted by ord and all overlap [start, end).
func nest(text string, start, end int32, open []*mark) []*node {
	cuts := make([]int32, 0, 2+2*len(open))
	cuts = append(cuts, start, end)
	for _, m := range open {
		if m.Span.Start > start && m.Span.Start < end {
			cuts = append(cuts, m.Span.Start)
		}
		if m.Span.End > start && m.Span.End < end {
			cuts = append(cuts, m.Span.End)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	root := &node{}
	stack := []*node{root} // stack[i+1] is the open piece of active[i]
	var active []*mark     // marks covering the current segment, by ord
	p := 0                 // next mark of open to activate
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		kept := active[:0]
		for _, m := range active {
			if m.Span.End > a {
				kept = append(kept, m)
			}
		}
		active = kept
		for p < len(open) && open[p].Span.Start <= a {
			if open[p].Span.End > a {
				active = insertByOrd(active, open[p])
			}
			p++
		}
		// Keep the pieces already open for the longest common prefix,
		// close the rest, open the new ones.
		k := 0
		for k < len(active) && k+1 < len(stack) && stack[k+1].Mark == active[k] {
			k++
		}
		stack = stack[:k+1]
		for _, m := range active[k:] {
			n := &node{Mark: m, First: !m.opened}
			m.opened = true
			top := stack[len(stack)-1]
			top.Kids = append(top.Kids, n)
			stack = append(stack, n)
		}
		top := stack[len(stack)-1]
		top.Kids = append(top.Kids, &node{Text: text[a:b]})
		for _, n := range stack[1:] {
			if n.Mark.Span.End == b {
				n.Last = true
			}
		}
	}
	return root.Kids
}

// insertByOrd inserts m into active, keeping it sorted by ord.
func insertByOrd(active []*mark, m *mark) []*mark {
	i, _ := slices.BinarySearchFunc(active, m.ord, func(x *mark, ord int) int { return cmp.Compare(x.ord, ord) })
	return slices.Insert(active, i, m)
}

// cssName reduces s to lower-case letters, digits and dashes for use in a
// class name ("PERSON" → "person", "not_happened" → "not-happened").
func cssName(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-':
			b.WriteRune(c)
		case c == '_' || c == ' ':
			b.WriteByte('-')
		}
		if b.Len() >= 32 {
			break
		}
	}
	if b.Len() == 0 {
		return "other"
	}
	return b.String()
}

// excerpt returns the text of s in text, cut to at most n characters with
// an ellipsis, and with runs of space folded; "" when s is not usable.
func excerpt(text string, s dateline.Span, n int) string {
	if !s.Valid(len(text)) || s.Start >= s.End {
		return ""
	}
	return shorten(text[s.Start:s.End], n)
}

// shorten folds white space and cuts t to at most n characters.
func shorten(t string, n int) string {
	t = strings.Join(strings.FieldsFunc(t, unicode.IsSpace), " ")
	t = strings.ToValidUTF8(t, "\uFFFD")
	if utf8.RuneCountInString(t) <= n {
		return t
	}
	i, count := 0, 0
	for i = range t {
		if count == n-1 {
			break
		}
		count++
	}
	return strings.TrimSpace(t[:i]) + "…"
}

// spanHref is the fragment that selects the bytes of s in the article text
// (the script maps it to the browser's string indices).
func spanHref(s dateline.Span) string {
	return "#s=" + strconv.Itoa(int(s.Start)) + "-" + strconv.Itoa(int(s.End))
}

package intake

import (
	"bytes"
	"strings"
)

// feedScan is the outline of an XML feed found by a tolerant scanner that
// never fails: where the header ends, which elements are open there, and
// where each item or entry starts and ends. It lets the feed reader parse
// every item on its own, so that one broken item costs that item only.
type feedScan struct {
	headerEnd int      // offset of the first item's start tag (len(data) when none)
	open      []string // elements open at headerEnd, outermost first (qualified names)
	items     []itemSpan
	rootOpen  bool // the root element was seen
}

// itemSpan is one <item> or <entry> in the raw feed.
type itemSpan struct {
	start, end int    // [start, end): from '<' of the start tag to after its end tag (or where it was cut)
	name       string // qualified name of the start tag, as written: "item", "entry"
	how        ending
}

// ending says how an item ended.
type ending int

const (
	endClosed    ending = iota // by its own end tag
	endNextItem                // by the start of the next item: its end tag is missing
	endContainer               // by the end tag of an enclosing element: its end tag is missing
	endEOF                     // by the end of the input: the feed is truncated
)

// isItemName reports whether a tag names a feed item.
func isItemName(name string) bool {
	switch strings.ToLower(name) {
	case "item", "entry", "atom:entry", "rss:item":
		return true
	}
	return false
}

// scanFeed outlines an XML feed. It skips comments, processing
// instructions, declarations and CDATA sections, so that markup inside them
// is not taken for items.
func scanFeed(data []byte) feedScan {
	s := feedScan{headerEnd: len(data)}
	var stack []string // open elements outside items
	cur := -1          // index in s.items of the open item, -1 when none
	closeItem := func(at int, how ending) {
		s.items[cur].end = at
		s.items[cur].how = how
		cur = -1
	}
	i := 0
	for i < len(data) {
		lt := bytes.IndexByte(data[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(data, i+4, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(data, i+9, "]]>")
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(data, i+2, "?>")
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			i = skipDecl(data, i+2)
			continue
		}
		end, closed := tagEnd(data, i+1)
		if end < 0 { // a tag cut by the end of the input
			break
		}
		tag := data[i+1 : end] // between '<' and '>'
		if closed {
			tag = data[i+1 : end-1]
		}
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		name := tagName(tag)
		self := !closing && bytes.HasSuffix(bytes.TrimRight(tag, " \t\r\n"), []byte("/"))
		if name == "" { // "<" in text, as in broken feeds: not a tag
			i++
			continue
		}
		switch {
		case !closing && isItemName(name):
			if cur >= 0 {
				closeItem(i, endNextItem)
			}
			if len(s.items) == 0 {
				s.headerEnd = i
				s.open = append([]string(nil), stack...)
			}
			s.items = append(s.items, itemSpan{start: i, name: name})
			if self {
				s.items[len(s.items)-1].end = end
				continue
			}
			cur = len(s.items) - 1
		case closing && cur >= 0 && isItemName(name):
			closeItem(end, endClosed)
		case closing && cur >= 0 && contains(stack, name):
			closeItem(i, endContainer)
			stack = popTo(stack, name)
		case cur >= 0:
			// inside an item: its children are the item parser's business
		case closing:
			stack = popTo(stack, name)
		case !self:
			if len(stack) == 0 {
				s.rootOpen = true
			}
			stack = append(stack, name)
		}
		i = end
	}
	if cur >= 0 {
		closeItem(len(data), endEOF)
	}
	if len(s.items) == 0 {
		s.open = stack
	}
	return s
}

// skipPast returns the offset after the first occurrence of end at or after
// from, or len(data) when it never comes.
func skipPast(data []byte, from int, end string) int {
	if from > len(data) {
		return len(data)
	}
	j := bytes.Index(data[from:], []byte(end))
	if j < 0 {
		return len(data)
	}
	return from + j + len(end)
}

// skipDecl skips a <!DOCTYPE ...> declaration with its internal subset.
func skipDecl(data []byte, from int) int {
	depth := 0
	for j := from; j < len(data); j++ {
		switch data[j] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return j + 1
			}
		}
	}
	return len(data)
}

// tagEnd returns the offset after the '>' closing the tag whose name starts
// at from, honouring quoted attribute values, with closed true; when a '<'
// comes first the tag is broken and ends before that '<' (closed false), so
// that the scanner resynchronises on the next tag; -1 at the end of the input.
func tagEnd(data []byte, from int) (end int, closed bool) {
	var quote byte
	for j := from; j < len(data); j++ {
		c := data[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '<' && bytes.IndexByte(data[j:min(len(data), j+1024)], quote) < 0 {
				return j, false // an unbalanced quote: give up on this tag
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1, true
		case c == '<':
			return j, false
		}
	}
	return -1, false
}

// repairCut makes the tail of an item cut by the end of the input
// parseable: an open CDATA section is closed, a half-written tag dropped.
// The XML decoders close the elements left open.
func repairCut(chunk []byte) []byte {
	if open := bytes.LastIndex(chunk, []byte("<![CDATA[")); open >= 0 && bytes.LastIndex(chunk, []byte("]]>")) < open {
		return concat(chunk, []byte("]]>"))
	}
	if lt := bytes.LastIndexByte(chunk, '<'); lt >= 0 && bytes.LastIndexByte(chunk, '>') < lt {
		return chunk[:lt]
	}
	// A half-written entity ("&am") would read as literal text.
	if amp := bytes.LastIndexByte(chunk, '&'); amp >= 0 && len(chunk)-amp <= 12 && bytes.IndexByte(chunk[amp:], ';') < 0 {
		return chunk[:amp]
	}
	return chunk
}

// tagName returns the qualified name at the start of a tag's inside, as
// written; "" when the bytes are no name.
func tagName(tag []byte) string {
	j := 0
	for j < len(tag) {
		c := tag[j]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' {
			break
		}
		if !(c == ':' || c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
			return ""
		}
		j++
	}
	if j == 0 || tag[0] >= '0' && tag[0] <= '9' || tag[0] == '-' || tag[0] == '.' {
		return ""
	}
	return string(tag[:j])
}

func contains(stack []string, name string) bool {
	for _, s := range stack {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// popTo pops the stack down to and including the innermost name; a name not
// on the stack is a stray end tag and changes nothing.
func popTo(stack []string, name string) []string {
	for j := len(stack) - 1; j >= 0; j-- {
		if strings.EqualFold(stack[j], name) {
			return stack[:j]
		}
	}
	return stack
}

// closers returns the end tags that close the open elements, innermost first.
func closers(open []string) string {
	var b strings.Builder
	for j := len(open) - 1; j >= 0; j-- {
		b.WriteString("</")
		b.WriteString(open[j])
		b.WriteString(">")
	}
	return b.String()
}

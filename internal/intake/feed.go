package intake

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/dateline-news/dateline"
)

// readFeed reads an RSS, RDF, Atom or JSON feed held in data. Each entry
// becomes an HTML page (its content:encoded, content or description). A
// feed that gofeed reads whole, with every item closed, is taken as gofeed
// reads it; otherwise each item is cut out by a tolerant scanner and parsed
// on its own, and an item gofeed cannot parse is recovered field by field,
// so that a missing </item> or a truncated feed costs only what is missing.
// What was lost or repaired is said in diagnostics on the pages, or in
// errors for items that yield nothing.
func readFeed(ctx context.Context, src source, data []byte, opt Options, yield yieldFunc) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(trimmed) == 0 {
		yield(nil, newError(dateline.ErrInvalid, src.name, "", nil, "empty file"))
		return
	}
	if trimmed[0] == '{' {
		readJSONFeed(ctx, src, data, opt, yield)
		return
	}
	if trimmed[0] != '<' {
		yield(nil, newError(dateline.ErrInvalid, src.name, "", nil, "not a feed: neither XML nor JSON"))
		return
	}
	readXMLFeed(ctx, src, data, opt, yield)
}

// feedMeta is what the channel says about all its items.
type feedMeta struct {
	title string // the outlet
}

func readXMLFeed(ctx context.Context, src source, data []byte, opt Options, yield yieldFunc) {
	sc := scanFeed(data)
	whole, wholeErr := parseFeed(data)
	if len(sc.items) == 0 {
		switch {
		case wholeErr != nil:
			yield(nil, newError(dateline.ErrInvalid, src.name, "", wholeErr, "not a feed, or no item survives"))
		case len(whole.Items) == 0:
			yield(nil, newError(dateline.ErrInvalid, src.name, "", nil, "feed has no items"))
		default:
			// Items our scanner does not know by name (a namespaced
			// <rss:item>...): gofeed's reading stands.
			emitWhole(ctx, src, whole, nil, opt, yield)
		}
		return
	}
	allClosed := true
	for _, it := range sc.items {
		if it.how != endClosed {
			allClosed = false
			break
		}
	}
	if wholeErr == nil && allClosed && len(whole.Items) == len(sc.items) {
		emitWhole(ctx, src, whole, sc.items, opt, yield)
		return
	}

	// Salvage: every item on its own, wrapped in the feed's own header.
	header := data[:sc.headerEnd]
	tail := closers(sc.open)
	meta := feedMeta{}
	if wholeErr == nil {
		meta.title = strings.TrimSpace(whole.Title)
	} else if hf, err := parseFeed(concat(header, []byte(tail))); err == nil {
		meta.title = strings.TrimSpace(hf.Title)
	}
	enc := xmlDeclEncoding(header)
	lines := newLineCounter(data)
	for n, it := range sc.items {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		if n >= opt.MaxItems {
			yield(nil, newError(dateline.ErrTooLarge, src.name, "", nil, "more than %d items; the rest of the feed is skipped", opt.MaxItems))
			return
		}
		pos := fmt.Sprintf("item %d (line %d, byte %d)", n+1, lines.at(it.start), it.start)
		chunk := data[it.start:it.end]
		var diags []dateline.Diagnostic
		note := func(sev dateline.Severity, format string, args ...any) {
			diags = append(diags, dateline.Diagnostic{
				Span: dateline.Span{Start: clamp32(it.start), End: clamp32(it.end)}, Pass: pass, Severity: sev,
				Message: pos + ": " + fmt.Sprintf(format, args...),
			})
		}
		endTag := ""
		switch it.how {
		case endNextItem:
			endTag = "</" + it.name + ">"
			note(dateline.SevWarning, "missing </%s>; the item is taken to end where the next one starts", it.name)
		case endContainer:
			endTag = "</" + it.name + ">"
			note(dateline.SevWarning, "missing </%s>; the item is taken to end at byte %d", it.name, it.end)
		case endEOF:
			endTag = "</" + it.name + ">"
			chunk = repairCut(chunk)
			note(dateline.SevWarning, "the feed is truncated at byte %d inside this item; its content may be incomplete", len(data))
		}
		var p *dateline.Page
		if f, err := parseFeed(concat(header, chunk, []byte(endTag), []byte(tail))); err == nil && len(f.Items) == 1 {
			p = gofeedPage(src, meta, f.Items[0], n+1, note)
		} else {
			raw, rerr := recoverItem(chunk, enc)
			if rerr != nil {
				note(dateline.SevWarning, "recovered field by field after an XML error: %v", rerr)
			}
			if raw.empty() {
				if !yield(nil, newError(dateline.ErrInvalid, src.name, pos, rerr, "unreadable feed item")) {
					return
				}
				continue
			}
			p = rawPage(src, meta, raw, n+1, note)
		}
		p.Diags = diags
		if !yield(p, nil) {
			return
		}
	}
}

// emitWhole yields the items of a feed gofeed read whole; spans, when known,
// position the items' diagnostics.
func emitWhole(ctx context.Context, src source, f *gofeed.Feed, spans []itemSpan, opt Options, yield yieldFunc) {
	meta := feedMeta{title: strings.TrimSpace(f.Title)}
	for n, it := range f.Items {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		if n >= opt.MaxItems {
			yield(nil, newError(dateline.ErrTooLarge, src.name, "", nil, "more than %d items; the rest of the feed is skipped", opt.MaxItems))
			return
		}
		var span dateline.Span
		pos := fmt.Sprintf("item %d", n+1)
		if n < len(spans) {
			span = dateline.Span{Start: clamp32(spans[n].start), End: clamp32(spans[n].end)}
			pos = fmt.Sprintf("item %d (byte %d)", n+1, spans[n].start)
		}
		var diags []dateline.Diagnostic
		note := func(sev dateline.Severity, format string, args ...any) {
			diags = append(diags, dateline.Diagnostic{Span: span, Pass: pass, Severity: sev, Message: pos + ": " + fmt.Sprintf(format, args...)})
		}
		p := gofeedPage(src, meta, it, n+1, note)
		p.Diags = diags
		if !yield(p, nil) {
			return
		}
	}
}

type itemNote = func(sev dateline.Severity, format string, args ...any)

// gofeedPage makes a page of an item gofeed read.
func gofeedPage(src source, meta feedMeta, it *gofeed.Item, n int, note itemNote) *dateline.Page {
	p := &dateline.Page{Source: src.ref(FormatFeed), Format: dateline.FormatHTML}
	p.Source.Line = n
	p.Source.Outlet = meta.title
	p.Source.GUID = strings.TrimSpace(it.GUID)
	p.Source.URL = strings.TrimSpace(it.Link)
	if p.Source.URL == "" && len(it.Links) > 0 {
		p.Source.URL = strings.TrimSpace(it.Links[0])
	}
	p.Title = cleanTitle(it.Title)
	var names []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			names = append(names, strings.TrimSpace(a.Name))
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		names = append(names, it.DublinCoreExt.Creator...)
	}
	p.Byline = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		p.Published = *it.PublishedParsed
	case strings.TrimSpace(it.Published) != "":
		if t, ok := parseDate(it.Published); ok {
			p.Published = t
		} else {
			note(dateline.SevWarning, "unparsable published date %q; the date is unknown", truncate(strings.TrimSpace(it.Published), 80))
		}
	case it.UpdatedParsed != nil:
		p.Published = *it.UpdatedParsed
		note(dateline.SevInfo, "no published date; the updated date stands in")
	case strings.TrimSpace(it.Updated) != "":
		note(dateline.SevWarning, "unparsable updated date %q and no published date; the date is unknown", truncate(strings.TrimSpace(it.Updated), 80))
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	setBody(p, body, note)
	return p
}

func setBody(p *dateline.Page, body string, note itemNote) {
	if strings.TrimSpace(body) == "" {
		note(dateline.SevWarning, "no content, description or summary; only the title and link are known")
		body = ""
	}
	p.Body = []byte(body)
}

// cleanTitle turns a feed title into plain text: some feeds put markup or
// escaped markup in titles.
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "<&") {
		s = html.UnescapeString(tagRE.ReplaceAllString(s, ""))
	}
	return strings.Join(strings.Fields(s), " ")
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// parseFeed runs gofeed, turning a panic in it into an error: feeds are
// untrusted bytes.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

func concat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// xmlDeclEncoding returns the encoding the XML declaration names, or "".
func xmlDeclEncoding(header []byte) string {
	m := xmlEncRE.FindSubmatch(header[:min(len(header), 512)])
	if m == nil {
		return ""
	}
	return strings.ToLower(string(m[1]))
}

var xmlEncRE = regexp.MustCompile(`^\s*(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']`)

// rawItem is a feed item recovered field by field.
type rawItem struct {
	title, link, guid, date, author, content, description string
}

func (r rawItem) empty() bool {
	return strings.TrimSpace(r.title+r.link+r.guid+r.content+r.description) == ""
}

// recoverItem reads the fields of one item with a forgiving XML decoder.
// It keeps every field it reads, including the one an error cut short, and
// returns the error that stopped it (nil when the item was read to its end).
func recoverItem(chunk []byte, enc string) (raw rawItem, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("XML decoder failed: %v", r)
		}
	}()
	var in io.Reader = bytes.NewReader(chunk)
	if enc != "" && enc != "utf-8" && enc != "utf8" {
		if e, _ := charset.Lookup(enc); e != nil {
			in = e.NewDecoder().Reader(in)
		}
	}
	d := xml.NewDecoder(in)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }

	type field struct {
		name  string // local name, lower case
		space string
		link  string // an Atom link's href
		text  strings.Builder
		name2 strings.Builder // text of a <name> child (Atom author)
		inner bool            // markup was rebuilt inside
	}
	var cur *field
	depth := 0
	inName := false
	finish := func() {
		if cur == nil {
			return
		}
		text := strings.TrimSpace(cur.text.String())
		switch cur.name {
		case "title":
			if raw.title == "" {
				raw.title = text
			}
		case "link":
			href := cur.link
			if href == "" {
				href = text
			}
			if raw.link == "" && href != "" {
				raw.link = strings.TrimSpace(href)
			}
		case "guid", "id":
			if raw.guid == "" {
				raw.guid = text
			}
		case "pubdate", "published", "date", "issued":
			if raw.date == "" {
				raw.date = text
			}
		case "updated", "modified":
			if raw.date == "" {
				raw.date = text
			}
		case "author", "creator":
			name := strings.TrimSpace(cur.name2.String())
			if name == "" && !cur.inner {
				name = text
			}
			if raw.author == "" {
				raw.author = name
			}
		case "encoded", "content":
			if raw.content == "" {
				raw.content = text
			}
		case "description", "summary":
			if raw.description == "" {
				raw.description = text
			}
		}
		cur = nil
	}
	for {
		tok, terr := d.Token()
		if terr != nil {
			finish()
			if terr == io.EOF {
				return raw, nil
			}
			return raw, terr
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2:
				cur = &field{name: strings.ToLower(t.Name.Local), space: t.Name.Space}
				if cur.name == "link" {
					rel := ""
					for _, a := range t.Attr {
						switch strings.ToLower(a.Name.Local) {
						case "href":
							cur.link = a.Value
						case "rel":
							rel = a.Value
						}
					}
					if rel != "" && rel != "alternate" {
						cur.link = ""
						cur.name = "otherlink"
					}
				}
			case depth > 2 && cur != nil:
				if strings.EqualFold(t.Name.Local, "name") && depth == 3 {
					inName = true
				}
				cur.inner = true
				cur.text.WriteString("<" + t.Name.Local)
				for _, a := range t.Attr {
					fmt.Fprintf(&cur.text, " %s=\"%s\"", a.Name.Local, html.EscapeString(a.Value))
				}
				cur.text.WriteString(">")
			}
		case xml.EndElement:
			switch {
			case depth == 2:
				finish()
			case depth > 2 && cur != nil:
				inName = false
				cur.text.WriteString("</" + t.Name.Local + ">")
			}
			depth--
			if depth <= 0 {
				return raw, nil
			}
		case xml.CharData:
			if cur == nil {
				continue
			}
			if depth > 2 {
				if inName {
					cur.name2.Write(t)
				}
				cur.text.WriteString(html.EscapeString(string(t)))
			} else {
				cur.text.Write(t)
			}
		}
	}
}

// rawPage makes a page of a recovered item.
func rawPage(src source, meta feedMeta, raw rawItem, n int, note itemNote) *dateline.Page {
	p := &dateline.Page{Source: src.ref(FormatFeed), Format: dateline.FormatHTML}
	p.Source.Line = n
	p.Source.Outlet = meta.title
	p.Source.GUID = raw.guid
	p.Source.URL = raw.link
	p.Title = cleanTitle(raw.title)
	p.Byline = authorName(raw.author)
	if raw.date != "" {
		if t, ok := parseDate(raw.date); ok {
			p.Published = t
		} else {
			note(dateline.SevWarning, "unparsable date %q; the date is unknown", truncate(raw.date, 80))
		}
	}
	body := raw.content
	if strings.TrimSpace(body) == "" {
		body = raw.description
	}
	setBody(p, body, note)
	return p
}

// authorName turns an RSS author ("jo@example.org (Jo Smith)") into a name.
func authorName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "("); i > 0 && strings.HasSuffix(s, ")") && strings.Contains(s[:i], "@") {
		return strings.TrimSpace(s[i+1 : len(s)-1])
	}
	return s
}

// lineCounter maps increasing byte offsets to 1-based line numbers.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, line: 1} }

func (l *lineCounter) at(off int) int {
	if off < l.off { // offsets go forward; restart if not
		l.off, l.line = 0, 1
	}
	off = min(off, len(l.data))
	l.line += bytes.Count(l.data[l.off:off], []byte("\n"))
	l.off = off
	return l.line
}

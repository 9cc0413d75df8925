package article

import (
	"bytes"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fromHTML extracts the main content of an HTML page with go-trafilatura
// and walks its content tree into blocks.
func fromHTML(p *dateline.Page, opt Options) (*source, error) {
	if max := opt.maxBytes(); len(p.Body) > max {
		return nil, fmt.Errorf("%w: HTML page of %d bytes (limit %d)", dateline.ErrTooLarge, len(p.Body), max)
	}
	src := &source{}
	text, err := decodeHTML(p, src)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil { // html.Parse only fails on reader errors
		return nil, fmt.Errorf("%w: parse HTML: %v", dateline.ErrInvalid, err)
	}
	topts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  !opt.Fast,
		Focus:           trafilatura.Balanced,
		HtmlDateMode:    trafilatura.Extensive,
	}
	if opt.Fast {
		topts.HtmlDateMode = trafilatura.Fast
	}
	if u, err := nurl.ParseRequestURI(p.Source.URL); err == nil && u.Host != "" {
		topts.OriginalURL = u
	}
	res, err := extractSafely(root, topts)
	if err != nil || res == nil {
		// No main content found: keep what metadata the page has, and
		// fall back to the page's own paragraphs.
		src.meta = pageMeta(root)
		src.meta.title = chooseTitle(src.meta.title, topHeadings(root), "", p.Source.URL)
		src.blocks = walkContent(findBody(root))
		if len(src.blocks) == 0 {
			return nil, ErrNoText
		}
		src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevWarning,
			Message: "no main content found; the whole page body was kept"})
		return src, nil
	}
	md := res.Metadata
	pageURL := md.URL
	if pageURL == "" {
		pageURL = p.Source.URL
	}
	src.meta = meta{
		title:       chooseTitle(md.Title, topHeadings(root), md.Sitename, pageURL),
		author:      cleanAuthor(md.Author),
		outlet:      clean(md.Sitename),
		description: clean(md.Description),
		lang:        md.Language,
		published:   md.Date,
	}
	if !md.Date.IsZero() {
		src.meta.publishedFrom = "page metadata"
	}
	src.blocks = walkContent(res.ContentNode)
	return src, nil
}

// extractSafely runs go-trafilatura, turning a panic inside it into an
// error: a hostile page must not take the process down.
func extractSafely(root *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("content extraction failed: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(root, opts)
}

// decodeHTML converts the page to UTF-8 (NFC). The charset is, in order:
// the container's declaration, a byte-order mark or <meta charset>, valid
// UTF-8, else the statistical guess of x/net/html/charset (windows-1252).
func decodeHTML(p *dateline.Page, src *source) (string, error) {
	body := p.Body
	if looksBinary(body) {
		return "", fmt.Errorf("%w: %w", dateline.ErrInvalid, errBinary)
	}
	var enc encoding.Encoding
	if p.Charset != "" {
		if e, err := htmlindex.Get(p.Charset); err == nil {
			enc = e
		} else {
			src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevWarning,
				Message: fmt.Sprintf("unknown charset %q declared; detecting it", p.Charset)})
		}
	}
	if enc == nil {
		e, name, certain := charset.DetermineEncoding(body, "text/html")
		switch {
		case certain:
			enc = e
		case utf8.Valid(body):
			enc = nil
		default:
			enc = e
			if !rxMetaCharset.Match(body[:min(len(body), 4096)]) {
				src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevInfo,
					Message: fmt.Sprintf("no charset declared and not UTF-8: read as %s", name)})
			}
		}
	}
	var s string
	if enc == nil || enc == encoding.Nop {
		s = string(body)
	} else {
		b, err := io.ReadAll(transform.NewReader(bytes.NewReader(body), enc.NewDecoder()))
		if err != nil {
			return "", fmt.Errorf("%w: decode charset: %v", dateline.ErrInvalid, err)
		}
		s = string(b)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevWarning,
			Message: "invalid UTF-8 replaced with U+FFFD"})
	}
	return norm.NFC.String(s), nil
}

var rxMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset`)

// findBody returns the <body> element, or n.
func findBody(n *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	if found == nil {
		return n
	}
	return found
}

// pageMeta reads the <title> when go-trafilatura gave up on a page.
func pageMeta(root *html.Node) meta {
	var m meta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if m.title != "" {
			return
		}
		if n.Type == html.ElementNode && n.Data == "title" {
			m.title = clean(textOf(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return m
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// blockTags are the elements that start a block of their own.
var blockTags = map[string]hint{
	"p": hintNone, "div": hintNone, "section": hintNone, "article": hintNone, "main": hintNone,
	"body": hintNone, "header": hintNone, "footer": hintNone, "aside": hintNone, "center": hintNone,
	"h1": hintHeading, "h2": hintHeading, "h3": hintHeading, "h4": hintHeading, "h5": hintHeading, "h6": hintHeading,
	"li": hintItem, "dt": hintItem, "dd": hintItem, "ul": hintNone, "ol": hintNone, "dl": hintNone,
	"blockquote": hintQuote, "pre": hintPre, "tr": hintCell, "table": hintNone, "tbody": hintNone,
	"thead": hintNone, "tfoot": hintNone, "figure": hintNone, "figcaption": hintCaption, "caption": hintCaption,
	"details": hintNone, "summary": hintHeading, "hr": hintNone, "address": hintNone, "form": hintNone,
	"fieldset": hintNone, "nav": hintNone,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"head": true, "iframe": true, "object": true, "select": true, "button": true}

var boldTags = map[string]bool{"b": true, "strong": true}

// walker turns a content tree into raw blocks.
type walker struct {
	out   []rawBlock
	buf   strings.Builder
	bold  int // bytes of buf written inside <b>/<strong>
	hint  hint
	level int
}

// walkContent walks n in document order; every block element and every
// <br> ends the current block.
func walkContent(n *html.Node) []rawBlock {
	if n == nil {
		return nil
	}
	w := &walker{}
	w.walk(n, false)
	w.flush()
	return w.out
}

func (w *walker) flush() {
	raw := w.buf.String()
	text := clean(raw)
	if text != "" {
		h := w.hint
		if h == hintNone && w.bold > 0 && len(strings.TrimSpace(raw))-w.bold <= 1 {
			h = hintBold
		}
		w.out = append(w.out, rawBlock{text: text, hint: h, level: w.level})
	}
	w.buf.Reset()
	w.bold = 0
}

func (w *walker) walk(n *html.Node, bold bool) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		if bold {
			w.bold += len(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, bold)
		}
		return
	default:
		return
	}
	tag := n.Data
	if skipTags[tag] {
		return
	}
	switch tag {
	case "br":
		w.flush()
		return
	case "td", "th":
		w.buf.WriteByte(' ')
	case "img":
		return
	}
	h, isBlock := blockTags[tag]
	if !isBlock {
		bold = bold || boldTags[tag]
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, bold)
		}
		if tag == "td" || tag == "th" {
			w.buf.WriteByte(' ')
		}
		return
	}
	w.flush()
	saveHint, saveLevel := w.hint, w.level
	if h != hintNone || w.hint == hintNone {
		w.hint = h
	}
	if h == hintHeading && len(tag) == 2 {
		w.level = int(tag[1] - '0')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, bold)
	}
	w.flush()
	w.hint, w.level = saveHint, saveLevel
}

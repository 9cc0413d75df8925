package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dateline-news/dateline"
)

// jsonFeedItem is one item of a JSON Feed (versions 1.0 and 1.1).
type jsonFeedItem struct {
	ID            json.RawMessage  `json:"id"` // a string; some feeds write numbers
	URL           string           `json:"url"`
	ExternalURL   string           `json:"external_url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	ContentText   string           `json:"content_text"`
	Summary       string           `json:"summary"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Author        *jsonFeedAuthor  `json:"author"`  // 1.0
	Authors       []jsonFeedAuthor `json:"authors"` // 1.1
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

// readJSONFeed streams a JSON Feed item by item, so that a feed cut short
// keeps the items before the cut, and an item of the wrong shape costs only
// itself. (gofeed's JSON reader needs the whole document to be valid.)
func readJSONFeed(ctx context.Context, src source, data []byte, opt Options, yield yieldFunc) {
	data = bytes.TrimPrefix(data, utf8BOM)
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(pos string, format string, args ...any) {
		yield(nil, newError(dateline.ErrInvalid, src.name, pos, nil, format, args...))
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		fail("", "not a JSON Feed: want a JSON object")
		return
	}
	meta := feedMeta{}
	sawItems := false
	var pending []*dateline.Page // items read before the feed's title
	flush := func() bool {
		for _, p := range pending {
			p.Source.Outlet = meta.title
			if !yield(p, nil) {
				return false
			}
		}
		pending = nil
		return true
	}
	lines := newLineCounter(data)
keys:
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := keyTok.(string)
		switch key {
		case "title":
			var t string
			if err := dec.Decode(&t); err == nil {
				meta.title = strings.TrimSpace(t)
			} else if !isTypeError(err) {
				break keys
			}
			continue
		case "items":
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				break keys
			}
			continue
		}
		sawItems = true
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			fail("", "\"items\" is not a list")
			return
		}
		n := 0
		for dec.More() {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			n++
			if n > opt.MaxItems {
				flush()
				yield(nil, newError(dateline.ErrTooLarge, src.name, "", nil, "more than %d items; the rest of the feed is skipped", opt.MaxItems))
				return
			}
			start := int(dec.InputOffset())
			// InputOffset is before the separating comma and space.
			for start < len(data) && (data[start] == ',' || data[start] == ' ' || data[start] == '\n' || data[start] == '\r' || data[start] == '\t') {
				start++
			}
			pos := fmt.Sprintf("item %d (line %d, byte %d)", n, lines.at(start), start)
			var it jsonFeedItem
			err := dec.Decode(&it)
			end := int(dec.InputOffset())
			if err != nil && !isTypeError(err) {
				// A syntax error or a cut: the decoder cannot go on.
				if !flush() {
					return
				}
				msg := "the feed is truncated inside this item; it and any later items are lost"
				if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
					msg = "malformed JSON; this item and any later items are lost"
				}
				yield(nil, newError(dateline.ErrInvalid, src.name, pos, err, "%s", msg))
				return
			}
			var p *dateline.Page
			var perr error
			if err != nil {
				perr = newError(dateline.ErrInvalid, src.name, pos, nil, "item has the wrong shape: %s", jsonErrorText(err, nil))
			} else {
				p, perr = jsonFeedPage(src, it, n, pos, dateline.Span{Start: clamp32(start), End: clamp32(end)})
			}
			if meta.title != "" || perr != nil {
				if !flush() {
					return
				}
				if p != nil {
					p.Source.Outlet = meta.title
				}
				if !yield(p, perr) {
					return
				}
				continue
			}
			pending = append(pending, p)
		}
		if _, err := dec.Token(); err != nil { // ']'
			break
		}
	}
	if !flush() {
		return
	}
	if !sawItems {
		fail("", "JSON Feed has no \"items\" list")
	}
}

func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

func jsonFeedPage(src source, it jsonFeedItem, n int, pos string, span dateline.Span) (*dateline.Page, error) {
	p := &dateline.Page{Source: src.ref(FormatFeed), Format: dateline.FormatHTML}
	p.Source.Line = n
	p.Source.URL = strings.TrimSpace(firstNonEmpty(it.URL, it.ExternalURL))
	var id string
	if json.Unmarshal(it.ID, &id) != nil {
		id = strings.Trim(string(it.ID), `"`) // a number
	}
	p.Source.GUID = strings.TrimSpace(id)
	p.Title = cleanTitle(it.Title)
	var names []string
	if it.Author != nil && strings.TrimSpace(it.Author.Name) != "" {
		names = append(names, strings.TrimSpace(it.Author.Name))
	}
	for _, a := range it.Authors {
		if strings.TrimSpace(a.Name) != "" {
			names = append(names, strings.TrimSpace(a.Name))
		}
	}
	p.Byline = strings.Join(names, ", ")
	note := func(sev dateline.Severity, format string, args ...any) {
		p.Diags = append(p.Diags, dateline.Diagnostic{Span: span, Pass: pass, Severity: sev, Message: pos + ": " + fmt.Sprintf(format, args...)})
	}
	if d := firstNonEmpty(it.DatePublished, it.DateModified); d != "" {
		if t, ok := parseDate(d); ok {
			p.Published = t
		} else {
			note(dateline.SevWarning, "unparsable date %q; the date is unknown", truncate(strings.TrimSpace(d), 80))
		}
	}
	switch {
	case strings.TrimSpace(it.ContentHTML) != "":
		p.Body = []byte(it.ContentHTML)
	case strings.TrimSpace(it.ContentText) != "":
		p.Format = dateline.FormatText
		p.Body = []byte(it.ContentText)
	default:
		setBody(p, it.Summary, note)
	}
	if p.Source.URL == "" && p.Source.GUID == "" && p.Title == "" && len(p.Body) == 0 {
		return nil, newError(dateline.ErrInvalid, src.name, pos, nil, "empty item")
	}
	return p, nil
}

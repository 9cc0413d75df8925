package intake

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// rssItem writes one RSS item of our own invention.
func rssItem(n int, extra string) string {
	return fmt.Sprintf(`<item><title>Story %d: talks “resume”</title><link>https://news.example/s/%d</link>`+
		`<guid isPermaLink="false">s-%d</guid><pubDate>Tue, 0%d Mar 2025 10:00:00 GMT</pubDate>`+
		`<dc:creator>Ana Ruiz</dc:creator><description>Summary %d</description>`+
		`<content:encoded><![CDATA[<p>Body %d – delegates met.</p>]]></content:encoded>%s</item>`, n, n, n, n, n, n, extra)
}

const rssHead = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Example Ledger</title><link>https://news.example/</link><description>News</description>
`

const rssTail = "</channel>\n</rss>\n"

type wantItem struct {
	title, url, guid, body, byline, date string // date: RFC 3339 day or ""
	diag                                 string // substring of a diagnostic, "" = none expected
	line                                 int    // item number in the feed; 0 = its index + 1
}

func checkItems(t *testing.T, pages []*dateline.Page, want []wantItem) {
	t.Helper()
	if len(pages) != len(want) {
		for _, p := range pages {
			t.Logf("page %q %q", p.Title, p.Body)
		}
		t.Fatalf("%d pages, want %d", len(pages), len(want))
	}
	for i, w := range want {
		p := pages[i]
		checkPage(t, p)
		if w.line == 0 {
			w.line = i + 1
		}
		if p.Source.Kind != FormatFeed || p.Source.Line != w.line {
			t.Errorf("item %d: source %+v", i+1, p.Source)
		}
		if p.Title != w.title || p.Source.URL != w.url || p.Source.GUID != w.guid || string(p.Body) != w.body || p.Byline != w.byline {
			t.Errorf("item %d: got title %q url %q guid %q body %q byline %q\nwant %+v", i+1, p.Title, p.Source.URL, p.Source.GUID, p.Body, p.Byline, w)
		}
		gotDate := ""
		if !p.Published.IsZero() {
			gotDate = p.Published.UTC().Format(time.DateOnly)
		}
		if gotDate != w.date {
			t.Errorf("item %d: date %q, want %q", i+1, gotDate, w.date)
		}
		if w.diag == "" && len(p.Diags) > 0 {
			t.Errorf("item %d: unexpected diagnostics %v", i+1, p.Diags)
		}
		if w.diag != "" && !hasDiag(p, w.diag) {
			t.Errorf("item %d: no diagnostic with %q in %v", i+1, w.diag, p.Diags)
		}
	}
}

func storyWant(n int, diag string) wantItem {
	return wantItem{
		title: fmt.Sprintf("Story %d: talks “resume”", n), url: fmt.Sprintf("https://news.example/s/%d", n),
		guid: fmt.Sprintf("s-%d", n), body: fmt.Sprintf("<p>Body %d – delegates met.</p>", n),
		byline: "Ana Ruiz", date: fmt.Sprintf("2025-03-0%d", n), diag: diag,
	}
}

func TestFeedRSS(t *testing.T) {
	feed := rssHead + rssItem(1, "") + rssItem(2, "") + rssItem(3, "") + rssTail
	pages, errs := read(t, "ledger.xml", feed, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checkItems(t, pages, []wantItem{storyWant(1, ""), storyWant(2, ""), storyWant(3, "")})
	if pages[0].Source.Outlet != "The Example Ledger" || pages[0].Source.Path != "ledger.xml" || pages[0].Format != dateline.FormatHTML {
		t.Errorf("source %+v format %q", pages[0].Source, pages[0].Format)
	}
}

func TestFeedSalvage(t *testing.T) {
	missingEnd := strings.Replace(rssItem(2, ""), "</item>", "", 1)
	for _, c := range []struct {
		name string
		feed string
		want []wantItem
		errs int
	}{
		{"missing </item> before next item", rssHead + rssItem(1, "") + missingEnd + rssItem(3, "") + rssTail,
			[]wantItem{storyWant(1, ""), storyWant(2, "missing </item>"), storyWant(3, "")}, 0},
		{"missing </item> before </channel>", rssHead + rssItem(1, "") + missingEnd + rssTail,
			[]wantItem{storyWant(1, ""), storyWant(2, "missing </item>")}, 0},
		{"truncated after an item", rssHead + rssItem(1, "") + rssItem(2, ""),
			[]wantItem{storyWant(1, ""), storyWant(2, "")}, 0},
		{"truncated inside content", rssHead + rssItem(1, "") + rssItem(2, "")[:strings.Index(rssItem(2, ""), "– delegates")],
			[]wantItem{storyWant(1, ""), {title: "Story 2: talks “resume”", url: "https://news.example/s/2", guid: "s-2",
				body: "<p>Body 2 ", byline: "Ana Ruiz", date: "2025-03-02", diag: "truncated at byte"}}, 0},
		{"truncated inside a tag", rssHead + rssItem(1, "") + "<item><title>Cut</title><li",
			[]wantItem{storyWant(1, ""), {title: "Cut", diag: "no content"}}, 0},
		{"truncated in the header", rssHead[:60], nil, 1},
		{"bad date", rssHead + strings.Replace(rssItem(1, ""), "Tue, 01 Mar 2025 10:00:00 GMT", "the day after tomorrow", 1) + rssTail,
			[]wantItem{{title: "Story 1: talks “resume”", url: "https://news.example/s/1", guid: "s-1", body: "<p>Body 1 – delegates met.</p>",
				byline: "Ana Ruiz", diag: `unparsable published date "the day after tomorrow"`}}, 0},
		{"markup in CDATA and comments is not an item", rssHead + rssItem(1, "<!-- <item>not one</item> -->") +
			strings.Replace(rssItem(2, ""), "<p>Body 2", "<p><item>Body 2", 1) + rssTail,
			[]wantItem{storyWant(1, ""), func() wantItem { w := storyWant(2, ""); w.body = "<p><item>Body 2 – delegates met.</p>"; return w }()}, 0},
		{"garbage between items", rssHead + rssItem(1, "") + "<<<&&& junk >>>" + rssItem(2, "") + rssTail,
			[]wantItem{storyWant(1, ""), storyWant(2, "")}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, errs := read(t, "f.rss", c.feed, Options{})
			if len(errs) != c.errs {
				t.Errorf("errors %v, want %d", errs, c.errs)
			}
			checkItems(t, pages, c.want)
		})
	}
}

func TestFeedEntitiesAndCDATA(t *testing.T) {
	feed := rssHead + `<item><title>Prices &amp; wages &#8211; a “look”</title><link>https://news.example/e</link>` +
		`<description>&lt;p&gt;Rates rose&nbsp;again &amp; again.&lt;/p&gt;</description></item>` +
		`<item><title><![CDATA[Raw <b>bold</b> title]]></title><link>https://news.example/c</link>` +
		`<description><![CDATA[<p>Tom & Jerry’s “café”</p>]]></description></item>` + rssTail
	pages, errs := read(t, "f.xml", feed, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checkItems(t, pages, []wantItem{
		{title: "Prices & wages – a “look”", url: "https://news.example/e", body: "<p>Rates rose\u00a0again & again.</p>"},
		{title: "Raw bold title", url: "https://news.example/c", body: "<p>Tom & Jerry’s “café”</p>"},
	})
}

func TestFeedAtom(t *testing.T) {
	entry := func(n int) string {
		return fmt.Sprintf(`<entry><title>Entry %d</title><link rel="alternate" href="https://news.example/a/%d"/>`+
			`<link rel="enclosure" href="https://news.example/a/%d.jpg"/><id>urn:a:%d</id>`+
			`<published>2024-11-0%dT08:00:00+01:00</published><updated>2024-12-01T00:00:00Z</updated>`+
			`<author><name>Lee Park</name><email>lee@news.example</email></author>`+
			`<content type="html">&lt;p&gt;Atom body %d&lt;/p&gt;</content></entry>`, n, n, n, n, n, n)
	}
	head := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>`
	want := func(n int, diag string) wantItem {
		return wantItem{title: fmt.Sprintf("Entry %d", n), url: fmt.Sprintf("https://news.example/a/%d", n), guid: fmt.Sprintf("urn:a:%d", n),
			body: fmt.Sprintf("<p>Atom body %d</p>", n), byline: "Lee Park", date: fmt.Sprintf("2024-11-0%d", n), diag: diag}
	}
	for _, c := range []struct {
		name, feed string
		want       []wantItem
	}{
		{"whole", head + entry(1) + entry(2) + "</feed>", []wantItem{want(1, ""), want(2, "")}},
		{"missing </entry>", head + strings.Replace(entry(1), "</entry>", "", 1) + entry(2) + "</feed>", []wantItem{want(1, "missing </entry>"), want(2, "")}},
		{"truncated", head + entry(1) + entry(2)[:len(entry(2))-20], []wantItem{want(1, ""), func() wantItem {
			w := want(2, "truncated")
			w.body = "<p>Atom body 2</p" // cut inside "&gt;": the half entity is dropped
			return w
		}()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, errs := read(t, "a.atom", c.feed, Options{})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			checkItems(t, pages, c.want)
		})
	}
}

func TestFeedRDFAndLatin1(t *testing.T) {
	rdf := `<?xml version="1.0" encoding="ISO-8859-1"?>` +
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		"<channel rdf:about=\"https://news.example/\"><title>Caf\xe9 Wire</title><link>https://news.example/</link></channel>" +
		"<item rdf:about=\"https://news.example/r/1\"><title>R\xe9sum\xe9 one</title><link>https://news.example/r/1</link><dc:date>2023-05-06</dc:date><description>Na\xefve text.</description></item>" +
		"<item rdf:about=\"https://news.example/r/2\"><title>Two</title><link>https://news.example/r/2</link><description>Cut \xe0 la"
	pages, errs := read(t, "r.rdf", rdf, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checkItems(t, pages, []wantItem{
		{title: "Résumé one", url: "https://news.example/r/1", body: "Naïve text.", date: "2023-05-06"},
		{title: "Two", url: "https://news.example/r/2", body: "Cut à la", diag: "truncated"},
	})
	if pages[0].Source.Outlet != "Café Wire" {
		t.Errorf("outlet %q", pages[0].Source.Outlet)
	}
}

func TestFeedRejects(t *testing.T) {
	for _, c := range []struct {
		name, feed string
		kind       error
		msg        string
	}{
		{"empty", "  \n", dateline.ErrInvalid, "empty"},
		{"no items", rssHead + rssTail, dateline.ErrInvalid, "no items"},
		{"not xml", "hello", dateline.ErrInvalid, "not a feed"},
		{"xml but no feed", "<a><b>c</b></a>", dateline.ErrInvalid, "not a feed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, errs := read(t, "x.xml", c.feed, Options{Format: FormatFeed})
			if len(pages) != 0 || len(errs) != 1 {
				t.Fatalf("pages %d errs %v", len(pages), errs)
			}
			wantKind(t, errs[0], c.kind)
			if !strings.Contains(errs[0].Error(), c.msg) || !strings.HasPrefix(errs[0].Error(), "x.xml: ") {
				t.Errorf("error %q, want %q", errs[0], c.msg)
			}
		})
	}
}

func TestFeedMaxItems(t *testing.T) {
	feed := rssHead + rssItem(1, "") + rssItem(2, "") + rssItem(3, "") + rssTail
	pages, errs := read(t, "f.xml", feed, Options{MaxItems: 2})
	if len(pages) != 2 || len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) {
		t.Errorf("pages %d errs %v", len(pages), errs)
	}
}

const jsonFeedHead = `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Desk", "items": [`

func jsonFeedItemText(n int) string {
	return fmt.Sprintf(`{"id": "j-%d", "url": "https://news.example/j/%d", "title": "Item %d", "content_html": "<p>JSON body %d – “ok”</p>", "date_published": "2025-01-0%dT12:00:00Z", "authors": [{"name": "Sam Obi"}]}`, n, n, n, n, n)
}

func jsonWant(n int) wantItem {
	return wantItem{title: fmt.Sprintf("Item %d", n), url: fmt.Sprintf("https://news.example/j/%d", n), guid: fmt.Sprintf("j-%d", n),
		body: fmt.Sprintf("<p>JSON body %d – “ok”</p>", n), byline: "Sam Obi", date: fmt.Sprintf("2025-01-0%d", n)}
}

func TestJSONFeed(t *testing.T) {
	for _, c := range []struct {
		name, feed string
		want       []wantItem
		errs       []string
	}{
		{"whole", jsonFeedHead + jsonFeedItemText(1) + ", " + jsonFeedItemText(2) + "]}", []wantItem{jsonWant(1), jsonWant(2)}, nil},
		{"truncated", jsonFeedHead + jsonFeedItemText(1) + ",\n" + jsonFeedItemText(2)[:30], []wantItem{jsonWant(1)},
			[]string{fmt.Sprintf("item 2 (line 2, byte %d): the feed is truncated", len(jsonFeedHead)+len(jsonFeedItemText(1))+2)}},
		{"wrong shape", jsonFeedHead + jsonFeedItemText(1) + `, {"id": "x", "title": ["no"]}, ` + jsonFeedItemText(3) + "]}",
			[]wantItem{jsonWant(1), func() wantItem { w := jsonWant(3); w.line = 3; return w }()}, []string{"item 2", "wrong shape"}},
		{"malformed", jsonFeedHead + jsonFeedItemText(1) + `, {"id": "x" "title"}` + "]}", []wantItem{jsonWant(1)}, []string{"malformed JSON"}},
		{"number id and text content", jsonFeedHead + `{"id": 7, "title": "T", "content_text": "Plain “text”.", "date_published": "yesterday"}]}`,
			[]wantItem{{title: "T", guid: "7", body: "Plain “text”.", diag: `unparsable date "yesterday"`}}, nil},
		{"no items", `{"version": "https://jsonfeed.org/version/1", "title": "x"}`, nil, []string{"no \"items\""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, errs := read(t, "j.json", c.feed, Options{})
			if len(errs) != len(c.errs)/max(1, len(c.errs)) && !(len(c.errs) == 0 && len(errs) == 0) {
				t.Errorf("errors %v, want %v", errs, c.errs)
			}
			for _, e := range c.errs {
				if len(errs) == 0 || !strings.Contains(errs[0].Error(), e) {
					t.Errorf("errors %v, want one with %q", errs, e)
				}
			}
			for _, p := range pages {
				if p.Source.Outlet != "JSON Desk" && c.name != "no items" {
					t.Errorf("outlet %q", p.Source.Outlet)
				}
			}
			checkItems(t, pages, c.want)
			if c.name == "number id and text content" && pages[0].Format != dateline.FormatText {
				t.Errorf("format %q", pages[0].Format)
			}
		})
	}
}

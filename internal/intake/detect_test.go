package intake

import "testing"

func TestFormatByName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"a.txt", FormatText}, {"dir/A.TXT", FormatText}, {"notes.md", FormatText},
		{"page.html", FormatHTML}, {"page.htm", FormatHTML}, {"page.HTML.gz", FormatHTML},
		{"feed.xml", FormatFeed}, {"feed.rss", FormatFeed}, {"feed.atom", FormatFeed}, {"feed.json", ""},
		{"dump.jsonl", FormatJSONL}, {"dump.ndjson", FormatJSONL}, {"dump.jsonl.gz", FormatJSONL},
		{"crawl.warc", FormatWARC}, {"crawl.warc.gz", FormatWARC}, {"CRAWL.WARC.GZ", FormatWARC},
		{"story.txt.gz", FormatText}, {"README", ""}, {"image.png", ""}, {"-", ""},
		{"https://example.org/news/feed.xml?x=1", FormatFeed}, {"https://example.org/a.html#top", FormatHTML},
	} {
		if got := formatByName(c.name); got != c.want {
			t.Errorf("formatByName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFormatByContentType(t *testing.T) {
	for _, c := range []struct{ ct, want string }{
		{"text/html; charset=utf-8", FormatHTML}, {"application/xhtml+xml", FormatHTML},
		{"application/rss+xml", FormatFeed}, {"application/atom+xml; charset=UTF-8", FormatFeed},
		{"text/xml", FormatFeed}, {"application/feed+json", FormatFeed},
		{"application/x-ndjson", FormatJSONL}, {"application/warc", FormatWARC},
		{"text/plain; charset=iso-8859-1", FormatText}, {"TEXT/HTML", FormatHTML},
		{"application/json", ""}, {"application/octet-stream", ""}, {"", ""}, {"garbage;;", ""},
	} {
		if got := formatByContentType(c.ct); got != c.want {
			t.Errorf("formatByContentType(%q) = %q, want %q", c.ct, got, c.want)
		}
	}
}

func TestSniffFormat(t *testing.T) {
	for _, c := range []struct{ head, ct, want string }{
		{"Plain words on a line.\nAnother line.", "", FormatText},
		{"<!DOCTYPE html><html><body>x</body></html>", "", FormatHTML},
		{"\xef\xbb\xbf  <html lang=en>", "", FormatHTML},
		{"Intro line\n<p>a paragraph</p>", "", FormatHTML},
		{`<?xml version="1.0"?><rss version="2.0"><channel>`, "", FormatFeed},
		{`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, "", FormatFeed},
		{`<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`, "", FormatFeed},
		{`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, "", FormatHTML},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "", FormatFeed},
		{`{"url": "https://example.org/a", "text": "Words."}` + "\n", "", FormatJSONL},
		{"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "", FormatWARC},
		{"%PDF-1.7\n...", "", binaryFormat},
		{"\x89PNG\r\n\x1a\n\x00\x00", "", binaryFormat},
		{"abc\x00def", "", binaryFormat},
		{"a\x01b\x02c\x03d\x04e\x05", "", binaryFormat},
		{"", "", FormatText},
		// The content type decides, except against clear evidence.
		{"<html>", "text/plain", FormatText},
		{"Just text", "text/html", FormatHTML},
		{`{"url":"u","text":"t"}`, "application/json", FormatJSONL},
		{`{"version":"https://jsonfeed.org/version/1"}`, "application/feed+json", FormatFeed},
		{`{"url":"u","text":"t"}`, "application/feed+json", FormatJSONL},
		{"WARC/1.0\r\n", "application/octet-stream", FormatWARC},
	} {
		if got := sniffFormat([]byte(c.head), c.ct); got != c.want {
			t.Errorf("sniffFormat(%q, %q) = %q, want %q", c.head, c.ct, got, c.want)
		}
	}
}

func TestGuessUTF16(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"H\x00e\x00l\x00l\x00o\x00 \x00w\x00o\x00r\x00l\x00d\x00", "utf-16le"},
		{"\x00H\x00e\x00l\x00l\x00o\x00 \x00w\x00o\x00r\x00l\x00d", "utf-16be"},
		{"Hello world, in ASCII", ""},
		{"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", ""},
		{"H\x00", ""},
	} {
		if got := guessUTF16([]byte(c.in)); got != c.want {
			t.Errorf("guessUTF16(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDescribeBinary(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"%PDF-1.4", "binary file (PDF document)"},
		{"PK\x03\x04rest", "binary file (ZIP archive (or an Office document))"},
		{"ab\x00cd", "binary file (NUL byte at offset 2)"},
		{"\x01\x02\x03", "binary file (mostly control bytes)"},
	} {
		if got := describeBinary([]byte(c.in)); got != c.want {
			t.Errorf("describeBinary(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

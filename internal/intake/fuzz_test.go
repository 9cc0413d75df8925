package intake

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Limits of the fuzzed readers.
const (
	fuzzMaxBytes = 1 << 16
	fuzzMaxItems = 64
)

// checkFuzz drains a sequence and checks the invariants every reader keeps
// on any input: no nil page without an error, *Error errors, diagnostics
// inside the input, bodies bounded.
func checkFuzz(t *testing.T, format string, data []byte) {
	n := 0
	for p, err := range Read(context.Background(), "fuzz", bytes.NewReader(data), Options{Format: format, MaxBytes: fuzzMaxBytes, MaxItems: fuzzMaxItems}) {
		n++
		if n > 10*fuzzMaxItems {
			t.Fatal("too many results")
		}
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if p != nil {
				t.Fatal("page and error together")
			}
			continue
		}
		if p == nil {
			t.Fatal("nil page without error")
		}
		if p.Format != dateline.FormatHTML && p.Format != dateline.FormatText {
			t.Fatalf("format %q", p.Format)
		}
		if p.Source.Kind == "" || p.Source.Path != "fuzz" {
			t.Fatalf("source %+v", p.Source)
		}
		if int64(len(p.Body)) > 4*int64(len(data))+fuzzMaxBytes {
			t.Fatalf("body of %d bytes from %d input bytes", len(p.Body), len(data))
		}
		if p.Format == dateline.FormatText && (format == FormatText || format == FormatJSONL) && !utf8.Valid(p.Body) {
			t.Fatalf("text body is not UTF-8: %q", p.Body)
		}
		limit := len(data)
		if isGzip(data) && format != FormatWARC {
			limit = fuzzMaxBytes + 1<<20 // offsets into the decompressed stream
		}
		for _, d := range p.Diags {
			if d.Span.Start < 0 || d.Span.Start > d.Span.End || int(d.Span.End) > limit {
				t.Fatalf("diagnostic %+v out of the input's %d bytes", d, len(data))
			}
		}
	}
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rssHead + rssItem(1, "") + rssItem(2, "") + rssTail))
	f.Add([]byte(rssHead + rssItem(1, "") + strings.Replace(rssItem(2, ""), "</item>", "", 1) + rssItem(3, "") + rssTail))
	f.Add([]byte(rssHead + rssItem(1, "")[:100]))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title><link href="x"/><content type="xhtml"><div><p>x</p></div></content></entry></feed>`))
	f.Add([]byte(jsonFeedHead + jsonFeedItemText(1) + "," + jsonFeedItemText(2)[:40]))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rdf:RDF><item><title>Caf` + "\xe9" + `</title><description><![CDATA[x`))
	f.Fuzz(func(t *testing.T, data []byte) { checkFuzz(t, FormatFeed, data) })
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"url": "u", "title": "t", "published": "2025-01-02", "source": "s", "text": "x “y”"}` + "\n" + `{"html": "<p>z</p>"}`))
	f.Add([]byte("{\"text\": \"a\"}\r\n\n{bad\n{\"text\": 1}\n"))
	f.Add([]byte(`{"text": "a", "published": "not a date"} trailing`))
	f.Fuzz(func(t *testing.T, data []byte) { checkFuzz(t, FormatJSONL, data) })
}

func FuzzWARC(f *testing.F) {
	recs := sampleWARC()
	f.Add([]byte(strings.Join(recs, "")))
	f.Add([]byte(recs[2] + recs[5]))
	f.Add([]byte(gzipString(recs[2]) + gzipString(recs[6])))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nx"))
	f.Fuzz(func(t *testing.T, data []byte) { checkFuzz(t, FormatWARC, data) })
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("The minister said “we’re ready” – then left."), "")
	f.Add(utf16le("Talks resumed.", true), "")
	f.Add(utf16be("Talks resumed.", false), "")
	f.Add([]byte("\x93Caf\xe9\x94"), "")
	f.Add([]byte("Caf\xe9"), "iso-8859-1")
	f.Add([]byte("ab\xffcd\xc3\xa9"), "utf-8")
	f.Add([]byte("%PDF-1.4\x00"), "")
	f.Fuzz(func(t *testing.T, data []byte, label string) {
		out, diags, err := DecodeText(data, label)
		if err != nil {
			if out != nil || diags != nil {
				t.Fatal("output with an error")
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("not UTF-8: %q", out)
		}
		if len(bytes.TrimSpace(out)) == 0 || bytes.IndexByte(out, 0) >= 0 {
			t.Fatalf("empty or NUL output %q accepted", out)
		}
		if len(out) > 3*len(data)+3 {
			t.Fatalf("%d bytes from %d", len(out), len(data))
		}
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.Start > d.Span.End || int(d.Span.End) > len(data) {
				t.Fatalf("diagnostic %+v out of %d bytes", d, len(data))
			}
		}
	})
}

// FuzzRead runs detection and whichever reader it picks.
func FuzzRead(f *testing.F) {
	f.Add([]byte("<html><p>x</p></html>"))
	f.Add([]byte(rssHead + rssItem(1, "")))
	f.Add([]byte(`{"text": "x"}`))
	f.Add(gzipBytes([]byte("Plain text report.")))
	f.Add([]byte(sampleWARC()[2]))
	f.Fuzz(func(t *testing.T, data []byte) { checkFuzz(t, "", data) })
}
